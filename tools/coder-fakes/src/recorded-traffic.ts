// Reads Coder's answers out of the Polly recordings (HAR files) under recordings/coder-client/, for test fakes.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CoderApiError } from '@fleet/coder-client';

/** The Coder releases recorded under recordings/coder-client/ (from the simulator playing each). */
export type RecordedGeneration = 'v2.27.1' | 'v2.30.0' | 'v2.34.3' | 'v2.37.0';

interface HarEntry {
  request: { method: string; url: string; postData?: { text?: string } };
  response: { status: number; content: { text?: string } };
}

export interface RecordedExchange {
  method: string;
  /** Path without host and query, e.g. `/api/v2/workspaces/{id}`. */
  path: string;
  query: string;
  status: number;
  body: unknown;
  /** The JSON the request sent, for writes. */
  requestBody: unknown;
}

const recordingsRoot = fileURLToPath(new URL('../../../recordings/coder-client/', import.meta.url));
const cache = new Map<string, RecordedExchange[]>();

/** Every exchange of one recorded case (`workspaces`, `tasks`, `agent-api`, ...), in recorded order. */
export function recordedExchanges(generation: RecordedGeneration, recordingCase: string): RecordedExchange[] {
  const key = `${generation}/${recordingCase}`;
  const cached = cache.get(key);
  if (cached) {
    return cached;
  }
  const generationFolder = `${recordingsRoot}simulator-${generation}/`;
  const folder = readdirSync(generationFolder).find((name) => name.startsWith(`${recordingCase}_`));
  if (!folder) {
    throw new Error(`No recording "${recordingCase}" for ${generation} under ${generationFolder}`);
  }
  const har = JSON.parse(readFileSync(`${generationFolder}${folder}/recording.har`, 'utf8')) as { log: { entries: HarEntry[] } };
  const exchanges = har.log.entries.map((entry) => {
    const url = new URL(entry.request.url);
    const text = entry.response.content.text ?? '';
    let body: unknown = text;
    try {
      body = text === '' ? undefined : JSON.parse(text);
    } catch {
      // Not JSON (an HTML error page, a malformed body): kept as text.
    }
    const sent = entry.request.postData?.text;
    const requestBody: unknown = sent ? JSON.parse(sent) : undefined;
    return {
      method: entry.request.method,
      path: decodeURIComponent(url.pathname),
      query: url.search,
      status: entry.response.status,
      body,
      requestBody,
    };
  });
  cache.set(key, exchanges);
  return exchanges;
}

/** The body of the `occurrence`-th exchange (0 = first, -1 = last) whose method and path match. */
export function recordedBody(
  generation: RecordedGeneration,
  recordingCase: string,
  method: string,
  path: RegExp,
  occurrence = 0,
): unknown {
  return recordedExchange(generation, recordingCase, method, path, occurrence).body;
}

export function recordedExchange(
  generation: RecordedGeneration,
  recordingCase: string,
  method: string,
  path: RegExp,
  occurrence = 0,
): RecordedExchange {
  const matching = recordedExchanges(generation, recordingCase).filter(
    (exchange) => exchange.method === method && path.test(exchange.path),
  );
  const found = occurrence < 0 ? matching[matching.length + occurrence] : matching[occurrence];
  if (!found) {
    throw new Error(`No recorded ${method} ${path} (#${occurrence}) in ${generation}/${recordingCase}`);
  }
  return found;
}

/** The error a recorded error answer becomes in the client, built as the client builds it. */
export function recordedApiError(
  generation: RecordedGeneration,
  recordingCase: string,
  method: string,
  path: RegExp,
  occurrence = 0,
): CoderApiError {
  const exchange = recordedExchange(generation, recordingCase, method, path, occurrence);
  const body = (typeof exchange.body === 'object' && exchange.body !== null ? exchange.body : {}) as Record<string, unknown>;
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  const validations = Array.isArray(body['validations']) ? (body['validations'] as { field: string; detail: string }[]) : [];
  return new CoderApiError({
    method: exchange.method,
    path: exchange.path,
    status: exchange.status,
    message: text(body['message']) ?? text(body['title']) ?? `HTTP ${exchange.status}`,
    detail: text(body['detail']),
    validations,
  });
}
