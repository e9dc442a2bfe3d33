// A fetch that records every response it passes back (method, route key, status, body) for the contract check.
import type { RouteMatcher } from './route-matcher.js';

export interface RecordedResponse {
  method: string;
  pathname: string;
  routeKey: string;
  status: number;
  contentType: string;
  bodyText: string;
}

export class ResponseRecorder {
  readonly records: RecordedResponse[] = [];
  private readonly pendingStreams: Promise<void>[] = [];

  constructor(
    private readonly routeMatcher: RouteMatcher,
    private readonly baseFetch: typeof fetch = globalThis.fetch,
  ) {}

  readonly fetch = async (input: string | URL, init?: RequestInit): Promise<Response> => {
    const url = new URL(input);
    const method = (init?.method ?? 'GET').toUpperCase();
    const response = await this.baseFetch(input, init);
    const contentType = response.headers.get('content-type') ?? '';
    const record: RecordedResponse = {
      method,
      pathname: url.pathname,
      routeKey: this.routeMatcher.routeKeyFor(method, url.pathname),
      status: response.status,
      contentType,
      bodyText: '',
    };
    this.records.push(record);
    if (!contentType.includes('text/event-stream') || response.body === null) {
      record.bodyText = await response.clone().text();
      return response;
    }
    // An event stream does not end on its own: the caller reads (and aborts) one branch, the record keeps the other.
    const [forCaller, forRecord] = response.body.tee();
    this.pendingStreams.push(collectText(forRecord).then((text) => void (record.bodyText = text)));
    return new Response(forCaller, { status: response.status, statusText: response.statusText, headers: response.headers });
  };

  /** Resolves once every recorded event stream has ended or been aborted. */
  async settled(): Promise<void> {
    await Promise.all(this.pendingStreams);
  }
}

async function collectText(stream: ReadableStream<Uint8Array>): Promise<string> {
  const decoder = new TextDecoder();
  const reader = stream.getReader();
  let text = '';
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
  } catch {
    // The caller aborted the stream; what arrived so far is the record.
  }
  return text;
}
