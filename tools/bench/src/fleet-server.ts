// The built MCP server spawned over stdio, with the SDK client connected to it: what an MCP client sees.
import { readFileSync } from 'node:fs';
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

export async function startFleetServer(coder: { url: string; token: string }): Promise<FleetServer> {
  return startStdioServer({
    // The simulator's subdomain apps live under *.apps.localhost, which this machine's resolver may not map to loopback.
    args: [localhostSubdomainsImport(), serverCommandPath()],
    env: { CODER_URL: coder.url, CODER_SESSION_TOKEN: coder.token },
  });
}

/** Any MCP server spawned over stdio (by node with `args`, unless `command` says otherwise) with the SDK's client connected to it. */
export async function startStdioServer(command: { command?: string; args: string[]; env?: Record<string, string>; cwd?: string }): Promise<FleetServer> {
  const transport = new StdioClientTransport({
    command: command.command ?? process.execPath,
    args: command.args,
    env: { ...getDefaultEnvironment(), ...command.env },
    ...(command.cwd === undefined ? {} : { cwd: command.cwd }),
    stderr: 'ignore',
  });
  const client = new Client({ name: 'fleet-bench', version: '1.0.0' });
  const started = performance.now();
  await client.connect(transport);
  const startMs = performance.now() - started;
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
