// The built MCP server spawned over stdio, with the SDK client connected to it: what an MCP client sees.
import { readFileSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { localhostSubdomainsImport, serverCommandPath } from '@fleet/tool-support';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { getDefaultEnvironment, StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';

export interface FleetServer {
  /** Milliseconds from spawning the process to a served `initialize`. */
  startMs: number;
  call(name: string, args: Record<string, unknown>): Promise<CallToolResult>;
  /** The server process's id (for a heap snapshot signal while investigating, say); null once it is gone. */
  pid(): number | null;
  /** The server process's resident memory, in bytes (Linux /proc: VmRSS). */
  residentBytes(): number | undefined;
  /** The server process's peak resident memory since it started, in bytes (Linux /proc: VmHWM). */
  peakResidentBytes(): number | undefined;
  /** The names of the arguments a tool declares in its input schema (from tools/list). */
  toolArguments(name: string): Promise<string[] | undefined>;
  close(): Promise<void>;
}

/** A `kB` field of /proc/<pid>/status in bytes; undefined off Linux or once the process is gone. */
export function statusBytes(pid: number | null, field: 'VmRSS' | 'VmHWM'): number | undefined {
  if (pid === null) return undefined;
  let status: string;
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return undefined;
  }
  const match = new RegExp(`${field}:\\s+(\\d+) kB`).exec(status);
  return match?.[1] === undefined ? undefined : Number(match[1]) * 1024;
}

/** Fleet's server, once it also finished its start-up check of Coder, so that the check's requests never count towards a measured call. */
export async function startFleetServer(coder: { url: string; token: string }): Promise<FleetServer> {
  return startStdioServer(
    {
      // The simulator's subdomain apps live under *.apps.localhost, which this machine's resolver may not map to loopback.
      args: [localhostSubdomainsImport(), serverCommandPath()],
      env: { CODER_URL: coder.url, CODER_SESSION_TOKEN: coder.token },
    },
    { awaitCoderCheck: true },
  );
}

/** How long Fleet's start-up check of Coder may take: its own bound (5 s), and room for a loaded machine. */
const CODER_CHECK_BOUND_MS = 15_000;

/**
 * Any MCP server spawned over stdio (by node with `args`, unless `command` says otherwise) with the SDK's client connected to it.
 * `awaitCoderCheck`: Fleet answers `initialize` while it still checks Coder; also wait for the check's log line (`coder_check`).
 */
export async function startStdioServer(
  command: { command?: string; args: string[]; env?: Record<string, string>; cwd?: string },
  options: { awaitCoderCheck?: boolean } = {},
): Promise<FleetServer> {
  const transport = new StdioClientTransport({
    command: command.command ?? process.execPath,
    args: command.args,
    env: { ...getDefaultEnvironment(), ...command.env },
    ...(command.cwd === undefined ? {} : { cwd: command.cwd }),
    stderr: options.awaitCoderCheck === true ? 'pipe' : 'ignore',
  });
  const checked = options.awaitCoderCheck === true ? coderCheckLine(transport.stderr as Readable | null) : undefined;
  const client = new Client({ name: 'fleet-bench', version: '1.0.0' });
  const started = performance.now();
  await client.connect(transport);
  const startMs = performance.now() - started;
  await checked;
  return {
    startMs,
    call: async (name, args) => (await client.callTool({ name, arguments: args })) as CallToolResult,
    pid: () => transport.pid,
    residentBytes: () => statusBytes(transport.pid, 'VmRSS'),
    peakResidentBytes: () => statusBytes(transport.pid, 'VmHWM'),
    toolArguments: async (name) => {
      const tool = (await client.listTools()).tools.find((candidate) => candidate.name === name);
      return tool === undefined ? undefined : Object.keys(tool.inputSchema.properties ?? {});
    },
    close: () => client.close(),
  };
}

/** Resolves once the server logged the outcome of its start-up check of Coder; reads and drops the rest of stderr. */
function coderCheckLine(stderr: Readable | null): Promise<void> {
  if (stderr === null) return Promise.reject(new Error('the server has no stderr to read its start-up check from'));
  return new Promise((resolve, reject) => {
    let seen: string | undefined = '';
    const timer = setTimeout(() => reject(new Error(`no start-up check of Coder logged within ${CODER_CHECK_BOUND_MS} ms: ${seen?.slice(-2_000)}`)), CODER_CHECK_BOUND_MS);
    stderr.setEncoding('utf8');
    // Read to the end even after the line: a pipe nobody drains would block the server's logging.
    stderr.on('data', (chunk: string) => {
      if (seen === undefined) return;
      seen += chunk;
      if (seen.includes('"coder_check":')) {
        seen = undefined;
        clearTimeout(timer);
        resolve();
      }
    });
  });
}
