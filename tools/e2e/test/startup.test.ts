// Starting the built server wrongly: each mistake ends the process with a non-zero code and one message saying what to fix.
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { startSimulator, type RunningSimulator } from '@fleet/coder-sim';
import { initialize, waitForLog } from './support/raw-json-rpc.js';
import { findLeaks } from './support/secret-leaks.js';
import { spawnServer } from './support/server-process.js';

/** Well formed in Coder's `<10 character id>-<22 character secret>` shape, so Coder refuses it as unknown, not as malformed. */
const WRONG_TOKEN = 'AbCdEfGhIj-0123456789abcdefABCDEF';

describe('starting the server with a bad configuration', () => {
  let simulator: RunningSimulator;

  beforeAll(async () => {
    simulator = await startSimulator({ coderVersion: 'v2.30.0', speed: 0.05 });
  });

  afterAll(async () => {
    await simulator?.close();
  });

  test('a token Coder refuses: exit code 1 and a message saying how to get a new token, without the token', async () => {
    const server = spawnServer([], { CODER_URL: simulator.url, CODER_SESSION_TOKEN: WRONG_TOKEN });

    const exit = await server.exited;

    expect(exit.code).toBe(1);
    expect(server.stderr.text()).toMatch(/refused the session token/);
    expect(server.stderr.text()).toMatch(/coder tokens create/);
    expect(server.stdout.text()).toBe('');
    expect(findLeaks({ stderr: server.stderr.lines() }, [WRONG_TOKEN, simulator.token])).toEqual([]);
  });

  test('no CODER_URL: exit code 2 and a message saying to set it', async () => {
    const server = spawnServer([], { CODER_SESSION_TOKEN: simulator.token });

    const exit = await server.exited;

    expect(exit.code).toBe(2);
    expect(server.stderr.text()).toMatch(/CODER_URL is not set/);
    expect(server.stdout.text()).toBe('');
    expect(findLeaks({ stderr: server.stderr.lines() }, [simulator.token])).toEqual([]);
  });

  test('no CODER_SESSION_TOKEN: exit code 2 and a message saying how to create one', async () => {
    const server = spawnServer([], { CODER_URL: simulator.url });

    const exit = await server.exited;

    expect(exit.code).toBe(2);
    expect(server.stderr.text()).toMatch(/CODER_SESSION_TOKEN is not set/);
  });

  test('--http without FLEET_HTTP_TOKEN: exit code 2 and a message saying how to make one', async () => {
    const server = spawnServer(['--http', '--port', '0'], { CODER_URL: simulator.url, CODER_SESSION_TOKEN: simulator.token });

    const exit = await server.exited;

    expect(exit.code).toBe(2);
    expect(server.stderr.text()).toMatch(/FLEET_HTTP_TOKEN/);
  });
});

describe('starting the server against a Coder that accepts connections and never answers', () => {
  /** The server's bound on its start-up check, plus room for a cold start of node on a busy 2-core machine; still well under the 15 s it took before. */
  const READY_BOUND_MS = 5_000 + 5_000;
  let silent: Server;
  const sockets: Socket[] = [];
  let silentUrl = '';

  beforeAll(async () => {
    silent = createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    silentUrl = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => silent.close(resolve));
  });

  test('the server is ready for initialize within the check bound and logs a warning that it serves anyway', async () => {
    const started = Date.now();
    const server = spawnServer([], { CODER_URL: silentUrl, CODER_SESSION_TOKEN: WRONG_TOKEN });
    try {
      const answer = await initialize(server, READY_BOUND_MS);
      const readyAfterMs = Date.now() - started;
      const warning = await waitForLog(server, (record) => record['level'] === 'warn', 'a warning about Coder', 1_000);

      expect(answer['result']).toMatchObject({ serverInfo: { name: 'fleet' } });
      expect(readyAfterMs).toBeLessThan(READY_BOUND_MS);
      expect(warning['msg']).toMatch(/did not answer within 5000 ms; serving anyway/);
      expect(sockets.length).toBeGreaterThan(0);
    } finally {
      await server.stop();
    }
  }, 15_000);
});
