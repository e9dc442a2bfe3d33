// Writes a handler's response to the socket, applying body faults (malformed, slow) and counting the bytes sent.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FaultRule } from '../simulator-types.js';
import type { SimulatorResponse } from './simulator-response.js';

export const CODER_JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

export interface ResponseWriteOptions {
  commonHeaders: Readonly<Record<string, string>>;
  fault: FaultRule | undefined;
  countBytes: (bytes: number) => void;
}

const SLOW_BODY_CHUNKS = 10;

function waitForDrainOrClose(response: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      response.off('drain', done);
      response.off('close', done);
      resolve();
    };
    response.once('drain', done);
    response.once('close', done);
  });
}

/** Injected waits must not keep the process alive once the simulator is closed. */
function pause(milliseconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, milliseconds).unref());
}

function materialise(response: SimulatorResponse): { text: string | null; contentType: string } {
  const body = response.body;
  switch (body.kind) {
    case 'json':
      return { text: JSON.stringify(body.value), contentType: body.contentType ?? CODER_JSON_CONTENT_TYPE };
    case 'json-stream':
      return { text: [...body.chunks()].join(''), contentType: CODER_JSON_CONTENT_TYPE };
    case 'text':
      return { text: body.text, contentType: body.contentType };
    case 'empty':
    case 'event-stream':
      return { text: null, contentType: CODER_JSON_CONTENT_TYPE };
  }
}

/** A prefix of the real body: it looks like the start of JSON but never parses. */
function malformed(text: string | null): string {
  if (!text || text.length < 4) {
    return '{"message": ';
  }
  return text.slice(0, Math.max(2, Math.floor(text.length / 2)));
}

async function writeSlowly(
  response: ServerResponse,
  status: number,
  headers: Record<string, string>,
  payload: Buffer,
  durationMs: number,
  countBytes: (bytes: number) => void,
): Promise<void> {
  response.writeHead(status, headers);
  response.flushHeaders();
  const chunkSize = Math.max(1, Math.ceil(payload.length / SLOW_BODY_CHUNKS));
  const chunkCount = Math.max(1, Math.ceil(payload.length / chunkSize));
  for (let chunk = 0; chunk < chunkCount && !response.destroyed; chunk += 1) {
    await pause(durationMs / chunkCount);
    const piece = payload.subarray(chunk * chunkSize, (chunk + 1) * chunkSize);
    countBytes(piece.length);
    response.write(piece);
  }
  response.end();
}

async function writeStream(
  response: ServerResponse,
  status: number,
  headers: Record<string, string>,
  chunks: Iterable<string>,
  countBytes: (bytes: number) => void,
): Promise<void> {
  response.writeHead(status, headers);
  for (const chunk of chunks) {
    if (response.destroyed) {
      return;
    }
    const buffer = Buffer.from(chunk, 'utf8');
    countBytes(buffer.length);
    if (!response.write(buffer)) {
      await waitForDrainOrClose(response);
    }
  }
  response.end();
}

function openEventStream(
  request: IncomingMessage,
  response: ServerResponse,
  headers: Record<string, string>,
  open: (writer: { send(event: string, data: unknown, id: number): void }) => () => void,
  countBytes: (bytes: number) => void,
): void {
  response.writeHead(200, {
    ...headers,
    'Content-Type': 'text/event-stream',
    'Cache-Control': 'no-cache',
    Connection: 'keep-alive',
  });
  response.flushHeaders();
  const close = open({
    send(event, data, id) {
      if (response.destroyed) {
        return;
      }
      const text = `id: ${id}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
      countBytes(Buffer.byteLength(text));
      response.write(text);
    },
  });
  request.on('close', close);
  response.on('close', close);
}

export async function writeSimulatorResponse(
  request: IncomingMessage,
  response: ServerResponse,
  result: SimulatorResponse,
  options: ResponseWriteOptions,
): Promise<void> {
  const headers: Record<string, string> = { ...options.commonHeaders, ...result.headers };
  const fault = options.fault;
  if (result.body.kind === 'event-stream') {
    openEventStream(request, response, headers, result.body.open, options.countBytes);
    return;
  }
  if (fault?.malformedBody) {
    const text = malformed(materialise(result).text);
    const payload = Buffer.from(text, 'utf8');
    headers['Content-Type'] = CODER_JSON_CONTENT_TYPE;
    if (fault.slowBodyMs) {
      await writeSlowly(response, 200, headers, payload, fault.slowBodyMs, options.countBytes);
      return;
    }
    headers['Content-Length'] = String(payload.length);
    options.countBytes(payload.length);
    response.writeHead(200, headers);
    response.end(payload);
    return;
  }
  if (result.body.kind === 'json-stream' && !fault?.slowBodyMs) {
    headers['Content-Type'] = CODER_JSON_CONTENT_TYPE;
    await writeStream(response, result.status, headers, result.body.chunks(), options.countBytes);
    return;
  }
  const { text, contentType } = materialise(result);
  if (text === null) {
    options.countBytes(0);
    response.writeHead(result.status, headers);
    response.end();
    return;
  }
  const payload = Buffer.from(text, 'utf8');
  headers['Content-Type'] = contentType;
  if (fault?.slowBodyMs) {
    await writeSlowly(response, result.status, headers, payload, fault.slowBodyMs, options.countBytes);
    return;
  }
  headers['Content-Length'] = String(payload.length);
  options.countBytes(payload.length);
  response.writeHead(result.status, headers);
  response.end(payload);
}
