// MCP over stdio, one JSON-RPC message a line: bounded lines, an answer for every line that is not a message, failures told, calls in flight counted.
//
// Not the SDK's StdioServerTransport (1.32): a message past its 10 MiB buffer closes the
// transport (the server exited 0 with calls in flight lost), a line that is not JSON-RPC is
// dropped without an answer, an error on stdout is left unhandled (the process dies with a stack
// trace), and nothing tells which calls are still open when the server is asked to stop.
import type { Readable, Writable } from 'node:stream';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { JSONRPCMessageSchema, type JSONRPCMessage, type RequestId } from '@modelcontextprotocol/sdk/types.js';
import type { Logger } from './logger.js';

/** The longest line taken, as the HTTP transport's body limit: a task is capped far below it, so only a broken or hostile client sends more. */
export const DEFAULT_MAX_MESSAGE_BYTES = 4 * 1024 * 1024;

// JSON-RPC 2.0 error codes (https://www.jsonrpc.org/specification#error_object); -32000 is the first server-defined one.
const PARSE_ERROR = -32700;
const INVALID_REQUEST = -32600;
const SERVER_STOPPING = -32000;

/** How much of a refused line a log shows: enough to recognise it, never the line itself. */
const LOGGED_PREFIX_CHARACTERS = 32;
/** How much of each end of an oversized line is kept, to find its id without holding the rest. */
const KEPT_END_BYTES = 256;

export interface FleetStdioTransportOptions {
  stdin: Readable;
  stdout: Writable;
  logger: Logger;
  maxMessageBytes?: number;
}

interface OversizedLine {
  head: Buffer;
  tail: Buffer;
  bytes: number;
}

export class FleetStdioTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;

  readonly #stdin: Readable;
  readonly #stdout: Writable;
  readonly #logger: Logger;
  readonly #maxMessageBytes: number;
  #pending: Buffer[] = [];
  #pendingBytes = 0;
  #oversized: OversizedLine | undefined;
  readonly #callsInFlight = new Set<RequestId>();
  readonly #idleWaiters = new Set<() => void>();
  #failure: Error | undefined;
  #closed = false;

  constructor(options: FleetStdioTransportOptions) {
    this.#stdin = options.stdin;
    this.#stdout = options.stdout;
    this.#logger = options.logger;
    this.#maxMessageBytes = options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
  }

  /** Why the transport died (stdin or stdout failed), if it did. */
  get failure(): Error | undefined {
    return this.#failure;
  }

  /** Requests received and not answered yet (nor cancelled by the client). */
  get callsInFlight(): number {
    return this.#callsInFlight.size;
  }

  async start(): Promise<void> {
    this.#stdin.on('data', this.#onData);
    this.#stdin.on('error', this.#onStdinError);
    this.#stdout.on('error', this.#onStdoutError);
  }

  send(message: JSONRPCMessage): Promise<void> {
    if (this.#failure) return Promise.reject(this.#failure);
    if (('result' in message || 'error' in message) && message.id !== undefined) this.#settle(message.id);
    return this.#write(message);
  }

  /** Takes no more messages from stdin; what was read is still handled and answered. */
  stopReading(): void {
    this.#stdin.off('data', this.#onData);
    this.#stdin.pause();
  }

  /** Resolves true once no call is in flight, or false when `timeoutMs` passes first. */
  whenIdle(timeoutMs: number): Promise<boolean> {
    if (this.#callsInFlight.size === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = (idle: boolean) => {
        clearTimeout(timer);
        this.#idleWaiters.delete(wake);
        resolve(idle);
      };
      const wake = () => done(true);
      const timer = setTimeout(() => done(false), timeoutMs);
      this.#idleWaiters.add(wake);
    });
  }

  /** Answers every call still in flight with an error saying the server stopped before it finished; returns how many. */
  async abandonCallsInFlight(message: string): Promise<number> {
    const ids = [...this.#callsInFlight];
    await Promise.allSettled(ids.map((id) => this.send({ jsonrpc: '2.0', id, error: { code: SERVER_STOPPING, message } })));
    return ids.length;
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#stdin.off('data', this.#onData);
    this.#stdin.off('error', this.#onStdinError);
    this.#stdin.pause();
    this.#pending = [];
    this.#oversized = undefined;
    this.onclose?.();
  }

  readonly #onData = (chunk: Buffer | string): void => {
    let rest = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    while (rest.length > 0 && !this.#closed) {
      const end = rest.indexOf(0x0a);
      const piece = end === -1 ? rest : rest.subarray(0, end);
      rest = end === -1 ? Buffer.alloc(0) : rest.subarray(end + 1);
      if (this.#oversized) {
        this.#growOversized(piece);
      } else if (this.#pendingBytes + piece.length > this.#maxMessageBytes) {
        this.#startOversized(piece);
      } else {
        this.#pending.push(piece);
        this.#pendingBytes += piece.length;
      }
      if (end !== -1) this.#endLine();
    }
  };

  readonly #onStdinError = (error: Error): void => this.#fail('stdin', error);
  readonly #onStdoutError = (error: Error): void => this.#fail('stdout', error);

  #startOversized(piece: Buffer): void {
    const start = Buffer.concat([...this.#pending, piece]);
    this.#pending = [];
    this.#pendingBytes = 0;
    this.#oversized = { head: Buffer.from(start.subarray(0, KEPT_END_BYTES)), tail: Buffer.alloc(0), bytes: 0 };
    this.#growOversized(start);
    this.#logger.error(`stdio message too large: over ${this.#maxMessageBytes} bytes; skipping it to its end and answering it with an error`, {
      max_bytes: this.#maxMessageBytes,
    });
  }

  #growOversized(piece: Buffer): void {
    const line = this.#oversized;
    if (line === undefined) return;
    line.bytes += piece.length;
    const joined = Buffer.concat([line.tail, piece.subarray(Math.max(0, piece.length - KEPT_END_BYTES))]);
    line.tail = Buffer.from(joined.subarray(Math.max(0, joined.length - KEPT_END_BYTES)));
  }

  #endLine(): void {
    const oversized = this.#oversized;
    if (oversized) {
      this.#oversized = undefined;
      const id = idOfOversizedLine(oversized.head.toString('utf8'), oversized.tail.toString('utf8'));
      this.#logger.warn('skipped a stdio message that was too large', { bytes: oversized.bytes, max_bytes: this.#maxMessageBytes, id: id ?? null });
      this.#answerError(id, INVALID_REQUEST, `Request too large: over ${this.#maxMessageBytes} bytes; a task must be far shorter`);
      return;
    }
    const line = Buffer.concat(this.#pending).toString('utf8').replace(/\r$/, '');
    this.#pending = [];
    this.#pendingBytes = 0;
    if (line.trim() !== '') this.#handleLine(line);
  }

  #handleLine(line: string): void {
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      this.#logger.warn('stdin line is not JSON; answered with a parse error', { line_start: loggablePrefix(line), line_length: line.length });
      this.#answerError(undefined, PARSE_ERROR, 'Parse error: each line on stdin must be one JSON-RPC message');
      return;
    }
    const parsed = JSONRPCMessageSchema.safeParse(value);
    if (!parsed.success) {
      const id = idOf(value);
      this.#logger.warn('stdin line is JSON but not a JSON-RPC message; answered with an invalid-request error', {
        line_start: loggablePrefix(line),
        id: id ?? null,
      });
      this.#answerError(id, INVALID_REQUEST, 'Invalid Request: not a JSON-RPC 2.0 message');
      return;
    }
    const message = parsed.data;
    if ('method' in message && 'id' in message && message.id !== undefined) this.#callsInFlight.add(message.id);
    if ('method' in message && message.method === 'notifications/cancelled') {
      // A cancelled request gets no answer (MCP cancellation): it is no longer in flight.
      const requestId = idOf({ id: (message.params as { requestId?: unknown } | undefined)?.requestId });
      if (requestId !== undefined) this.#settle(requestId);
    }
    this.onmessage?.(message);
  }

  #answerError(id: RequestId | undefined, code: number, message: string): void {
    // `id: null` is JSON-RPC's answer when the request's id cannot be read; the SDK's types have no null, so it is written here.
    this.#write({ jsonrpc: '2.0', id: id ?? null, error: { code, message } }).catch(() => undefined);
  }

  #settle(id: RequestId): void {
    if (!this.#callsInFlight.delete(id) || this.#callsInFlight.size > 0) return;
    for (const wake of [...this.#idleWaiters]) wake();
  }

  #write(message: object): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#stdout.write(`${JSON.stringify(message)}\n`, (error) => (error ? reject(error) : resolve()));
    });
  }

  #fail(stream: 'stdin' | 'stdout', error: Error): void {
    if (this.#failure) return;
    this.#failure = error;
    this.#logger.error(`stdio transport failed: ${stream}: ${error.message}; the server stops`, { error });
    this.onerror?.(error);
    void this.close();
  }
}

function idOf(value: unknown): RequestId | undefined {
  if (typeof value !== 'object' || value === null || !('id' in value)) return undefined;
  const id = (value as { id: unknown }).id;
  return typeof id === 'string' || (typeof id === 'number' && Number.isInteger(id)) ? id : undefined;
}

const ID_VALUE = String.raw`(-?\d+|"(?:[^"\\]|\\.)*")`;
/** `"id"` as the first member of the outermost object (where most clients put it)... */
const ID_AT_START = new RegExp(String.raw`^\s*\{\s*(?:"jsonrpc"\s*:\s*"2\.0"\s*,\s*)?"id"\s*:\s*${ID_VALUE}`);
/** ...or as its last (the SDK's client spreads the request first, then adds `jsonrpc` and `id`): a single `}` after it closes the outermost object. */
const ID_AT_END = new RegExp(String.raw`"id"\s*:\s*${ID_VALUE}\s*\}\s*\r?$`);

/** The id of a line too large to parse, from its ends, so that its caller gets an answer instead of waiting out its timeout. */
function idOfOversizedLine(head: string, tail: string): RequestId | undefined {
  const found = ID_AT_START.exec(head)?.[1] ?? ID_AT_END.exec(tail)?.[1];
  if (found === undefined) return undefined;
  try {
    return JSON.parse(found) as RequestId;
  } catch {
    return undefined;
  }
}

/** The start of a refused line with everything but printable ASCII escaped, so that a log line cannot carry terminal controls. */
function loggablePrefix(line: string): string {
  const prefix = line.slice(0, LOGGED_PREFIX_CHARACTERS).replace(/[^\x20-\x7e]/g, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return line.length > LOGGED_PREFIX_CHARACTERS ? `${prefix}…` : prefix;
}
