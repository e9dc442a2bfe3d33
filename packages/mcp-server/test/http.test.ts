// The Streamable HTTP transport: the bearer token on every request, sessions, and refusals.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult, Progress } from '@modelcontextprotocol/sdk/types.js';
import { startHttpServer, type RunningHttpServer } from '../src/http.js';
import { createFleetMcpServer } from '../src/server.js';
import { recordedStartOf } from '@fleet/coder-fakes';
import { createCapturedLogger, type CapturedLogger } from './captured-logger.js';
import { recordedFleet, type RecordedFleet } from './recorded-fleet.js';
import { textOf } from './tool-result.js';

const BEARER_TOKEN = 'c2b7e1f04d9a4e6b8a3f5d7c9e1b2a4d';

let recorded: RecordedFleet;
let log: CapturedLogger;
let running: RunningHttpServer;
const clients: Client[] = [];

beforeEach(async () => {
  // On 2.37, where restart_agent below plays a recorded start of the stopped review-webhooks.
  recorded = recordedFleet({ generation: 'v2.37.0', answers: recordedStartOf('v2.37.0', 'review-webhooks') });
  log = createCapturedLogger({ secrets: [BEARER_TOKEN] });
  running = await startHttpServer({
    host: '127.0.0.1',
    port: 0,
    bearerToken: BEARER_TOKEN,
    createMcpServer: () => createFleetMcpServer(recorded.fleet, { logger: log.logger, version: '0.0.0-test' }),
    logger: log.logger,
  });
});

afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
  await running.close();
});

async function connect(token: string | undefined): Promise<Client> {
  const headers: Record<string, string> = token === undefined ? {} : { Authorization: `Bearer ${token}` };
  const client = new Client({ name: 'fleet-http-test', version: '1.0.0' });
  clients.push(client);
  await client.connect(new StreamableHTTPClientTransport(new URL(running.url), { requestInit: { headers } }));
  return client;
}

const INITIALIZE = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'curl', version: '1' } },
};

function postInitialize(headers: Record<string, string>): Promise<Response> {
  return fetch(running.url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream', ...headers },
    body: JSON.stringify(INITIALIZE),
  });
}

test('listens on 127.0.0.1 on the port the system picked, at /mcp', () => {
  expect(running.url).toBe(`http://127.0.0.1:${running.port}/mcp`);
  expect(running.port).toBeGreaterThan(0);
});

test('a client with the bearer token lists the tools and calls one', async () => {
  const client = await connect(BEARER_TOKEN);

  const tools = await client.listTools();
  const result = (await client.callTool({ name: 'list_agents', arguments: { status: 'idle' } })) as CallToolResult;

  expect(tools.tools).toHaveLength(12);
  expect(result.isError).toBeFalsy();
  expect(result.structuredContent).toMatchObject({ total: 1, agents: [{ name: 'speedup-onboarding' }] });
});

test('progress notifications reach an HTTP client in order', async () => {
  const client = await connect(BEARER_TOKEN);
  const received: Progress[] = [];

  await client.callTool({ name: 'restart_agent', arguments: { agent_name: 'review-webhooks', wait: true } }, undefined, {
    onprogress: (progress) => received.push(progress),
  });

  expect(received.map((progress) => progress.progress)).toEqual([1, 2, 3, 4]);
});

test('two clients get two sessions, each working on its own', async () => {
  const first = await connect(BEARER_TOKEN);
  const second = await connect(BEARER_TOKEN);

  const [one, two] = (await Promise.all([
    first.callTool({ name: 'show_agent', arguments: { agent_name: 'fix-login' } }),
    second.callTool({ name: 'show_agent', arguments: { agent_name: 'refactor-billing' } }),
  ])) as CallToolResult[];

  expect(textOf(one as CallToolResult)).toMatch(/^fix-login: /);
  expect(textOf(two as CallToolResult)).toMatch(/^refactor-billing: /);
});

test('a request without a token gets 401 with WWW-Authenticate and a JSON-RPC error, and reaches no fleet', async () => {
  const response = await postInitialize({});

  expect(response.status).toBe(401);
  expect(response.headers.get('www-authenticate')).toBe('Bearer realm="fleet"');
  expect(await response.json()).toMatchObject({ jsonrpc: '2.0', id: null, error: { code: -32001, message: expect.stringContaining('Authorization: Bearer') } });
  expect(recorded.coder.requestCounts()).toEqual({});
});

test('a request with a wrong token gets 401 invalid_token', async () => {
  const response = await postInitialize({ Authorization: `Bearer ${BEARER_TOKEN.slice(0, -1)}x` });

  expect(response.status).toBe(401);
  expect(response.headers.get('www-authenticate')).toContain('error="invalid_token"');
});

test('a token sent another way than Bearer is refused', async () => {
  const response = await postInitialize({ Authorization: `Basic ${BEARER_TOKEN}` });

  expect(response.status).toBe(401);
});

test('the SDK client without the token cannot connect', async () => {
  await expect(connect(undefined)).rejects.toThrow();
});

test('the SDK client with a wrong token cannot connect', async () => {
  await expect(connect('not-the-token-at-all-0123456789')).rejects.toThrow();
});

test('an established session still needs the token on every request', async () => {
  const initialized = await postInitialize({ Authorization: `Bearer ${BEARER_TOKEN}` });
  const sessionId = initialized.headers.get('mcp-session-id');
  await initialized.body?.cancel();

  const response = await fetch(running.url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream', 'Mcp-Session-Id': sessionId ?? '' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/list' }),
  });

  expect(sessionId).toEqual(expect.any(String));
  expect(response.status).toBe(401);
});

test('an unknown session is 404, so that the client starts a new one', async () => {
  const response = await fetch(running.url, {
    method: 'POST',
    headers: { Authorization: `Bearer ${BEARER_TOKEN}`, 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream', 'Mcp-Session-Id': 'no-such-session' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/list' }),
  });

  expect(response.status).toBe(404);
});

test('a first request that is not initialize is 400', async () => {
  const response = await fetch(running.url, {
    method: 'POST',
    headers: { Authorization: `Bearer ${BEARER_TOKEN}`, 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/list' }),
  });

  expect(response.status).toBe(400);
});

test('another path is 404', async () => {
  const response = await fetch(new URL('/other', running.url), { headers: { Authorization: `Bearer ${BEARER_TOKEN}` } });

  expect(response.status).toBe(404);
});

test('refusals are logged without the token', async () => {
  await postInitialize({ Authorization: `Bearer ${BEARER_TOKEN}x` });

  expect(log.lines.some((line) => line.includes('bearer token missing or wrong'))).toBe(true);
  expect(log.lines.join('')).not.toContain(BEARER_TOKEN);
});
