// The Streamable HTTP transport against abandoned sessions, DNS rebinding, OAuth probes, floods of guesses, slow senders and borrowed sessions.
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { connect as connectSocket } from 'node:net';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { startHttpServer, type HttpServerOptions, type RunningHttpServer } from '../src/http.js';
import { createFleetMcpServer } from '../src/server.js';
import { createCapturedLogger, type CapturedLogger } from './captured-logger.js';
import { recordedFleet } from './recorded-fleet.js';

const BEARER_TOKEN = 'c2b7e1f04d9a4e6b8a3f5d7c9e1b2a4d';
const OTHER_BEARER_TOKEN = '9f3e8d7c6b5a49382716f5e4d3c2b1a0';
const INITIALIZE = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
};

let log: CapturedLogger;
const servers: RunningHttpServer[] = [];
const clients: Client[] = [];

beforeEach(() => {
  log = createCapturedLogger({ secrets: [BEARER_TOKEN, OTHER_BEARER_TOKEN] });
});

afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function startServer(overrides: Partial<HttpServerOptions> = {}): Promise<RunningHttpServer> {
  const { fleet } = recordedFleet();
  const server = await startHttpServer({
    host: '127.0.0.1',
    port: 0,
    bearerToken: BEARER_TOKEN,
    createMcpServer: () => createFleetMcpServer(fleet, { logger: log.logger, version: '0.0.0-test' }),
    logger: log.logger,
    ...overrides,
  });
  servers.push(server);
  return server;
}

/** An MCP server with one tool, `slow`, that answers once `release` is called. */
function gatedMcpServer(): { create: () => McpServer; entered: Promise<void>; release: () => void } {
  let release: () => void = () => undefined;
  let markEntered: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const entered = new Promise<void>((resolve) => (markEntered = resolve));
  const create = () => {
    const server = new McpServer({ name: 'gated', version: '0.0.0' });
    server.registerTool('slow', { description: 'answers when the test says so' }, async () => {
      markEntered();
      await gate;
      return { content: [{ type: 'text', text: 'done' }] };
    });
    return server;
  };
  return { create, entered, release: () => release() };
}

async function connect(server: RunningHttpServer, token = BEARER_TOKEN): Promise<Client> {
  const client = new Client({ name: 'fleet-http-hardening-test', version: '1.0.0' });
  clients.push(client);
  await client.connect(new StreamableHTTPClientTransport(new URL(server.url), { requestInit: { headers: { Authorization: `Bearer ${token}` } } }));
  return client;
}

interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A request through node:http, which, unlike fetch, lets a test choose the Host header. */
function rawRequest(server: RunningHttpServer, options: { method?: string; path?: string; headers?: Record<string, string>; body?: unknown }): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const body = options.body === undefined ? undefined : JSON.stringify(options.body);
    const request = httpRequest(
      {
        host: '127.0.0.1',
        port: server.port,
        method: options.method ?? 'POST',
        path: options.path ?? '/mcp',
        headers: {
          'Content-Type': 'application/json',
          Accept: 'application/json, text/event-stream',
          ...(body === undefined ? {} : { 'Content-Length': String(Buffer.byteLength(body)) }),
          ...options.headers,
        },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: text }));
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

const initializeWith = (server: RunningHttpServer, headers: Record<string, string>) =>
  rawRequest(server, { headers: { Authorization: `Bearer ${BEARER_TOKEN}`, ...headers }, body: INITIALIZE });

async function pollUntil(condition: () => boolean, description: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms: ${description}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('abandoned sessions', () => {
  test('more clients than the session limit, none of which ever closes, are all served', async () => {
    const server = await startServer({ maxSessions: 3 });

    const served: number[] = [];
    for (let index = 0; index < 6; index += 1) {
      const client = await connect(server);
      const result = (await client.callTool({ name: 'list_agents', arguments: {} })) as CallToolResult;
      if (result.isError !== true) served.push(index);
    }

    expect(served).toEqual([0, 1, 2, 3, 4, 5]);
  }, 15_000);

  test('the least recently used session makes room, and a session with a call in flight is never the one', async () => {
    const gated = gatedMcpServer();
    const server = await startServer({ maxSessions: 2, createMcpServer: gated.create });
    const busy = await connect(server);
    const idle = await connect(server);
    const call = busy.callTool({ name: 'slow', arguments: {} });
    await gated.entered;

    const newcomer = await connect(server);
    gated.release();

    expect(((await call) as CallToolResult).content).toEqual([{ type: 'text', text: 'done' }]);
    await expect(idle.listTools()).rejects.toThrow(/404|Session not found/);
    await expect(newcomer.listTools()).resolves.toMatchObject({ tools: [{ name: 'slow' }] });
    expect(log.lines.some((line) => line.includes('evicted, least recently used'))).toBe(true);
  });

  test('when every session has a call in flight, a new one is refused with 503', async () => {
    const gated = gatedMcpServer();
    const server = await startServer({ maxSessions: 1, createMcpServer: gated.create });
    const busy = await connect(server);
    const call = busy.callTool({ name: 'slow', arguments: {} });
    await gated.entered;

    const response = await initializeWith(server, {});
    gated.release();
    await call;

    expect(response.status).toBe(503);
  });
});

describe('Host and Origin (DNS rebinding)', () => {
  test.each([
    ['a foreign Host', { Host: 'attacker.example' }],
    ['a foreign Host with the right port', { Host: 'attacker.example:PORT' }],
    ['a loopback Host on another port', { Host: 'localhost:1' }],
    ['a foreign Origin', { Origin: 'http://attacker.example' }],
    ['a loopback Origin on another port', { Origin: 'http://localhost:1' }],
    ['the null Origin of a sandboxed page', { Origin: 'null' }],
  ])('%s with a valid token is refused with 403 and a JSON-RPC error, and opens no session', async (_name, headers) => {
    const server = await startServer();
    const withPort = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, value.replace('PORT', String(server.port))]));

    const response = await initializeWith(server, withPort);

    expect(response.status).toBe(403);
    expect(response.headers['mcp-session-id']).toBeUndefined();
    expect(JSON.parse(response.body)).toMatchObject({ jsonrpc: '2.0', id: null, error: { code: -32000, message: expect.stringContaining('--allowed-hosts') } });
  });

  test.each([
    ['127.0.0.1 without an Origin (a client outside a browser)', (port: number) => ({ Host: `127.0.0.1:${port}` })],
    ['localhost', (port: number) => ({ Host: `localhost:${port}`, Origin: `http://localhost:${port}` })],
    ['[::1]', (port: number) => ({ Host: `[::1]:${port}`, Origin: `http://[::1]:${port}` })],
    ['upper case', (port: number) => ({ Host: `LOCALHOST:${port}` })],
  ])('a loopback name on the listening port, %s, opens a session', async (_name, headersFor) => {
    const server = await startServer();

    const response = await initializeWith(server, headersFor(server.port));

    expect(response.status).toBe(200);
    expect(response.headers['mcp-session-id']).toEqual(expect.any(String));
  });

  test('a name the operator allowed is accepted on any port, one with a port on that port only', async () => {
    const server = await startServer({ allowedHosts: ['fleet.example.com', 'devbox.lan:9443'] });

    const proxied = await initializeWith(server, { Host: 'fleet.example.com', Origin: 'https://fleet.example.com' });
    const withPort = await initializeWith(server, { Host: 'devbox.lan:9443' });
    const otherPort = await initializeWith(server, { Host: 'devbox.lan:9444' });

    expect([proxied.status, withPort.status, otherPort.status]).toEqual([200, 200, 403]);
  });

  test('an allowed-hosts entry that is not a host name is refused before anything listens', async () => {
    await expect(startServer({ allowedHosts: ['https://fleet.example.com/mcp'] })).rejects.toThrow(/not a host name/);
  });
});

describe('OAuth discovery', () => {
  test.each(['/.well-known/oauth-protected-resource', '/.well-known/oauth-protected-resource/mcp', '/.well-known/oauth-authorization-server', '/.well-known/openid-configuration'])(
    'GET %s without a token is 404, not 401, so that OAuth-capable clients stop looking',
    async (path) => {
      const server = await startServer();

      const response = await rawRequest(server, { method: 'GET', path });

      expect(response.status).toBe(404);
      expect(response.headers['www-authenticate']).toBeUndefined();
    },
  );
});

describe('the log of refused requests', () => {
  const refusedRecords = () => log.records().filter((record) => String(record['msg']).startsWith('http request refused'));
  const accountedFor = () => refusedRecords().reduce((sum, record) => sum + (record['suppressed'] === undefined ? 1 : Number(record['suppressed'])), 0);
  const wrongTokenFlood = (server: RunningHttpServer, count: number) =>
    Promise.all(Array.from({ length: count }, () => rawRequest(server, { headers: { Authorization: `Bearer ${BEARER_TOKEN}x` }, body: INITIALIZE })));

  test('a flood of wrong tokens within the interval makes one line, and the rest are counted in one more, without the token', async () => {
    const server = await startServer({ refusalLogIntervalMs: 60_000 });

    for (let batch = 0; batch < 10; batch += 1) await wrongTokenFlood(server, 30);
    const linesDuringFlood = refusedRecords().length;
    await servers.splice(servers.indexOf(server), 1)[0]?.close();

    expect(linesDuringFlood).toBe(1);
    expect(refusedRecords()).toEqual([
      expect.objectContaining({ msg: 'http request refused: bearer token missing or wrong', check: 'rejected' }),
      expect.objectContaining({ suppressed: 299, suppressed_by_reason: { 'bearer token missing or wrong': 299 } }),
    ]);
    expect(log.lines.join('')).not.toContain(BEARER_TOKEN);
  });

  test('the count of refusals not logged one by one is logged when the interval ends, with the server still running', async () => {
    const server = await startServer({ refusalLogIntervalMs: 200 });

    await wrongTokenFlood(server, 50);
    await pollUntil(() => accountedFor() === 50, 'every refusal logged or counted');

    expect(refusedRecords().length).toBeLessThan(50);
    expect(refusedRecords().at(-1)).toMatchObject({ suppressed: expect.any(Number) });
  });
});

describe('slow clients and long calls', () => {
  test('a client that never finishes its headers is cut off at the headers timeout', async () => {
    const server = await startServer({ headersTimeoutMs: 300, requestTimeoutMs: 1_000 });
    const socket = connectSocket(server.port, '127.0.0.1');
    socket.write(`POST /mcp HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nAuthorization: Bearer ${BEARER_TOKEN}\r\n`);
    let answer = '';
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString('utf8')));
    const startedAt = Date.now();

    await new Promise<void>((resolve) => socket.once('close', () => resolve()));

    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(Date.now() - startedAt).toBeLessThan(3_000);
  });

  test('a call that outlasts the request timeout still gets its answer: the timeout bounds receiving, not answering', async () => {
    const gated = gatedMcpServer();
    const server = await startServer({ headersTimeoutMs: 200, requestTimeoutMs: 300, createMcpServer: gated.create });
    const client = await connect(server);
    const call = client.callTool({ name: 'slow', arguments: {} });
    await gated.entered;

    // Three request timeouts and two checks of them pass while the answer is pending.
    await new Promise((resolve) => setTimeout(resolve, 2_200));
    gated.release();

    expect(((await call) as CallToolResult).content).toEqual([{ type: 'text', text: 'done' }]);
  });
});

describe('a session belongs to the credential that opened it', () => {
  test('another accepted token cannot use, or end, a session it did not open', async () => {
    const server = await startServer({ bearerToken: [BEARER_TOKEN, OTHER_BEARER_TOKEN] });
    const opened = await initializeWith(server, {});
    const sessionId = String(opened.headers['mcp-session-id']);
    const listTools = { jsonrpc: '2.0', id: 2, method: 'tools/list' };

    const borrowed = await rawRequest(server, { headers: { Authorization: `Bearer ${OTHER_BEARER_TOKEN}`, 'Mcp-Session-Id': sessionId }, body: listTools });
    const ended = await rawRequest(server, { method: 'DELETE', headers: { Authorization: `Bearer ${OTHER_BEARER_TOKEN}`, 'Mcp-Session-Id': sessionId } });
    const own = await rawRequest(server, { headers: { Authorization: `Bearer ${BEARER_TOKEN}`, 'Mcp-Session-Id': sessionId, 'Mcp-Protocol-Version': '2025-06-18' }, body: listTools });

    expect(opened.status).toBe(200);
    expect([borrowed.status, ended.status]).toEqual([403, 403]);
    expect(JSON.parse(borrowed.body)).toMatchObject({ error: { message: expect.stringContaining('another credential') } });
    expect(own.status).toBe(200);
    expect(own.body).toContain('list_agents');
  });

  test('the other token opens a session of its own', async () => {
    const server = await startServer({ bearerToken: [BEARER_TOKEN, OTHER_BEARER_TOKEN] });

    const client = await connect(server, OTHER_BEARER_TOKEN);

    await expect(client.listTools()).resolves.toMatchObject({ tools: expect.any(Array) });
  });
});
