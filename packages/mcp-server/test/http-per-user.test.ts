// The HTTP transport with a caller per credential, stateless, and publishing where clients sign in.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { startHttpServer, type RunningHttpServer } from '../src/http.js';
import type { Authentication } from '../src/http-authentication.js';
import { createFleetMcpServer } from '../src/server.js';
import { createCapturedLogger } from './captured-logger.js';
import { recordedFleet } from './recorded-fleet.js';

const TOKENS: Record<string, string> = { 'alice-token-0123456789abcdef': 'alice', 'bob-token-0123456789abcdefgh': 'bob' };
const AUTHORIZATION_SERVER = 'https://coder.example.com';

let running: RunningHttpServer;
const served: string[] = [];
const clients: Client[] = [];

beforeEach(async () => {
  const log = createCapturedLogger();
  running = await startHttpServer<string>({
    host: '127.0.0.1',
    port: 0,
    stateless: true,
    authorizationServers: [AUTHORIZATION_SERVER],
    authenticate: (authorization): Authentication<string> => {
      const user = TOKENS[(authorization ?? '').replace(/^Bearer /, '')];
      return user === undefined
        ? { kind: 'refused', status: 401, error: 'invalid_token', message: 'Unauthorized: sign in', reason: 'unknown' }
        : { kind: 'accepted', caller: user };
    },
    createMcpServer: (user) => {
      served.push(user);
      return createFleetMcpServer(recordedFleet().fleet, { logger: log.logger, version: '0.0.0-test', caller: { username: user } });
    },
    logger: log.logger,
  });
});

afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
  await running.close();
  served.length = 0;
});

test('stateless: every POST gets a server of its own for its caller, and no session id', async () => {
  const client = new Client({ name: 'test', version: '1' });
  clients.push(client);
  const transport = new StreamableHTTPClientTransport(new URL(running.url), { requestInit: { headers: { Authorization: 'Bearer bob-token-0123456789abcdefgh' } } });
  await client.connect(transport);
  await client.callTool({ name: 'list_agents', arguments: {} });
  await client.callTool({ name: 'list_agents', arguments: {} });

  expect(transport.sessionId).toBeUndefined();
  expect(served.length).toBeGreaterThanOrEqual(4);
  expect(new Set(served)).toEqual(new Set(['bob']));
});

test('stateless: GET and DELETE are 405', async () => {
  const headers = { Authorization: 'Bearer alice-token-0123456789abcdef', Accept: 'text/event-stream' };

  expect((await fetch(running.url, { headers })).status).toBe(405);
  expect((await fetch(running.url, { method: 'DELETE', headers })).status).toBe(405);
});

test('a refused credential gets 401 pointing at the protected resource metadata, which names the authorization server', async () => {
  const refused = await fetch(running.url, { method: 'POST', headers: { Authorization: 'Bearer wrong', 'Content-Type': 'application/json' }, body: '{}' });
  const metadataUrl = `http://127.0.0.1:${running.port}/.well-known/oauth-protected-resource/mcp`;
  const metadata = (await (await fetch(metadataUrl)).json()) as Record<string, unknown>;
  const bare = await fetch(`http://127.0.0.1:${running.port}/.well-known/oauth-protected-resource`);
  const other = await fetch(`http://127.0.0.1:${running.port}/.well-known/oauth-authorization-server`);

  expect(refused.status).toBe(401);
  expect(refused.headers.get('www-authenticate')).toBe(`Bearer realm="fleet", error="invalid_token", resource_metadata="${metadataUrl}"`);
  expect(metadata).toEqual({ resource: running.url, authorization_servers: [AUTHORIZATION_SERVER], bearer_methods_supported: ['header'], resource_name: 'Fleet' });
  expect(bare.status).toBe(200);
  expect(other.status).toBe(404);
});
