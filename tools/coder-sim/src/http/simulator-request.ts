// What a route handler receives: the matched path parameters, the query, the caller and a way to read the JSON body.
import type { IncomingMessage } from 'node:http';
import type { UserRecord } from '../world/world-model.js';
import { CoderHttpError } from './coder-error.js';

export interface SimulatorRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  parameters: Readonly<Record<string, string>>;
  /** the user the presented token belongs to (routes without authentication see the main user when none was presented) */
  user: UserRecord;
  /** the request presented a session token the deployment knows (cookie, query, header or Bearer) */
  tokenAccepted: boolean;
  /** the path and query as received, e.g. '/@fleet-dev/w.main/apps/ccw/status?x=1' */
  originalUrl: string;
  /** set when the request came in on a subdomain app host (`{slug}--{agent}--{workspace}--{owner}.<wildcard>`) */
  subdomainHost: string | null;
  /** the request body parsed as JSON, or Coder's 400 for a body that is not JSON */
  readJson(): Promise<unknown>;
  /** the request body as an application/x-www-form-urlencoded form (OAuth2 token requests) */
  readForm(): Promise<URLSearchParams>;
  /** the Authorization header as sent, for OAuth2 client authentication */
  authorization: string | undefined;
}

const MAXIMUM_BODY_BYTES = 10 * 1024 * 1024;

export async function readRequestText(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > MAXIMUM_BODY_BYTES) {
      throw new CoderHttpError(413, { message: 'Request body is too large.' });
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** httpapi.Read: a body that does not decode as JSON is a 400. */
export function parseJsonBody(text: string): unknown {
  try {
    return JSON.parse(text === '' ? 'null' : text) as unknown;
  } catch (error) {
    throw new CoderHttpError(400, {
      message: 'Request body must be valid JSON.',
      detail: error instanceof Error ? error.message : String(error),
    });
  }
}
