// The built server over HTTP: spawned with --port 0, its endpoint read from its start-up line, and clients that connect to it.
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { FleetSession } from './fleet-session.js';
import { spawnServer, type ServerProcess } from './server-process.js';

export interface HttpFleetServer {
  process: ServerProcess;
  /** e.g. http://127.0.0.1:40123/mcp */
  endpoint: string;
}

export async function startHttpFleetServer(args: readonly string[], environment: Record<string, string>): Promise<HttpFleetServer> {
  const process = spawnServer(['--http', '--port', '0', ...args], environment);
  // With --port 0 the start-up line is the only way to learn the port.
  const endpoint = await process.stderr.waitForLine((line) => {
    const record = parseLogLine(line);
    return record?.['transport'] === 'http' && typeof record['url'] === 'string' ? record['url'] : undefined;
  }, 'log line with the HTTP endpoint');
  return { process, endpoint };
}

/** An MCP SDK client that sends `token` as its bearer credential on every request. */
export function connectWithToken(endpoint: string, token: string): Promise<FleetSession> {
  return FleetSession.connect(new StreamableHTTPClientTransport(new URL(endpoint), { requestInit: { headers: { Authorization: `Bearer ${token}` } } }));
}

/** The server's JSON log lines. */
export function logRecords(server: HttpFleetServer): Record<string, unknown>[] {
  return server.process.stderr.lines().flatMap((line) => { const record = parseLogLine(line); return record === undefined ? [] : [record]; });
}

function parseLogLine(line: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
