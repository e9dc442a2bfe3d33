// The built server over Streamable HTTP (--http --port 0): the bearer token opens it, a missing or wrong one gets 401.
import { randomBytes } from 'node:crypto';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { startSimulator, type RunningSimulator } from '@fleet/coder-sim';
import { FleetSession } from './support/fleet-session.js';
import { findLeaks } from './support/secret-leaks.js';
import { spawnServer, type ServerProcess } from './support/server-process.js';
import { structuredOf } from './support/tool-result.js';
import type { ListAgentsOutput } from './support/tool-outputs.js';

const HTTP_TOKEN = randomBytes(24).toString('hex');
const INITIALIZE = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'fleet-e2e-raw', version: '1.0.0' } },
};

describe('the server over Streamable HTTP with a bearer token', () => {
  let simulator: RunningSimulator;
  let server: ServerProcess;
  let endpoint: string;
  const sessions: FleetSession[] = [];

  beforeAll(async () => {
    simulator = await startSimulator({ coderVersion: 'v2.30.0', speed: 0.05 });
    server = spawnServer(['--http', '--port', '0'], {
      CODER_URL: simulator.url,
      CODER_SESSION_TOKEN: simulator.token,
      FLEET_HTTP_TOKEN: HTTP_TOKEN,
    });
    // The server logs its endpoint once it listens; with --port 0 that line is the only way to learn the port.
    endpoint = await server.stderr.waitForLine((line) => {
      const record = parseJson(line);
      return record?.['transport'] === 'http' && typeof record['url'] === 'string' ? record['url'] : undefined;
    }, 'log line with the HTTP endpoint');
  });

  afterAll(async () => {
    for (const session of sessions) await session.close();
    await server?.stop();
    await simulator?.close();
  });

  const post = (headers: Record<string, string>) =>
    fetch(endpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream', ...headers },
      body: JSON.stringify(INITIALIZE),
    });

  test('listens on 127.0.0.1 at /mcp on the port it picked', () => {
    expect(endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mcp$/);
  });

  test('an MCP client with the bearer token lists the eleven tools and calls one', async () => {
    const transport = new StreamableHTTPClientTransport(new URL(endpoint), {
      requestInit: { headers: { Authorization: `Bearer ${HTTP_TOKEN}` } },
    });
    const session = await FleetSession.connect(transport);
    sessions.push(session);

    const { tools } = await session.client.listTools();
    const result = await session.call('list_agents');

    expect(tools).toHaveLength(11);
    expect(structuredOf<ListAgentsOutput>(result).count).toBeGreaterThan(0);
  });

  test('a request without a bearer token gets 401 with WWW-Authenticate and a JSON-RPC error', async () => {
    const response = await post({});

    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
    const body = (await response.json()) as { jsonrpc: string; error?: { message: string } };
    expect(body.jsonrpc).toBe('2.0');
    expect(body.error?.message).toMatch(/Authorization: Bearer/);
  });

  test('a request with a wrong bearer token gets 401 with error="invalid_token"', async () => {
    const response = await post({ Authorization: `Bearer ${randomBytes(24).toString('hex')}` });

    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toContain('invalid_token');
  });

  test('the Coder session token is no bearer token for the HTTP transport', async () => {
    const response = await post({ Authorization: `Bearer ${simulator.token}` });

    expect(response.status).toBe(401);
  });

  test('an MCP client with a wrong token cannot connect', async () => {
    const transport = new StreamableHTTPClientTransport(new URL(endpoint), {
      requestInit: { headers: { Authorization: 'Bearer not-the-right-token-at-all' } },
    });

    await expect(FleetSession.connect(transport)).rejects.toThrow(/401|Unauthorized/);
  });

  test('neither the session token nor the bearer token shows up in the output or the frames', () => {
    const frames = sessions.flatMap((session) => session.receivedFrames);

    const leaks = findLeaks({ stdout: server.stdout.lines(), stderr: server.stderr.lines(), frames }, [simulator.token, HTTP_TOKEN]);

    expect(frames.length).toBeGreaterThan(0);
    expect(leaks).toEqual([]);
  });
});

function parseJson(line: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
