// The stdio transport under input no MCP client should send: garbage lines, a message too large to take, a client that stops reading.
import { startSimulator, type RunningSimulator } from '@fleet/coder-sim';
import { initialize, toolCall, waitForLog, waitForMessage } from './support/raw-json-rpc.js';
import { spawnServer, type ServerProcess } from './support/server-process.js';

const PARSE_ERROR = -32700;
const INVALID_REQUEST = -32600;

describe('the stdio transport with a client that misbehaves (Coder v2.30.0)', () => {
  let simulator: RunningSimulator;
  const servers: ServerProcess[] = [];

  beforeAll(async () => {
    simulator = await startSimulator({ coderVersion: 'v2.30.0', speed: 0.05 });
  });

  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop()));
    await simulator?.close();
  });

  const start = async () => {
    const server = spawnServer([], { CODER_URL: simulator.url, CODER_SESSION_TOKEN: simulator.token });
    servers.push(server);
    await initialize(server);
    return server;
  };

  test('a garbage line gets a JSON-RPC parse error and one log line with a short, escaped prefix; the server serves on', async () => {
    const server = await start();
    const garbage = `not json \u001b[31m${'x'.repeat(5_000)}`;

    await server.write(`${garbage}\n`);
    const parseError = await waitForMessage(server, (message) => message.error?.code === PARSE_ERROR, 'a parse error');
    const logged = await waitForLog(server, (record) => String(record['msg']).includes('not JSON'), 'a log line about the garbage');
    await server.write(toolCall(2, 'list_agent_projects'));
    const next = await waitForMessage(server, (message) => message.id === 2, 'the next call answered');

    expect(parseError).toMatchObject({ jsonrpc: '2.0', id: null, error: { code: PARSE_ERROR } });
    expect(logged['level']).toBe('warn');
    expect(server.stderr.text()).not.toContain('x'.repeat(200));
    expect(server.stderr.text()).not.toContain('\u001b');
    expect(server.stderr.text()).toContain('\\u001b');
    expect(next['result']).toBeDefined();
  });

  test('valid JSON that is not JSON-RPC gets an invalid-request error naming its id', async () => {
    const server = await start();

    await server.write(`${JSON.stringify({ id: 9, hello: 'world' })}\n`);
    const answer = await waitForMessage(server, (message) => message.id === 9, 'an answer to id 9');

    expect(answer.error?.code).toBe(INVALID_REQUEST);
  });

  test('a 10 MB message is refused with an error for its id, logged, and the server serves the next call', async () => {
    const server = await start();
    const task = 'a'.repeat(10 * 1024 * 1024);

    await server.write(toolCall(3, 'start_agent_task', { agent_name: 'anyone', task }));
    const refused = await waitForMessage(server, (message) => message.id === 3, 'an answer to the 10 MB message');
    const logged = await waitForLog(server, (record) => record['level'] === 'error' && /too large/.test(String(record['msg'])), 'a log line about the size');
    await server.write(toolCall(4, 'list_agent_projects'));
    const next = await waitForMessage(server, (message) => message.id === 4, 'the next call answered');

    expect(refused.error?.code).toBe(INVALID_REQUEST);
    expect(refused.error?.message).toMatch(/too large/);
    expect(logged['max_bytes']).toEqual(expect.any(Number));
    expect(next['result']).toBeDefined();
  });

  test('when stdout breaks (the client stopped reading), the server logs the transport error and exits non-zero', async () => {
    const server = await start();

    server.closeOutput();
    await server.write(toolCall(5, 'list_agent_projects'));
    const exit = await server.exited;

    expect(exit.code).not.toBe(0);
    expect(exit.code).not.toBeNull();
    expect(server.stderr.text()).toMatch(/stdio transport failed/);
  });
});
