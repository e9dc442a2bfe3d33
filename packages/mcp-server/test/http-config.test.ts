// The HTTP transport's configuration: the names it answers to, and the bearer token's strength.
import { randomBytes } from 'node:crypto';
import { parseCommandLine, type Environment } from '../src/config.js';
import { estimateTokenBits } from '../src/token-strength.js';
import { ENVIRONMENT, HTTP_TOKEN, parseError } from './config-cases.js';

const HTTP_ENVIRONMENT: Environment = { ...ENVIRONMENT, FLEET_HTTP_TOKEN: HTTP_TOKEN };

describe('allowed hosts', () => {
  test('none beyond the loopback names by default', () => {
    expect(parseCommandLine(['--http'], HTTP_ENVIRONMENT)).toMatchObject({ config: { transport: { kind: 'http', allowedHosts: [] } } });
  });

  test('FLEET_HTTP_ALLOWED_HOSTS adds names, comma-separated, in lower case; --allowed-hosts overrides it', () => {
    const fromEnvironment = parseCommandLine(['--http'], { ...HTTP_ENVIRONMENT, FLEET_HTTP_ALLOWED_HOSTS: ' Fleet.Example.com, devbox.lan:8787 ,' });
    const fromFlag = parseCommandLine(['--http', '--allowed-hosts', '[fd00::1]:8787'], { ...HTTP_ENVIRONMENT, FLEET_HTTP_ALLOWED_HOSTS: 'ignored.example' });

    expect(fromEnvironment).toMatchObject({ config: { transport: { allowedHosts: ['fleet.example.com', 'devbox.lan:8787'] } } });
    expect(fromFlag).toMatchObject({ config: { transport: { allowedHosts: ['[fd00::1]:8787'] } } });
  });

  test.each(['https://fleet.example.com', 'fleet.example.com/mcp', 'user@fleet.example.com', 'fleet.example.com:port'])(
    'an entry %j that is not a host name is refused, by position, without echoing it',
    (entry) => {
      const error = parseError(['--http', '--allowed-hosts', `ok.example,${entry}`], HTTP_ENVIRONMENT);

      expect(error.message).toMatch(/^--allowed-hosts: entry 2 of 2 is not a host name/);
      expect(error.message).not.toContain(entry);
    },
  );

  test('--allowed-hosts only applies with --http', () => {
    expect(parseError(['--allowed-hosts', 'fleet.example.com'], ENVIRONMENT).message).toMatch(/--allowed-hosts only applies with --http/);
  });
});

describe('the bearer token', () => {
  test.each(['aaaaaaaaaaaaaaaaaaaa', 'passwordpassword', 'abcdefghijklmnopqrstuvwxyz', '01234567890123456789', 'Password123!Password123!', 'letmeinletmein123456'])(
    'FLEET_HTTP_TOKEN=%s is long enough but too easy to guess: a ConfigError that says how to make one and does not echo it',
    (token) => {
      const error = parseError(['--http'], { ...ENVIRONMENT, FLEET_HTTP_TOKEN: token });

      expect(error.message).toMatch(/^FLEET_HTTP_TOKEN is too easy to guess: .*openssl rand -hex 32/);
      expect(error.message).not.toContain(token);
      expect(error.exitCode).toBe(2);
    },
  );

  test.each([
    ['openssl rand -hex 32', () => randomBytes(32).toString('hex')],
    ['openssl rand -base64 24', () => randomBytes(24).toString('base64')],
    ['a UUID', () => crypto.randomUUID()],
  ])('random tokens as %s makes them are accepted, every one of 2,000', (_how, generate) => {
    const refused = Array.from({ length: 2_000 }, generate).filter((token) => {
      try {
        parseCommandLine(['--http'], { ...ENVIRONMENT, FLEET_HTTP_TOKEN: token });
        return false;
      } catch {
        return true;
      }
    });

    expect(refused).toEqual([]);
  });

  test('the estimate counts a repeated block once and a sequence as nothing', () => {
    expect(estimateTokenBits('aaaaaaaaaaaaaaaaaaaa')).toBe(0);
    expect(estimateTokenBits('passwordpassword')).toBe(estimateTokenBits('password'));
    expect(estimateTokenBits('abcdefghijklmnopqrstuvwxyz')).toBe(0);
    expect(estimateTokenBits(HTTP_TOKEN)).toBeGreaterThan(100);
  });
});
