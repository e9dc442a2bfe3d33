// Flags and environment into configuration, and the messages for every mistake.
import { parseCommandLine, type Environment } from '../src/config.js';
import { ENVIRONMENT, HTTP_TOKEN, parseError } from './config-cases.js';

test('with the Coder variables set and no flags, it serves stdio at log level info', () => {
  expect(parseCommandLine([], ENVIRONMENT)).toEqual({
    kind: 'serve',
    config: {
      coderUrl: 'https://coder.example.com',
      coderToken: 'Xk2hq9TzLw-8s7dF3gH1jK4lM6nP0rQ2',
      coderTokenSource: 'environment',
      transport: { kind: 'stdio' },
      logLevel: 'info',
      coderTimeoutMs: undefined,
      agentApiAppSlugs: [],
    },
  });
});

test('AgentAPI app slugs come from FLEET_AGENTAPI_APP_SLUGS, comma-separated, and --agentapi-app-slugs overrides them', () => {
  expect(parseCommandLine([], { ...ENVIRONMENT, FLEET_AGENTAPI_APP_SLUGS: ' ccw, agentapi ,' })).toMatchObject({ config: { agentApiAppSlugs: ['ccw', 'agentapi'] } });
  expect(parseCommandLine(['--agentapi-app-slugs', 'claude'], { ...ENVIRONMENT, FLEET_AGENTAPI_APP_SLUGS: 'ccw' })).toMatchObject({
    config: { agentApiAppSlugs: ['claude'] },
  });
});

test.each(['Claude', 'a--b', 'ccw-', 'ccw!'])('an AgentAPI app slug %j is refused, naming Coder\'s slug rule', (slug) => {
  expect(() => parseCommandLine(['--agentapi-app-slugs', slug], ENVIRONMENT)).toThrow(`--agentapi-app-slugs holds "${slug}", which is not a Coder app slug`);
});

test('flags override the variables', () => {
  const command = parseCommandLine(['--coder-url', 'http://localhost:3000', '--coder-token', 'FromTheFla-g0123456789abcdefABCDEF', '--log-level', 'debug'], ENVIRONMENT);

  expect(command).toMatchObject({
    config: { coderUrl: 'http://localhost:3000', coderToken: 'FromTheFla-g0123456789abcdefABCDEF', coderTokenSource: 'flag', logLevel: 'debug' },
  });
});

test('the Coder request timeout comes from FLEET_CODER_TIMEOUT_MS, and --coder-timeout overrides it', () => {
  expect(parseCommandLine([], { ...ENVIRONMENT, FLEET_CODER_TIMEOUT_MS: '2500' })).toMatchObject({ config: { coderTimeoutMs: 2500 } });
  expect(parseCommandLine(['--coder-timeout', '900'], { ...ENVIRONMENT, FLEET_CODER_TIMEOUT_MS: '2500' })).toMatchObject({
    config: { coderTimeoutMs: 900 },
  });
});

test.each(['soon', '-5', '50', '1.5', '9999999'])('a Coder timeout of %j is refused with the accepted range', (value) => {
  expect(() => parseCommandLine([], { ...ENVIRONMENT, FLEET_CODER_TIMEOUT_MS: value })).toThrow(
    'FLEET_CODER_TIMEOUT_MS must be a whole number of milliseconds from 100 to 600000',
  );
});

test('--http serves on 127.0.0.1:8787 by default with FLEET_HTTP_TOKEN', () => {
  const command = parseCommandLine(['--http'], { ...ENVIRONMENT, FLEET_HTTP_TOKEN: HTTP_TOKEN });

  expect(command).toMatchObject({ config: { transport: { kind: 'http', host: '127.0.0.1', port: 8787, bearerToken: HTTP_TOKEN } } });
});

test('--port and --host set where --http listens', () => {
  const command = parseCommandLine(['--http', '--port', '9000', '--host', '0.0.0.0'], { ...ENVIRONMENT, FLEET_HTTP_TOKEN: HTTP_TOKEN });

  expect(command).toMatchObject({ config: { transport: { kind: 'http', host: '0.0.0.0', port: 9000 } } });
});

test('--help and --version win over missing configuration', () => {
  expect(parseCommandLine(['--help'], {})).toEqual({ kind: 'help' });
  expect(parseCommandLine(['-v'], {})).toEqual({ kind: 'version' });
});

test.each<[string, string[], Environment, RegExp]>([
  ['a missing CODER_URL', [], { CODER_SESSION_TOKEN: 'token' }, /^CODER_URL is not set: .*export CODER_URL=https:\/\/coder\.example\.com/],
  ['a blank CODER_URL', [], { CODER_URL: '  ', CODER_SESSION_TOKEN: 'token' }, /^CODER_URL is not set/],
  ['a CODER_URL that is not a URL', [], { CODER_URL: 'coder.example.com', CODER_SESSION_TOKEN: 'token' }, /^CODER_URL is not a URL \(it does not start with https:\/\/ or http:\/\/\): a value of 17 characters/],
  ['a short CODER_URL that is not a URL', [], { CODER_URL: 'localhost', CODER_SESSION_TOKEN: 'token' }, /^CODER_URL is not a URL \(it does not start with https:\/\/ or http:\/\/\): "localhost"/],
  ['a CODER_URL that is not http(s)', [], { CODER_URL: 'ftp://coder.example.com', CODER_SESSION_TOKEN: 'token' }, /must start with https:\/\/ or http:\/\//],
  ['a CODER_URL with a query', [], { CODER_URL: 'https://coder.example.com/?x=1', CODER_SESSION_TOKEN: 'token' }, /without a query/],
  ['a missing token', [], { CODER_URL: 'https://coder.example.com' }, /^CODER_SESSION_TOKEN is not set: .*coder tokens create/],
  ['a token with whitespace inside', [], { CODER_URL: 'https://coder.example.com', CODER_SESSION_TOKEN: 'two words' }, /contains whitespace/],
  ['--http without FLEET_HTTP_TOKEN', ['--http'], ENVIRONMENT, /^--http needs a bearer token: set FLEET_HTTP_TOKEN .*openssl rand -hex 32/],
  ['a short FLEET_HTTP_TOKEN', ['--http'], { ...ENVIRONMENT, FLEET_HTTP_TOKEN: 'short' }, /at least 16 characters/],
  ['a port that is not a number', ['--http', '--port', 'eighty'], { ...ENVIRONMENT, FLEET_HTTP_TOKEN: HTTP_TOKEN }, /--port must be a whole number from 0 to 65535, not "eighty"/],
  ['a port out of range', ['--http', '--port', '70000'], { ...ENVIRONMENT, FLEET_HTTP_TOKEN: HTTP_TOKEN }, /--port must be a whole number/],
  ['--port without --http', ['--port', '9000'], ENVIRONMENT, /--port only applies with --http/],
  ['--host without --http', ['--host', '0.0.0.0'], ENVIRONMENT, /--host only applies with --http/],
  ['an unknown flag', ['--verbose'], ENVIRONMENT, /Unknown option '--verbose'.*--help/],
  ['a flag without its value', ['--coder-url'], ENVIRONMENT, /--coder-url <value>' argument missing/],
  ['an unknown log level', ['--log-level', 'loud'], ENVIRONMENT, /--log-level must be one of debug, info, warn, error/],
])('%s is a ConfigError that says what to do, exit code 2', (_case, argv, environment, message) => {
  const error = parseError(argv, environment);

  expect(error.message).toMatch(message);
  expect(error.exitCode).toBe(2);
});

test('a stray argument is refused without being echoed: it may be a misplaced token', () => {
  const error = parseError(['Xk2hq9TzLw-8s7dF3gH1jK4lM6nP0rQ2']);

  expect(error.message).not.toContain('Xk2hq9TzLw');
});

test.each([
  ['in the environment', [], { CODER_URL: 'https://coder.example.com', CODER_SESSION_TOKEN: 'abc123' }, /^CODER_SESSION_TOKEN is too short to be a Coder token \(fewer than 16 characters/],
  ['as a flag', ['--coder-token', 'abc123'], ENVIRONMENT, /^--coder-token is too short to be a Coder token/],
])('a Coder token too short to be real is refused %s, without echoing it', (_where, argv: string[], environment: Environment, message) => {
  const error = parseError(argv, environment);

  expect(error.message).toMatch(message);
  expect(error.message).not.toContain('abc123');
});

test('a token of 16 characters or more passes whatever its format: API, session and OAuth tokens differ', () => {
  for (const token of ['0123456789abcdef', 'gho_16C7e42F292c6912E7710c838347Ae178B4a', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl']) {
    expect(parseCommandLine([], { ...ENVIRONMENT, CODER_SESSION_TOKEN: token })).toMatchObject({ config: { coderToken: token } });
  }
});

const MISPLACED_TOKEN = 'AbCdEfGhIj-0123456789abcdefABCDEF';

test.each<[string, string[], Environment]>([
  ['CODER_URL', [], { ...ENVIRONMENT, CODER_URL: MISPLACED_TOKEN }],
  ['--coder-url', ['--coder-url', MISPLACED_TOKEN], ENVIRONMENT],
  ['FLEET_CODER_TIMEOUT_MS', [], { ...ENVIRONMENT, FLEET_CODER_TIMEOUT_MS: MISPLACED_TOKEN }],
  ['--coder-timeout', ['--coder-timeout', MISPLACED_TOKEN], ENVIRONMENT],
  ['--log-level', ['--log-level', MISPLACED_TOKEN], ENVIRONMENT],
  ['FLEET_AGENTAPI_APP_SLUGS', [], { ...ENVIRONMENT, FLEET_AGENTAPI_APP_SLUGS: MISPLACED_TOKEN }],
  ['--port', ['--http', '--port', MISPLACED_TOKEN], { ...ENVIRONMENT, FLEET_HTTP_TOKEN: HTTP_TOKEN }],
])('a token put in %s is refused without being echoed', (_place, argv, environment) => {
  const error = parseError(argv, environment);

  expect(error.message).toContain('a value of 33 characters (not shown: it could be a token given in the wrong place)');
  expect(error.message).not.toContain(MISPLACED_TOKEN.slice(0, 10));
  expect(error.message).not.toContain(MISPLACED_TOKEN.slice(-22));
});

test('a CODER_URL with credentials is refused without echoing them', () => {
  const error = parseError([], { CODER_URL: 'https://alice:hunter22@coder.example.com', CODER_SESSION_TOKEN: 'token' });

  expect(error.message).toContain('must not contain a user name or password');
  expect(error.message).not.toContain('hunter22');
});

describe('--auth and --stateless', () => {
  test('--auth coder needs neither FLEET_HTTP_TOKEN nor CODER_SESSION_TOKEN', () => {
    const command = parseCommandLine(['--http', '--auth', 'coder'], { CODER_URL: 'https://coder.example.com' });

    expect(command).toMatchObject({ config: { coderToken: undefined, coderTokenSource: 'none', transport: { kind: 'http', auth: 'coder', stateless: false } } });
  });

  test('FLEET_HTTP_AUTH and FLEET_HTTP_STATELESS are the variables of --auth and --stateless', () => {
    const command = parseCommandLine(['--http'], { ...ENVIRONMENT, FLEET_HTTP_AUTH: 'coder', FLEET_HTTP_STATELESS: 'true' });

    expect(command).toMatchObject({ config: { coderToken: ENVIRONMENT['CODER_SESSION_TOKEN'], transport: { auth: 'coder', stateless: true } } });
  });

  test('the default is the shared token, with sessions', () => {
    expect(parseCommandLine(['--http'], { ...ENVIRONMENT, FLEET_HTTP_TOKEN: HTTP_TOKEN })).toMatchObject({
      config: { transport: { auth: 'shared-token', bearerToken: HTTP_TOKEN, stateless: false } },
    });
    expect(parseCommandLine(['--http', '--stateless'], { ...ENVIRONMENT, FLEET_HTTP_TOKEN: HTTP_TOKEN })).toMatchObject({ config: { transport: { stateless: true } } });
  });

  test.each([
    ['an unknown mode', ['--http', '--auth', 'oauth'], ENVIRONMENT, /^--auth must be shared-token .* or coder .*, not "oauth"/],
    ['an unknown mode in the variable', ['--http'], { ...ENVIRONMENT, FLEET_HTTP_AUTH: 'users' }, /^FLEET_HTTP_AUTH must be shared-token/],
    ['--auth without --http', ['--auth', 'coder'], ENVIRONMENT, /--auth only applies with --http/],
    ['--stateless without --http', ['--stateless'], ENVIRONMENT, /--stateless only applies with --http/],
    ['a FLEET_HTTP_STATELESS that is not a switch', ['--http', '--auth', 'coder'], { ...ENVIRONMENT, FLEET_HTTP_STATELESS: 'maybe' }, /^FLEET_HTTP_STATELESS must be true or false/],
    ['stdio without a token', [], { CODER_URL: 'https://coder.example.com' }, /^CODER_SESSION_TOKEN is not set/],
  ])('%s is refused', (_case, argv, environment, message) => {
    expect(() => parseCommandLine(argv, environment)).toThrow(message);
  });
});
