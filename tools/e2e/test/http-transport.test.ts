// The built server over Streamable HTTP (--http --port 0): the bearer token opens it, a missing or wrong one gets 401,
// and abandoned sessions, DNS rebinding, OAuth probes, floods of guesses and slow senders do no harm.
import { randomBytes } from 'node:crypto';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { connect as connectSocket } from 'node:net';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { startSimulator, type RunningSimulator } from '@fleet/coder-sim';
import { FleetSession } from './support/fleet-session.js';
import { findLeaks } from './support/secret-leaks.js';
import { spawnServer, type ServerProcess } from './support/server-process.js';
import { structuredOf } from './support/tool-result.js';
import type { ListAgentsOutput } from './support/tool-outputs.js';

const HTTP_TOKEN = randomBytes(24).toString('hex');
/** A name the operator allows with --allowed-hosts, beside the loopback ones. */
const ALLOWED_HOST = 'fleet.test';
/** More than the server's 100 sessions. */
const ABANDONING_CLIENTS = 150;
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
    server = spawnServer(['--http', '--port', '0', '--allowed-hosts', ALLOWED_HOST], {
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

  test('an MCP client with the bearer token lists the twelve tools and calls one', async () => {
    const transport = new StreamableHTTPClientTransport(new URL(endpoint), {
      requestInit: { headers: { Authorization: `Bearer ${HTTP_TOKEN}` } },
    });
    const session = await FleetSession.connect(transport);
    sessions.push(session);

    const { tools } = await session.client.listTools();
    const result = await session.call('list_agents');

    expect(tools).toHaveLength(12);
    expect(structuredOf<ListAgentsOutput>(result).total).toBeGreaterThan(0);
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

  /** A request through node:http, which, unlike fetch, lets the test choose the Host header. */
  const raw = (options: { method?: string; path?: string; headers?: Record<string, string>; body?: unknown }) =>
    new Promise<{ status: number; headers: IncomingHttpHeaders; body: string }>((resolve, reject) => {
      const body = options.body === undefined ? undefined : JSON.stringify(options.body);
      const url = new URL(endpoint);
      const request = httpRequest(
        {
          host: url.hostname,
          port: url.port,
          method: options.method ?? 'POST',
          path: options.path ?? url.pathname,
          headers: { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream', ...options.headers },
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
  const port = () => new URL(endpoint).port;

  test.each([
    ['Host', { Host: 'attacker.example' }],
    ['Host on the listening port', { Host: 'attacker.example:PORT' }],
    ['Origin', { Origin: 'http://attacker.example' }],
  ])('a valid token with a foreign %s (DNS rebinding) gets 403 with a JSON-RPC error and no session', async (_name, headers) => {
    const withPort = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, value.replace('PORT', port())]));

    const response = await raw({ headers: { Authorization: `Bearer ${HTTP_TOKEN}`, ...withPort }, body: INITIALIZE });

    expect(response.status).toBe(403);
    expect(response.headers['mcp-session-id']).toBeUndefined();
    expect(JSON.parse(response.body)).toMatchObject({ jsonrpc: '2.0', id: null, error: { message: expect.stringContaining('DNS rebinding') } });
  });

  test('localhost on the listening port, and a name given with --allowed-hosts, open sessions', async () => {
    const local = await raw({ headers: { Authorization: `Bearer ${HTTP_TOKEN}`, Host: `localhost:${port()}`, Origin: `http://localhost:${port()}` }, body: INITIALIZE });
    const allowed = await raw({ headers: { Authorization: `Bearer ${HTTP_TOKEN}`, Host: ALLOWED_HOST, Origin: `https://${ALLOWED_HOST}` }, body: INITIALIZE });

    expect([local.status, allowed.status]).toEqual([200, 200]);
    expect(allowed.headers['mcp-session-id']).toEqual(expect.any(String));
  });

  test.each(['/.well-known/oauth-protected-resource', '/.well-known/oauth-protected-resource/mcp', '/.well-known/oauth-authorization-server'])(
    'OAuth discovery at %s without a token gets 404, not 401',
    async (path) => {
      const response = await raw({ method: 'GET', path });

      expect(response.status).toBe(404);
      expect(response.headers['www-authenticate']).toBeUndefined();
    },
  );

  test('500 guessed tokens make at most two log lines, and the refusals are counted', async () => {
    const refusalLines = () => server.stderr.lines().filter((line) => line.includes('http request refused'));
    const before = refusalLines().length;

    for (let batch = 0; batch < 10; batch += 1) {
      await Promise.all(Array.from({ length: 50 }, () => raw({ headers: { Authorization: `Bearer ${randomBytes(24).toString('hex')}` }, body: INITIALIZE })));
    }

    expect(refusalLines().length - before).toBeLessThanOrEqual(2);
  });

  test('a client that never finishes its headers is cut off with 408 within seconds', async () => {
    const socket = connectSocket(Number(port()), '127.0.0.1');
    socket.write(`POST /mcp HTTP/1.1\r\nHost: 127.0.0.1:${port()}\r\nAuthorization: Bearer ${HTTP_TOKEN}\r\n`);
    let answer = '';
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString('utf8')));
    const startedAt = Date.now();

    await new Promise<void>((resolve) => socket.once('close', () => resolve()));

    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    // Node's default (60 s, checked every 30 s) would hold the socket for up to 90 s.
    expect(Date.now() - startedAt).toBeLessThan(15_000);
  }, 20_000);

  test(`${ABANDONING_CLIENTS} clients that never close their sessions are all served`, async () => {
    const connected: FleetSession[] = [];
    const failed: string[] = [];
    for (let first = 0; first < ABANDONING_CLIENTS; first += 25) {
      await Promise.all(
        Array.from({ length: 25 }, async () => {
          try {
            const transport = new StreamableHTTPClientTransport(new URL(endpoint), { requestInit: { headers: { Authorization: `Bearer ${HTTP_TOKEN}` } } });
            // Connecting initializes a session and lists the tools on it.
            const session = await FleetSession.connect(transport);
            sessions.push(session);
            connected.push(session);
          } catch (error) {
            failed.push(error instanceof Error ? error.message : String(error));
          }
        }),
      );
    }
    // A tool call only on the newest session: calls go to the simulator, which answers in about a second under this load.
    const lastResult = await connected.at(-1)?.call('list_agents');

    expect(failed).toEqual([]);
    expect(connected).toHaveLength(ABANDONING_CLIENTS);
    expect(structuredOf<ListAgentsOutput>(lastResult ?? { content: [] }).total).toBeGreaterThan(0);
    // A few seconds on an idle machine; the bound leaves room for a loaded CI runner.
  }, 60_000);

  test('neither the session token nor the bearer token shows up in the output or the frames', () => {
    const frames = sessions.flatMap((session) => session.receivedFrames);

    const leaks = findLeaks({ stdout: server.stdout.lines(), stderr: server.stderr.lines(), frames }, [simulator.token, HTTP_TOKEN]);

    expect(frames.length).toBeGreaterThan(0);
    expect(leaks).toEqual([]);
  });
});

describe('a weak bearer token', () => {
  test.each(['passwordpassword', 'aaaaaaaaaaaaaaaaaaaa'])('FLEET_HTTP_TOKEN=%s: exit code 2, a message saying how to make one, and the token not echoed', async (token) => {
    const server = spawnServer(['--http', '--port', '0'], { CODER_URL: 'http://127.0.0.1:9', CODER_SESSION_TOKEN: randomBytes(24).toString('hex'), FLEET_HTTP_TOKEN: token });
    try {
      let timer: NodeJS.Timeout | undefined;
      const stillRunning = new Promise<'still running'>((resolve) => (timer = setTimeout(() => resolve('still running'), 15_000)));
      const outcome = await Promise.race([server.exited, stillRunning]);
      clearTimeout(timer);

      expect(outcome).toEqual({ code: 2, signal: null });
      expect(server.stderr.text()).toMatch(/FLEET_HTTP_TOKEN is too easy to guess.*openssl rand -hex 32/);
      expect(server.stderr.text() + server.stdout.text()).not.toContain(token);
    } finally {
      await server.stop();
    }
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
