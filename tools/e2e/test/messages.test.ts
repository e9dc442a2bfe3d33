// The server's own messages through the built server: a refused token said once, tokens never echoed from the
// configuration, a token too short to be real refused at start-up, and plain English for a bad page.
import { startSimulator, type RunningSimulator } from '@fleet/coder-sim';
import { findLeaks } from './support/secret-leaks.js';
import { spawnServer } from './support/server-process.js';
import { useStdioFleet } from './support/stdio-fleet-fixture.js';
import { errorOf } from './support/tool-result.js';

/** Well formed in Coder's `<10 character id>-<22 character secret>` shape, so Coder refuses it as unknown. */
const WRONG_TOKEN = 'AbCdEfGhIj-0123456789abcdefABCDEF';

describe('start-up messages', () => {
  let simulator: RunningSimulator;

  beforeAll(async () => {
    simulator = await startSimulator({ coderVersion: 'v2.30.0', speed: 0.05 });
  });
  afterAll(async () => {
    await simulator.close();
  });

  test('a token Coder refuses is said to be refused once, with the fix once', async () => {
    const server = spawnServer([], { CODER_URL: simulator.url, CODER_SESSION_TOKEN: WRONG_TOKEN });

    const exit = await server.exited;

    expect(exit.code).toBe(1);
    const stderr = server.stderr.text();
    expect(stderr.match(/refused the session token/g)).toHaveLength(1);
    expect(stderr.match(/coder tokens create/g)).toHaveLength(1);
  });

  test.each(['Q7', 'abc123', 'short-token-15c'])('a session token too short to be real (%j) is refused before Coder is asked, without echoing it', async (token) => {
    simulator.control.resetStats();
    const server = spawnServer([], { CODER_URL: simulator.url, CODER_SESSION_TOKEN: token });

    const exit = await server.exited;

    expect(exit.code).toBe(2);
    expect(server.stderr.text()).toContain('CODER_SESSION_TOKEN is too short to be a Coder token');
    expect(server.stderr.text()).not.toContain(token);
    expect(simulator.control.stats().requests).toBe(0);
  });

  test.each<[string, string[], (token: string) => Record<string, string>]>([
    ['CODER_URL and CODER_SESSION_TOKEN swapped', [], (token) => ({ CODER_URL: token, CODER_SESSION_TOKEN: simulator.url })],
    ['FLEET_CODER_TIMEOUT_MS', [], (token) => ({ CODER_URL: simulator.url, CODER_SESSION_TOKEN: token, FLEET_CODER_TIMEOUT_MS: token })],
    ['--log-level', ['--log-level', ''], (token) => ({ CODER_URL: simulator.url, CODER_SESSION_TOKEN: token })],
    ['FLEET_AGENTAPI_APP_SLUGS', [], (token) => ({ CODER_URL: simulator.url, CODER_SESSION_TOKEN: token, FLEET_AGENTAPI_APP_SLUGS: token })],
  ])('a token put in %s is refused with exit code 2 and never printed', async (_place, argv, environment) => {
    const args = argv.map((arg) => (arg === '' ? simulator.token : arg));
    const server = spawnServer(args, environment(simulator.token));

    const exit = await server.exited;

    expect(exit.code).toBe(2);
    expect(server.stderr.text()).toContain('not shown: it could be a token');
    expect(findLeaks({ stderr: server.stderr.lines(), stdout: server.stdout.lines() }, [simulator.token])).toEqual([]);
  });
});

describe('input messages (Coder v2.30.0)', () => {
  const fleet = useStdioFleet({ coderVersion: 'v2.30.0', speed: 0.05, seed: 3 });

  test('a page that is not a whole number is said so in plain English', async () => {
    const error = errorOf(await fleet().session.call('show_agent_task_history', { agent_name: 'any-agent', page: 1.5 }));

    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toBe('page must be a whole number, not 1.5');
  });
});
