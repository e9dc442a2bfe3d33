// JSON-RPC by hand over a spawned server's stdio: for what the SDK client never sends (garbage, oversized lines) or cannot show.
import type { ServerProcess } from './server-process.js';

export type JsonRpcMessage = Record<string, unknown> & { id?: unknown; result?: unknown; error?: { code: number; message: string } };

export const INITIALIZE = {
  jsonrpc: '2.0',
  id: 0,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'fleet-e2e-raw', version: '1.0.0' } },
};

export function parseJson(line: string): JsonRpcMessage | undefined {
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === 'object' && value !== null ? (value as JsonRpcMessage) : undefined;
  } catch {
    return undefined;
  }
}

/** The first message on stdout `match` accepts. */
export function waitForMessage(server: ServerProcess, match: (message: JsonRpcMessage) => boolean, description: string, timeoutMs?: number): Promise<JsonRpcMessage> {
  return server.stdout.waitForLine((line) => {
    const message = parseJson(line);
    return message !== undefined && match(message) ? message : undefined;
  }, description, timeoutMs);
}

/** The first log record on stderr `match` accepts. */
export function waitForLog(server: ServerProcess, match: (record: JsonRpcMessage) => boolean, description: string, timeoutMs?: number): Promise<JsonRpcMessage> {
  return server.stderr.waitForLine((line) => {
    const record = parseJson(line);
    return record !== undefined && match(record) ? record : undefined;
  }, description, timeoutMs);
}

/** Sends initialize and the initialized notification, and resolves once the server answered. */
export async function initialize(server: ServerProcess, timeoutMs?: number): Promise<JsonRpcMessage> {
  const answered = waitForMessage(server, (message) => message.id === INITIALIZE.id, 'the answer to initialize', timeoutMs);
  await server.write(`${JSON.stringify(INITIALIZE)}\n`);
  const answer = await answered;
  await server.write(`${JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' })}\n`);
  return answer;
}

export function toolCall(id: number, name: string, args: Record<string, unknown> = {}): string {
  return `${JSON.stringify({ jsonrpc: '2.0', id, method: 'tools/call', params: { name, arguments: args } })}\n`;
}
