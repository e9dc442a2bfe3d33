// Start-up as the bin runs it: help, version, configuration errors, the connection check alongside serving, stdio and HTTP.
import { PassThrough } from 'node:stream';
import { coderUnreachable, everyRequestFailing, heldUntilReleased, recordedApiError, recordedBuildInfo, recordedCoder, recordedUser, untilAborted } from '@fleet/coder-fakes';
import type { Fleet, FleetOptions } from '@fleet/fleet-domain';
import { FleetError } from '@fleet/fleet-models';
import { main, type MainOutcome } from '../src/main.js';
import { readPackageVersion } from '../src/package-version.js';
import { GENERATION, recordedFleet } from './recorded-fleet.js';

const SESSION_TOKEN = 'Xk2hq9TzLw-8s7dF3gH1jK4lM6nP0rQ2';
const HTTP_TOKEN = 'c2b7e1f04d9a4e6b8a3f5d7c9e1b2a4d';
const ENVIRONMENT = { CODER_URL: 'https://coder.example.com', CODER_SESSION_TOKEN: SESSION_TOKEN };

interface Started {
  outcome: MainOutcome;
  stdin: PassThrough;
  stdout: PassThrough;
  printed: string[];
  errors: string[];
  fleetOptions: FleetOptions[];
}

const running: MainOutcome[] = [];

afterEach(async () => {
  for (const outcome of running.splice(0)) if (outcome.kind === 'serving') await outcome.close();
});

interface Bounds {
  connectionCheckTimeoutMs?: number;
  shutdownGraceMs?: number;
}

async function start(argv: string[], environment: Record<string, string>, fleet: Fleet = recordedFleet().fleet, bounds: Bounds = {}): Promise<Started> {
  const stdin = new PassThrough();
  const stdout = new PassThrough();
  const printed: string[] = [];
  const errors: string[] = [];
  const fleetOptions: FleetOptions[] = [];
  const outcome = await main({
    argv,
    environment,
    stdin,
    stdout,
    writeOutput: (text) => printed.push(text),
    writeError: (text) => errors.push(text),
    createFleet: (options) => {
      fleetOptions.push(options);
      return fleet;
    },
    ...bounds,
  });
  running.push(outcome);
  return { outcome, stdin, stdout, printed, errors, fleetOptions };
}

/** Sends one JSON-RPC request over the stdio streams and resolves with the response carrying its id. */
function request(started: Started, message: { id: number; method: string; params?: unknown }): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    let buffered = '';
    const onData = (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      for (const line of buffered.split('\n')) {
        if (line.trim() === '') continue;
        const parsed = JSON.parse(line) as Record<string, unknown>;
        if (parsed['id'] === message.id) {
          started.stdout.off('data', onData);
          resolve(parsed);
        }
      }
    };
    started.stdout.on('data', onData);
    started.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', ...message })}\n`);
  });
}

/** The first log record `match` accepts, once the server wrote it (the check of Coder logs after the server serves); bounded. */
async function logged(started: Started, match: (record: Record<string, unknown>) => boolean, boundMs = 5_000): Promise<Record<string, unknown>> {
  const deadline = Date.now() + boundMs;
  for (;;) {
    const found = started.errors.map((line) => JSON.parse(line) as Record<string, unknown>).find(match);
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`no such log line within ${boundMs} ms; the log:\n${started.errors.join('')}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

function serving(started: Started): Extract<MainOutcome, { kind: 'serving' }> {
  if (started.outcome.kind !== 'serving') throw new Error(`not serving: ${JSON.stringify(started.outcome)}`);
  return started.outcome;
}

interface HeldCheck {
  fleet: Fleet;
  /** Resolves once the server asked Coder. */
  entered: Promise<void>;
  /** Lets the check end: with the connection, or with `failure`. */
  answer: (failure?: Error) => void;
  signal: () => AbortSignal | undefined;
}

/** A fleet whose start-up check waits until the test answers it (or the server abandons it). */
function fleetWithHeldCheck(fleet: Fleet = recordedFleet().fleet): HeldCheck {
  const check = fleet.checkConnection.bind(fleet);
  let answer: (failure?: Error) => void = () => undefined;
  const answered = new Promise<Error | undefined>((resolve) => (answer = resolve));
  let enter: () => void = () => undefined;
  const entered = new Promise<void>((resolve) => (enter = resolve));
  let signal: AbortSignal | undefined;
  fleet.checkConnection = async (options = {}) => {
    signal = options.signal;
    enter();
    const failure = await Promise.race([
      answered,
      new Promise<never>((_resolve, reject) => options.signal?.addEventListener('abort', () => reject(options.signal?.reason))),
    ]);
    if (failure !== undefined) throw failure;
    return check(options);
  };
  return { fleet, entered, answer, signal: () => signal };
}

const INITIALIZE = { id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'test', version: '1' } } };

test('--help prints the usage to stdout and exits 0 without touching Coder', async () => {
  const started = await start(['--help'], {});

  expect(started.outcome).toEqual({ kind: 'exit', exitCode: 0 });
  expect(started.printed.join('')).toContain('CODER_SESSION_TOKEN');
  expect(started.printed.join('')).toContain('--coder-token <token> overrides CODER_SESSION_TOKEN; discouraged');
  expect(started.fleetOptions).toEqual([]);
});

test('--version prints the package version', async () => {
  const started = await start(['--version'], {});

  expect(started.printed).toEqual([`${readPackageVersion()}\n`]);
  expect(readPackageVersion()).toMatch(/^\d+\.\d+\.\d+/);
});

test('a missing CODER_URL is one clear line on stderr and exit code 2', async () => {
  const started = await start([], { CODER_SESSION_TOKEN: SESSION_TOKEN });

  expect(started.outcome).toEqual({ kind: 'exit', exitCode: 2 });
  expect(started.errors).toHaveLength(1);
  expect(started.errors[0]).toMatch(/^fleet-mcp-server: CODER_URL is not set: /);
  expect(started.fleetOptions).toEqual([]);
});

test('an unknown flag is exit code 2', async () => {
  const started = await start(['--bogus'], ENVIRONMENT);

  expect(started.outcome).toEqual({ kind: 'exit', exitCode: 2 });
  expect(started.errors[0]).toContain("Unknown option '--bogus'");
});

test('a token Coder refuses: the server says how to fix it, without the token, then stops and exits 1', async () => {
  const refused = recordedApiError(GENERATION, 'errors', 'GET', /users\/me$/);
  const { fleet } = recordedFleet({ answers: { getAuthenticatedUser: async () => Promise.reject(refused) } });

  const started = await start([], ENVIRONMENT, fleet);

  await expect(serving(started).closed).resolves.toBe(1);
  const output = started.errors.join('');
  expect(output).toContain('refused the session token');
  expect(output).toContain('set CODER_SESSION_TOKEN');
  expect(output).not.toContain(SESSION_TOKEN);
});

test('a URL that is no Coder: one error line saying to check CODER_URL, then the server stops and exits 1', async () => {
  const { fleet } = recordedFleet();
  fleet.checkConnection = async () => Promise.reject(new FleetError('NOT_FOUND', 'Coder answered 404 for /api/v2/buildinfo'));

  const started = await start([], ENVIRONMENT, fleet);

  await expect(serving(started).closed).resolves.toBe(1);
  const errors = started.errors.map((line) => JSON.parse(line) as Record<string, unknown>).filter((record) => record['level'] === 'error');
  expect(errors).toHaveLength(1);
  expect(errors[0]?.['msg']).toContain('check that CODER_URL is your Coder deployment');
});

test('initialize and tool calls are answered while Coder still holds the start-up check', async () => {
  const { fleet, entered, answer, signal } = fleetWithHeldCheck();
  const started = await start([], ENVIRONMENT, fleet);
  await entered;

  const initialized = await request(started, INITIALIZE);
  started.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' })}\n`);
  const listed = await request(started, { id: 2, method: 'tools/call', params: { name: 'list_agents', arguments: {} } });
  const checkStillWaiting = signal()?.aborted === false && !started.errors.join('').includes('connected to Coder');
  answer();
  const connected = await logged(started, (record) => String(record['msg']).startsWith('connected to Coder'));

  expect(checkStillWaiting).toBe(true);
  expect(initialized['result']).toMatchObject({ serverInfo: { name: 'fleet' } });
  expect(listed['result']).toMatchObject({ structuredContent: { total: 6 } });
  expect(connected).toMatchObject({ coder_user: recordedUser(GENERATION).username });
});

test('a token refused while a call runs: the call is answered, then the server stops with exit code 1', async () => {
  const slow = fleetWithSlowList();
  const held = fleetWithHeldCheck(slow.fleet);
  const started = await start([], ENVIRONMENT, held.fleet);
  await request(started, INITIALIZE);
  const listed = request(started, { id: 2, method: 'tools/call', params: { name: 'list_agents', arguments: {} } });
  await slow.entered;

  held.answer(new FleetError('UNAUTHORIZED', 'Coder answered 401'));
  await logged(started, (record) => String(record['msg']).startsWith('stopping (Coder cannot be used)'));
  slow.release();

  expect((await listed)['result']).toMatchObject({ structuredContent: { total: 6 } });
  await expect(serving(started).closed).resolves.toBe(1);
  expect(started.errors.join('')).toContain('refused the session token');
});

test('a stop while Coder holds the check abandons the check: its request is aborted, nothing is said about Coder, exit code 0', async () => {
  const { fleet, entered, signal } = fleetWithHeldCheck();
  const started = await start([], ENVIRONMENT, fleet);
  await entered;

  await serving(started).stop('SIGTERM');

  await expect(serving(started).closed).resolves.toBe(0);
  expect(signal()?.aborted).toBe(true);
  const levels = started.errors.map((line) => (JSON.parse(line) as Record<string, unknown>)['level']);
  expect(levels).not.toContain('warn');
  expect(levels).not.toContain('error');
});

test('a check that throws at once, outside any promise, is one error line and exit code 1, never an unhandled rejection', async () => {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => void unhandled.push(reason);
  process.on('unhandledRejection', onUnhandled);
  try {
    const { fleet } = recordedFleet();
    fleet.checkConnection = () => {
      throw new TypeError('fetch is not a function');
    };

    const started = await start([], ENVIRONMENT, fleet);

    await expect(serving(started).closed).resolves.toBe(1);
    expect(started.errors.join('')).toContain('fetch is not a function');
    expect(unhandled).toEqual([]);
  } finally {
    process.off('unhandledRejection', onUnhandled);
  }
});

test('a fleet that cannot be built is exit code 1 with the reason', async () => {
  const stdin = new PassThrough();
  const errors: string[] = [];

  const outcome = await main({
    argv: [],
    environment: ENVIRONMENT,
    stdin,
    stdout: new PassThrough(),
    writeOutput: () => undefined,
    writeError: (text) => errors.push(text),
    createFleet: () => {
      throw new Error('createFleet: not implemented yet');
    },
  });

  expect(outcome).toEqual({ kind: 'exit', exitCode: 1 });
  expect(errors.join('')).toContain('not implemented yet');
});

test('the fleet is built from the configured URL and token', async () => {
  const started = await start(['--coder-url', 'http://localhost:3000/'], ENVIRONMENT);

  expect(started.fleetOptions).toEqual([{ url: 'http://localhost:3000', token: SESSION_TOKEN }]);
});

test('a normal start logs the ready line at once, then a line with the Coder version and user once Coder answered, never the token', async () => {
  const { fleet, answer } = fleetWithHeldCheck();
  const started = await start([], ENVIRONMENT, fleet);
  const readyBeforeCoderAnswered = await logged(started, (record) => String(record['msg']).includes('ready'));

  answer();
  const connected = await logged(started, (record) => String(record['msg']).startsWith('connected to Coder'));

  expect(serving(started)).toBeDefined();
  expect(readyBeforeCoderAnswered).toMatchObject({ level: 'info', transport: 'stdio', coder_url: 'https://coder.example.com', version: readPackageVersion() });
  expect(connected).toMatchObject({ level: 'info', coder_check: 'connected', coder_version: recordedBuildInfo(GENERATION).version, coder_user: recordedUser(GENERATION).username, coder_url: 'https://coder.example.com' });
  expect(started.errors.join('')).not.toContain(SESSION_TOKEN);
});

test('calls after the check name the Coder user it learnt in their audit line', async () => {
  const started = await start([], ENVIRONMENT);
  await logged(started, (record) => String(record['msg']).startsWith('connected to Coder'));
  await request(started, INITIALIZE);

  await request(started, { id: 2, method: 'tools/call', params: { name: 'delete_agent', arguments: { agent_name: 'triage-issues' } } });

  expect(await logged(started, (record) => record['audit'] === true)).toMatchObject({ user: recordedUser(GENERATION).username, tool: 'delete_agent' });
});

test('on stdio it answers initialize and tool calls, and stops when stdin ends', async () => {
  const started = await start([], ENVIRONMENT);

  const initialized = await request(started, INITIALIZE);
  started.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' })}\n`);
  const listed = await request(started, { id: 2, method: 'tools/call', params: { name: 'list_agents', arguments: {} } });
  started.stdin.end();

  expect(initialized['result']).toMatchObject({ serverInfo: { name: 'fleet', version: readPackageVersion() } });
  expect(listed['result']).toMatchObject({ structuredContent: { total: 6 } });
  if (started.outcome.kind !== 'serving') throw new Error('not serving');
  await expect(started.outcome.closed).resolves.toBe(0);
});

test('Coder unreachable at start is a warning, and the server serves, answering CODER_UNAVAILABLE', async () => {
  const { fleet } = recordedFleet({ answers: everyRequestFailing(await coderUnreachable()) });

  const started = await start([], ENVIRONMENT, fleet);
  await request(started, INITIALIZE);
  const listed = await request(started, { id: 2, method: 'tools/call', params: { name: 'list_agents', arguments: {} } });
  const warning = await logged(started, (record) => record['level'] === 'warn');

  expect(warning).toMatchObject({ coder_check: 'unreachable', msg: expect.stringContaining('cannot be reached now') });
  expect(listed['result']).toMatchObject({ isError: true, content: [{ type: 'text', text: expect.stringMatching(/^CODER_UNAVAILABLE: /) }] });
  expect(started.outcome.kind).toBe('serving');
});

test('a connection check that never answers is bounded: the server warns and serves', async () => {
  const { fleet } = recordedFleet({ answers: { getCoderVersion: untilAborted, getAuthenticatedUser: untilAborted } });

  const started = await start([], ENVIRONMENT, fleet, { connectionCheckTimeoutMs: 50 });
  const warning = await logged(started, (record) => record['level'] === 'warn');

  expect(warning['msg']).toContain('did not answer within 50 ms; serving anyway');
  expect(started.outcome.kind).toBe('serving');
});

/** A fleet whose Coder answers the list of agents (list_agents) only once the test lets it go. */
function fleetWithSlowList(): { fleet: Fleet; release: () => void; entered: Promise<void> } {
  const slowList = heldUntilReleased(recordedCoder(GENERATION).client.getTasks);
  const { fleet } = recordedFleet({ answers: { getTasks: slowList.answer } });
  return { fleet, release: slowList.release, entered: slowList.entered };
}

test('a stop on stdio lets the call in flight finish and answer, then closes with exit code 0', async () => {
  const { fleet, release, entered } = fleetWithSlowList();
  const started = await start([], ENVIRONMENT, fleet);
  if (started.outcome.kind !== 'serving') throw new Error('not serving');
  await request(started, INITIALIZE);
  const listed = request(started, { id: 2, method: 'tools/call', params: { name: 'list_agents', arguments: {} } });
  await entered;

  const stopped = started.outcome.stop('SIGTERM');
  release();
  await stopped;

  expect((await listed)['result']).toMatchObject({ structuredContent: { total: 6 } });
  await expect(started.outcome.closed).resolves.toBe(0);
  expect(started.errors.join('')).toContain('stopping (SIGTERM)');
});

test('a stop on stdio answers a call still running at the end of the grace period with an error, and exits 1', async () => {
  const { fleet, entered } = fleetWithSlowList();
  const started = await start([], ENVIRONMENT, fleet, { shutdownGraceMs: 50 });
  if (started.outcome.kind !== 'serving') throw new Error('not serving');
  await request(started, INITIALIZE);
  const listed = request(started, { id: 2, method: 'tools/call', params: { name: 'list_agents', arguments: {} } });
  await entered;

  await started.outcome.stop('SIGTERM');

  expect((await listed)['error']).toMatchObject({ code: -32000, message: expect.stringContaining('before this call finished') });
  await expect(started.outcome.closed).resolves.toBe(1);
});

test('a stop on HTTP lets the call in flight finish and refuses new connections', async () => {
  const { fleet, release, entered } = fleetWithSlowList();
  const started = await start(['--http', '--port', '0'], { ...ENVIRONMENT, FLEET_HTTP_TOKEN: HTTP_TOKEN }, fleet);
  if (started.outcome.kind !== 'serving' || started.outcome.url === undefined) throw new Error('not serving');
  const url = started.outcome.url;
  const post = (body: unknown, sessionId?: string) =>
    fetch(url, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${HTTP_TOKEN}`,
        'Content-Type': 'application/json',
        Accept: 'application/json, text/event-stream',
        ...(sessionId === undefined ? {} : { 'Mcp-Session-Id': sessionId, 'Mcp-Protocol-Version': '2025-06-18' }),
      },
      body: JSON.stringify(body),
    });
  const opened = await post({ jsonrpc: '2.0', ...INITIALIZE });
  const sessionId = opened.headers.get('mcp-session-id') ?? '';
  await opened.text();
  await (await post({ jsonrpc: '2.0', method: 'notifications/initialized' }, sessionId)).text();
  const listed = post({ jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'list_agents', arguments: {} } }, sessionId);
  await entered;

  const stopped = started.outcome.stop('SIGTERM');
  const refused = await fetch(url, { method: 'POST' }).then(
    () => 'answered',
    () => 'refused',
  );
  release();
  const answer = await (await listed).text();
  await stopped;

  expect(refused).toBe('refused');
  expect(answer).toContain('"total":6');
  await expect(started.outcome.closed).resolves.toBe(0);
});

test('--http with a token Coder refuses listens at once, then stops and exits 1', async () => {
  const { fleet, answer } = fleetWithHeldCheck();
  const started = await start(['--http', '--port', '0'], { ...ENVIRONMENT, FLEET_HTTP_TOKEN: HTTP_TOKEN }, fleet);
  const url = serving(started).url ?? '';

  const whileChecking = await fetch(url, { method: 'POST' });
  answer(new FleetError('UNAUTHORIZED', 'Coder answered 401'));

  expect(whileChecking.status).toBe(401);
  await expect(serving(started).closed).resolves.toBe(1);
  expect(started.errors.join('')).toContain('refused the session token');
});

test('a garbage line on stdio is answered with a JSON-RPC parse error and logged by its escaped start only', async () => {
  const started = await start([], ENVIRONMENT);
  const answered = new Promise<Record<string, unknown>>((resolve) => started.stdout.once('data', (chunk: Buffer) => resolve(JSON.parse(chunk.toString('utf8')) as Record<string, unknown>)));

  started.stdin.write(`\u001b[2J${'garbage '.repeat(100)}\n`);

  expect(await answered).toEqual({ jsonrpc: '2.0', id: null, error: { code: -32700, message: expect.stringContaining('Parse error') } });
  const logged = started.errors.map((line) => JSON.parse(line) as Record<string, unknown>).find((record) => String(record['msg']).includes('not JSON'));
  expect(logged?.['line_start']).toBe('\\u001b[2Jgarbage garbage garbage garb…');
});

test('--coder-token works but warns that the process list shows it', async () => {
  const started = await start(['--coder-token', 'token-from-the-flag'], { CODER_URL: 'https://coder.example.com' });

  expect(started.outcome.kind).toBe('serving');
  expect(started.errors.join('')).toContain('process list');
  expect(started.errors.join('')).not.toContain('token-from-the-flag');
});

test('--http serves on the port given and logs its URL, not its token', async () => {
  const started = await start(['--http', '--port', '0'], { ...ENVIRONMENT, FLEET_HTTP_TOKEN: HTTP_TOKEN });

  if (started.outcome.kind !== 'serving') throw new Error('not serving');
  expect(started.outcome.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mcp$/);
  const response = await fetch(started.outcome.url ?? '', { method: 'POST' });
  expect(response.status).toBe(401);
  expect(started.errors.join('')).toContain(started.outcome.url);
  expect(started.errors.join('')).not.toContain(HTTP_TOKEN);
});
