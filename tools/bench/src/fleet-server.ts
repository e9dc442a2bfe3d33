// The built MCP server spawned over stdio, with the SDK client connected to it: what an MCP client sees.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { getDefaultEnvironment, StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';

export interface FleetServer {
  /** Milliseconds from spawning the process to a served `initialize`. */
  startMs: number;
  call(name: string, args: Record<string, unknown>): Promise<CallToolResult>;
  /** The server process's resident memory, in bytes (Linux /proc). */
  residentBytes(): number | undefined;
  close(): Promise<void>;
}

function serverCommandPath(): string {
  const manifestPath = createRequire(import.meta.url).resolve('@fleet/mcp-server/package.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { bin?: Record<string, string> };
  const relativePath = Object.values(manifest.bin ?? {})[0];
  if (relativePath === undefined) throw new Error('@fleet/mcp-server declares no bin');
  return join(dirname(manifestPath), relativePath);
}

export async function startFleetServer(coder: { url: string; token: string }): Promise<FleetServer> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [serverCommandPath()],
    env: { ...getDefaultEnvironment(), CODER_URL: coder.url, CODER_SESSION_TOKEN: coder.token },
    stderr: 'ignore',
  });
  const client = new Client({ name: 'fleet-bench', version: '1.0.0' });
  const started = performance.now();
  await client.connect(transport);
  const startMs = performance.now() - started;
  return {
    startMs,
    call: async (name, args) => (await client.callTool({ name, arguments: args })) as CallToolResult,
    residentBytes: () => {
      const pid = transport.pid;
      if (pid === null) return undefined;
      const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      return match?.[1] === undefined ? undefined : Number(match[1]) * 1024;
    },
    close: () => client.close(),
  };
}
