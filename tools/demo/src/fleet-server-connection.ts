// The built MCP server spawned over stdio, as an MCP client launches it, with the SDK client connected to it.
import type { Readable } from 'node:stream';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { getDefaultEnvironment, StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult, Progress } from '@modelcontextprotocol/sdk/types.js';
import { ProgressTapTransport } from './progress-tap-transport.js';

export interface CoderTarget {
  url: string;
  token: string;
}

export interface FleetServerConnection {
  /** The server's stderr so far: its JSON log lines, token already redacted by the server. */
  serverLog(): string;
  /**
   * The log line of the server's start-up check of Coder (it carries `coder_check`, and `coder_version` and
   * `coder_user` once connected): the server checks while it already serves. Undefined if none came within `timeoutMs`.
   */
  coderCheck(timeoutMs: number): Promise<Record<string, unknown> | undefined>;
  /** One call at a time: `onProgress` set asks the server for progress and receives every step it sends. */
  call(name: string, args: Record<string, unknown>, onProgress?: (progress: Progress) => void): Promise<CallToolResult>;
  close(): Promise<void>;
}

/** A waiting create or restart can take minutes on a real Coder; progress resets this bound. */
const CALL_TIMEOUT_MS = 5 * 60_000;

export async function connectFleetServer(serverCommand: string, coder: CoderTarget): Promise<FleetServerConnection> {
  const stdio = new StdioClientTransport({
    command: process.execPath,
    args: [serverCommand],
    env: { ...getDefaultEnvironment(), CODER_URL: coder.url, CODER_SESSION_TOKEN: coder.token },
    stderr: 'pipe',
  });
  let listener: ((progress: Progress) => void) | undefined;
  const transport = new ProgressTapTransport(stdio, (progress) => listener?.(progress));
  let log = '';
  const logWaiters = new Set<() => void>();
  const stderr = stdio.stderr as Readable | null;
  stderr?.setEncoding('utf8');
  stderr?.on('data', (chunk: string) => {
    log += chunk;
    for (const wake of [...logWaiters]) wake();
  });
  const checkLine = (): Record<string, unknown> | undefined => {
    for (const line of log.split('\n')) {
      if (!line.includes('"coder_check":')) continue;
      try {
        return JSON.parse(line) as Record<string, unknown>;
      } catch {
        // The line is not complete yet: the next chunk ends it.
      }
    }
    return undefined;
  };
  const client = new Client({ name: 'fleet-demo', version: '0.1.0' });
  try {
    await client.connect(transport);
    // Listing the tools makes the SDK client check every structured result against the tool's output schema.
    await client.listTools();
  } catch (error) {
    await transport.close();
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`the MCP server did not start (${reason}); its log:\n${log.trim()}`);
  }
  return {
    serverLog: () => log,
    coderCheck: (timeoutMs) =>
      new Promise((resolve) => {
        const done = (record: Record<string, unknown> | undefined) => {
          clearTimeout(timer);
          logWaiters.delete(look);
          resolve(record);
        };
        const look = () => {
          const record = checkLine();
          if (record !== undefined) done(record);
        };
        const timer = setTimeout(() => done(undefined), timeoutMs);
        logWaiters.add(look);
        look();
      }),
    async call(name, args, onProgress) {
      listener = onProgress;
      try {
        const result = await client.callTool({ name, arguments: args }, undefined, {
          timeout: CALL_TIMEOUT_MS,
          resetTimeoutOnProgress: true,
          // The SDK sends a progress token only with a callback; the tap delivers the steps, so this one ignores them.
          ...(onProgress === undefined ? {} : { onprogress: () => undefined }),
        });
        return result as CallToolResult;
      } finally {
        listener = undefined;
      }
    },
    close: () => client.close(),
  };
}
