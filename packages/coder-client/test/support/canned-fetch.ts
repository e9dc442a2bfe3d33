// A fetch that gives canned answers and keeps every request the client made, for tests of what goes out and comes back.

/** One request as the client sent it. */
export interface SentRequest {
  method: string;
  /** The whole URL, e.g. `http://coder.test/api/v2/workspaces?q=owner%3Ame`. */
  url: string;
  /** Host and port, e.g. `coder.test`. */
  host: string;
  /** Path and query as sent, e.g. `/api/v2/workspaces?q=owner%3Ame`. */
  target: string;
  headers: Headers;
  /** The body as text; `undefined` when the request had none. */
  body: string | undefined;
  /** The redirect mode the fetch was asked for (the init's, else the Request's). */
  redirect: RequestRedirect;
}

export type CannedAnswer = (request: SentRequest) => Response | Promise<Response>;

export interface CannedFetch {
  fetch: typeof fetch;
  /** Every request, in the order the client sent them. */
  requests: SentRequest[];
  /** `METHOD target` of every request, in order. */
  lines(): string[];
}

/** A fetch that answers each request with `answer` and records it. */
export function cannedFetch(answer: CannedAnswer): CannedFetch {
  const requests: SentRequest[] = [];
  const fetchStub = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    const sent: SentRequest = {
      method: request.method,
      url: request.url,
      host: url.host,
      // As sent: a bare `?` stays.
      target: request.url.slice(url.origin.length),
      headers: request.headers,
      body: request.body ? await request.text() : undefined,
      redirect: init?.redirect ?? request.redirect,
    };
    requests.push(sent);
    return answer(sent);
  }) as typeof fetch;
  return { fetch: fetchStub, requests, lines: () => requests.map((request) => `${request.method} ${request.target}`) };
}

/** A JSON answer, 200 unless `init` says otherwise. */
export function jsonAnswer(body: unknown, init: ResponseInit = {}): Response {
  return new Response(JSON.stringify(body), { status: 200, ...init, headers: { 'content-type': 'application/json', ...init.headers } });
}

/** Answers each `METHOD target` from the table (query included), and 404 with Coder's error body for anything else. */
export function answersByRequest(table: Readonly<Record<string, () => Response>>): CannedAnswer {
  return (request) => {
    const answer = table[`${request.method} ${request.target}`];
    return answer ? answer() : jsonAnswer({ message: `no canned answer for ${request.method} ${request.target}` }, { status: 404 });
  };
}

/** A fetch that fails every call with `error` (thrown as is, whatever it is); counts the calls. */
export function failingFetch(error: unknown): { fetch: typeof fetch; calls: () => number } {
  let calls = 0;
  const fetchThatFails = (async () => {
    calls += 1;
    throw error;
  }) as typeof fetch;
  return { fetch: fetchThatFails, calls: () => calls };
}

/** A fetch that never answers and, like a real one, rejects once the request's signal aborts. */
export function neverAnsweringFetch(): typeof fetch {
  return ((input: RequestInfo | URL, init?: RequestInit) =>
    new Promise<Response>((_resolve, reject) => {
      const signal = input instanceof Request ? input.signal : init?.signal;
      if (signal?.aborted) {
        reject(new DOMException('aborted', 'AbortError'));
      }
      signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
    })) as typeof fetch;
}
