// Reads a bounded JSON request body, so that the HTTP server can see whether a new session starts with initialize.
import type { IncomingMessage } from 'node:http';

export type RequestBodyResult =
  | { ok: true; value: unknown }
  | { ok: false; status: 400 | 413; message: string };

export async function readJsonBody(request: IncomingMessage, maxBytes: number): Promise<RequestBodyResult> {
  const declared = Number(request.headers['content-length'] ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxBytes) return tooLarge(maxBytes);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > maxBytes) return tooLarge(maxBytes);
    chunks.push(buffer);
  }
  try {
    return { ok: true, value: JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown };
  } catch {
    return { ok: false, status: 400, message: 'Parse error: the request body is not valid JSON' };
  }
}

function tooLarge(maxBytes: number): RequestBodyResult {
  return { ok: false, status: 413, message: `Request body too large: at most ${maxBytes} bytes` };
}
