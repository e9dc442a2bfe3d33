// SIGTERM mid-call: the server takes no new work, lets the call in flight answer, then exits 0 (stdio and HTTP).
import { randomBytes } from 'node:crypto';
import { startSimulator, type RunningSimulator } from '@fleet/coder-sim';
import { pollUntil } from '@fleet/tool-support';
import { coderCheckEnded } from './support/coder-check.js';
import { INITIALIZE, initialize, parseJson, toolCall, waitForLog, waitForMessage } from './support/raw-json-rpc.js';
import { spawnServer, type ServerProcess } from './support/server-process.js';

const HTTP_TOKEN = randomBytes(24).toString('hex');
/** Long enough that the signal surely arrives while Coder holds the call; far below the server's 10 s grace. */
const CODER_DELAY_MS = 1_500;

describe('SIGTERM while a call is in flight (Coder v2.30.0)', () => {
  let simulator: RunningSimulator;
  const servers: ServerProcess[] = [];

  beforeAll(async () => {
    simulator = await startSimulator({ coderVersion: 'v2.30.0', speed: 0.05 });
  });

  afterEach(() => simulator.control.clearFaults());

  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop()));
    await simulator?.close();
  });

  /** Makes Coder hold the next request, and resolves once that request arrived; the start-up check's requests must be over. */
  const holdNextCoderRequest = () => {
    simulator.control.resetStats();
    simulator.control.setFaults([{ path: '^/api/', delayMs: CODER_DELAY_MS, times: 1 }]);
    return pollUntil(async () => (simulator.control.requests().length > 0 ? true : undefined), { description: 'the call reaching Coder', timeoutMs: 5_000 });
  };

  test('over stdio: the call in flight is answered, a call sent after the signal is not taken, and the exit code is 0', async () => {
    const server = spawnServer([], { CODER_URL: simulator.url, CODER_SESSION_TOKEN: simulator.token });
    servers.push(server);
    await initialize(server);
    await coderCheckEnded(server.stderr);
    const reachedCoder = holdNextCoderRequest();
    const answered = waitForMessage(server, (message) => message.id === 2, 'the answer to the call in flight');
    await server.write(toolCall(2, 'list_agent_projects'));
    await reachedCoder;

    server.signal('SIGTERM');
    await waitForLog(server, (record) => String(record['msg']).startsWith('stopping (SIGTERM)'), 'the stopping line');
    await server.write(toolCall(3, 'list_agent_projects'));
    const answer = await answered;
    const exit = await server.exited;

    expect(answer['result']).toMatchObject({ structuredContent: { projects: expect.any(Array) } });
    expect(exit).toEqual({ code: 0, signal: null });
    expect(server.stdout.lines().map(parseJson).some((message) => message?.id === 3)).toBe(false);
  });

  test('over HTTP: the call in flight is answered, new connections are refused, and the exit code is 0', async () => {
    const server = spawnServer(['--http', '--port', '0'], { CODER_URL: simulator.url, CODER_SESSION_TOKEN: simulator.token, FLEET_HTTP_TOKEN: HTTP_TOKEN });
    servers.push(server);
    const endpoint = String((await waitForLog(server, (record) => typeof record['url'] === 'string', 'the HTTP endpoint'))['url']);
    const post = (body: unknown, sessionId?: string) =>
      fetch(endpoint, {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${HTTP_TOKEN}`,
          'Content-Type': 'application/json',
          Accept: 'application/json, text/event-stream',
          ...(sessionId === undefined ? {} : { 'Mcp-Session-Id': sessionId, 'Mcp-Protocol-Version': '2025-06-18' }),
        },
        body: JSON.stringify(body),
      });
    const opened = await post(INITIALIZE);
    const sessionId = opened.headers.get('mcp-session-id') ?? '';
    await opened.text();
    await (await post({ jsonrpc: '2.0', method: 'notifications/initialized' }, sessionId)).text();
    await coderCheckEnded(server.stderr);
    const reachedCoder = holdNextCoderRequest();
    const inFlight = post(JSON.parse(toolCall(2, 'list_agent_projects')), sessionId);
    await reachedCoder;

    server.signal('SIGTERM');
    await waitForLog(server, (record) => String(record['msg']).startsWith('stopping (SIGTERM)'), 'the stopping line');
    const late = await post(INITIALIZE).then(
      (response) => `answered ${response.status}`,
      () => 'refused',
    );
    const answer = await (await inFlight).text();
    const exit = await server.exited;

    expect(late).toBe('refused');
    expect(answer).toContain('"projects"');
    expect(exit).toEqual({ code: 0, signal: null });
  });
});
