// Spawns the built server as an MCP client launches it (stdio, environment only) and connects the SDK client to it.
import type { Readable } from 'node:stream';
import { getDefaultEnvironment, StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { coderCheckEnded } from './coder-check.js';
import { FleetSession } from './fleet-session.js';
import { OutputCollector } from './output-collector.js';
import { localhostSubdomainsImport, serverCommandPath } from '@fleet/tool-support';

export interface CoderTarget {
  url: string;
  token: string;
}

export interface StdioServer {
  session: FleetSession;
  stderr: OutputCollector;
  /** The server process's id, e.g. to read its memory from /proc. */
  pid: number;
  close(): Promise<void>;
}

/**
 * `environment` adds server settings (e.g. FLEET_CODER_TIMEOUT_MS) to the Coder variables; `nodeArguments` go to node
 * before the server's script (e.g. `--expose-gc`).
 */
export async function startStdioServer(coder: CoderTarget, environment: Record<string, string> = {}, nodeArguments: readonly string[] = []): Promise<StdioServer> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [...nodeArguments, localhostSubdomainsImport(), serverCommandPath()],
    // Only what the server needs: a developer's own CODER_* variables must not leak into the test.
    env: { ...getDefaultEnvironment(), ...environment, CODER_URL: coder.url, CODER_SESSION_TOKEN: coder.token },
    stderr: 'pipe',
  });
  const stderr = new OutputCollector(transport.stderr as Readable | null);
  let session: FleetSession;
  try {
    session = await FleetSession.connect(transport);
    // Tests count and hold Coder's requests: the start-up check's must be over first.
    await coderCheckEnded(stderr);
  } catch (error) {
    await transport.close();
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`the server did not start over stdio (${reason}); its stderr:\n${stderr.text()}`);
  }
  return { session, stderr, pid: transport.pid ?? -1, close: () => session.close() };
}
