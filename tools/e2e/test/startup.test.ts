// Starting the built server: the bin is one file that runs on its own; each mistake ends the process with a non-zero
// code and one message saying what to fix; a Coder that never answers holds neither initialize nor a SIGTERM.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { startSimulator, type RunningSimulator } from '@fleet/coder-sim';
import { pollUntil, serverCommandPath } from '@fleet/tool-support';
import { coderCheckEnded } from './support/coder-check.js';
import { initialize, waitForLog } from './support/raw-json-rpc.js';
import { findLeaks } from './support/secret-leaks.js';
import { spawnServer } from './support/server-process.js';

/** Well formed in Coder's `<10 character id>-<22 character secret>` shape, so Coder refuses it as unknown, not as malformed. */
const WRONG_TOKEN = 'AbCdEfGhIj-0123456789abcdefABCDEF';

describe('the bin users run', () => {
  let simulator: RunningSimulator;
  let folder: string;

  beforeAll(async () => {
    simulator = await startSimulator({ coderVersion: 'v2.30.0', speed: 0.05 });
    folder = mkdtempSync(join(tmpdir(), 'fleet-bin-'));
  });

  afterAll(async () => {
    rmSync(folder, { recursive: true, force: true });
    await simulator?.close();
  });

  /** The bin and the package's manifest alone, as the package lays them out, in a folder with no node_modules above it. */
  const copyBinAlone = (): string => {
    const bin = serverCommandPath();
    const packageFolder = dirname(dirname(bin));
    mkdirSync(join(folder, 'dist'), { recursive: true });
    copyFileSync(bin, join(folder, 'dist', basename(bin)));
    copyFileSync(join(packageFolder, 'package.json'), join(folder, 'package.json'));
    return join(folder, 'dist', basename(bin));
  };

  test('is one file: copied alone with its package.json, it prints the package version and answers initialize against Coder', async () => {
    const bin = copyBinAlone();
    const manifest = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as { version: string };

    const version = spawnServer(['--version'], {}, { serverCommand: bin });
    const versionExit = await version.exited;
    const server = spawnServer([], { CODER_URL: simulator.url, CODER_SESSION_TOKEN: simulator.token }, { serverCommand: bin });
    try {
      const answer = await initialize(server);
      const checked = await coderCheckEnded(server.stderr);

      expect(versionExit.code).toBe(0);
      expect(version.stdout.text()).toBe(`${manifest.version}\n`);
      expect(answer['result']).toMatchObject({ serverInfo: { name: 'fleet', version: manifest.version } });
      expect(checked).toMatchObject({ coder_check: 'connected', coder_version: expect.stringMatching(/^v2\.30\.0/) });
    } finally {
      await server.stop();
    }
  });
});

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

    expect(exit).toEqual({ code: 1, signal: null });
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
  /** The server's bound on its start-up check of Coder. */
  const CHECK_BOUND_MS = 5_000;
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

  /** Resolves once the server's check has a connection open to the silent Coder: from then on Coder holds it. */
  const coderHoldsTheCheck = (before: number) =>
    pollUntil(async () => (sockets.length > before ? true : undefined), { description: 'the start-up check reaching Coder', timeoutMs: 10_000 });

  test('initialize is answered while Coder holds the start-up check; the warning that it serves anyway comes later', async () => {
    const before = sockets.length;
    const server = spawnServer([], { CODER_URL: silentUrl, CODER_SESSION_TOKEN: WRONG_TOKEN });
    try {
      const answer = await initialize(server);
      await coderHoldsTheCheck(before);
      const logWhenAnswered = server.stderr.text();
      const warning = await waitForLog(server, (record) => record['level'] === 'warn', 'a warning about Coder', CHECK_BOUND_MS + 5_000);

      expect(answer['result']).toMatchObject({ serverInfo: { name: 'fleet' } });
      expect(logWhenAnswered).not.toContain('did not answer within');
      expect(warning).toMatchObject({ coder_check: 'unreachable', msg: expect.stringMatching(/did not answer within 5000 ms; serving anyway/) });
    } finally {
      await server.stop();
    }
  }, 20_000);

  test('a SIGTERM while Coder holds the start-up check stops the server cleanly: exit code 0, not killed by the signal', async () => {
    const before = sockets.length;
    const server = spawnServer([], { CODER_URL: silentUrl, CODER_SESSION_TOKEN: WRONG_TOKEN });
    try {
      await coderHoldsTheCheck(before);

      server.signal('SIGTERM');
      const exit = await server.exited;

      expect(exit).toEqual({ code: 0, signal: null });
      expect(server.stderr.text()).toContain('stopping (SIGTERM)');
      expect(server.stderr.text()).not.toContain('did not answer within');
    } finally {
      await server.stop();
    }
  }, 20_000);
});
