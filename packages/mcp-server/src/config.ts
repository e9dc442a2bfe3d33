// Turns the command line and the environment into the server's configuration, or into a message saying what to fix.
import { parseArgs } from 'node:util';
import { checkCoderUrl } from '@fleet/fleet-domain';
import { isLogLevel, LOG_LEVELS, type LogLevel } from './logger.js';
import { isHostEntry } from './request-origin.js';
import { estimateTokenBits } from './token-strength.js';

export const DEFAULT_HTTP_HOST = '127.0.0.1';
export const DEFAULT_HTTP_PORT = 8787;
export const MIN_HTTP_TOKEN_LENGTH = 16;
/**
 * Shorter than any token Coder issues: session and API tokens are a 10-character id, a hyphen and a 22-character
 * secret (33 characters), and OAuth tokens are longer still. The format is not checked, so new kinds still pass.
 */
export const MIN_CODER_TOKEN_LENGTH = 16;
/** A value this long could be a token put in the wrong variable or flag: a message describes it instead of quoting it. */
const MAX_QUOTED_LENGTH = 15;
/**
 * Below this estimate (token-strength.ts) a token is a word or a pattern. What the message recommends, 32 random
 * bytes in hex, scores over 130; 16 random bytes in hex score below 48 about twice in a million.
 */
export const MIN_HTTP_TOKEN_BITS = 48;

/** How HTTP clients are told apart: all share the operator's Coder user, or each brings its own Coder credential. */
export const HTTP_AUTH_MODES = ['shared-token', 'coder'] as const;
export type HttpAuthMode = (typeof HTTP_AUTH_MODES)[number];

interface HttpTransportFields {
  kind: 'http';
  host: string;
  port: number;
  /** Names requests may carry in Host and Origin beyond the loopback ones: `name` or `name:port`. */
  allowedHosts: string[];
  /** No server-side session: every request stands alone, so that replicas behind any load balancer serve the same clients. */
  stateless: boolean;
}

export type HttpTransportConfig =
  /** Whoever holds FLEET_HTTP_TOKEN acts as the operator's Coder user. */
  | (HttpTransportFields & { auth: 'shared-token'; bearerToken: string })
  /** Each client sends its own Coder token (or an OAuth2 access token Coder issued) and acts as that user. */
  | (HttpTransportFields & { auth: 'coder' });

export type TransportConfig = { kind: 'stdio' } | HttpTransportConfig;

export interface ServerConfig {
  coderUrl: string;
  /** The operator's token; absent only with `--auth coder`, where it serves the start-up check alone. */
  coderToken: string | undefined;
  /** Where the Coder token came from: a flag is visible in the process list, so it earns a warning. */
  coderTokenSource: 'environment' | 'flag' | 'none';
  transport: TransportConfig;
  logLevel: LogLevel;
  /** Bound on each request to Coder; undefined keeps the client's default (30 s). */
  coderTimeoutMs: number | undefined;
  /** Slugs of apps that run AgentAPI, beyond those Fleet recognises by port 3284 or a /status healthcheck. */
  agentApiAppSlugs: string[];
}

export type CliCommand = { kind: 'help' } | { kind: 'version' } | { kind: 'serve'; config: ServerConfig };

export type Environment = Readonly<Record<string, string | undefined>>;

/** A configuration mistake: the message says what to set and how; the process exits with `exitCode`. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly exitCode = 2;
}

const HELP_HINT = 'run fleet-mcp-server --help for the options';

export function parseCommandLine(argv: readonly string[], environment: Environment): CliCommand {
  const flags = parseFlags(argv);
  if (flags.help === true) return { kind: 'help' };
  if (flags.version === true) return { kind: 'version' };

  const logLevel = parseLogLevel(flags['log-level']);
  const coderUrl = parseCoderUrl(flags['coder-url'], environment['CODER_URL']);
  const transport = parseTransport(flags, environment);
  const perUser = transport.kind === 'http' && transport.auth === 'coder';
  const { token: coderToken, source: coderTokenSource } = parseCoderToken(flags['coder-token'], environment['CODER_SESSION_TOKEN'], perUser);
  const coderTimeoutMs = parseCoderTimeout(flags['coder-timeout'], environment['FLEET_CODER_TIMEOUT_MS']);
  const agentApiAppSlugs = parseAppSlugs(flags['agentapi-app-slugs'], environment['FLEET_AGENTAPI_APP_SLUGS']);
  return { kind: 'serve', config: { coderUrl, coderToken, coderTokenSource, transport, logLevel, coderTimeoutMs, agentApiAppSlugs } };
}

type Flags = ReturnType<typeof parseFlags>;

function parseFlags(argv: readonly string[]) {
  try {
    return parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        'coder-url': { type: 'string' },
        'coder-token': { type: 'string' },
        http: { type: 'boolean' },
        auth: { type: 'string' },
        stateless: { type: 'boolean' },
        port: { type: 'string' },
        host: { type: 'string' },
        'allowed-hosts': { type: 'string' },
        'log-level': { type: 'string' },
        'coder-timeout': { type: 'string' },
        'agentapi-app-slugs': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    }).values;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
      // Not echoed: a stray argument may be a token pasted in the wrong place.
      throw new ConfigError(`fleet-mcp-server takes options only, no other arguments; ${HELP_HINT}`);
    }
    // parseArgs names the offending flag and never a flag's value, so no token can leak from here.
    const reason = error instanceof Error ? error.message : String(error);
    throw new ConfigError(`${reason}; ${HELP_HINT}`);
  }
}

function parseCoderTimeout(flag: string | undefined, environment: string | undefined): number | undefined {
  const value = flag ?? environment;
  if (value === undefined || value === '') return undefined;
  const source = flag !== undefined ? '--coder-timeout' : 'FLEET_CODER_TIMEOUT_MS';
  const milliseconds = Number(value);
  if (!Number.isInteger(milliseconds) || milliseconds < 100 || milliseconds > 600_000) {
    throw new ConfigError(`${source} must be a whole number of milliseconds from 100 to 600000, not ${quoted(value)}`);
  }
  return milliseconds;
}

/** Coder's app slug rule (coderd/httpapi: lowercase letters, digits and inner hyphens, at most 32). */
const APP_SLUG_PATTERN = /^[a-z0-9](-?[a-z0-9])*$/;

function parseAppSlugs(flag: string | undefined, environment: string | undefined): string[] {
  const value = flag ?? environment ?? '';
  const source = flag !== undefined ? '--agentapi-app-slugs' : 'FLEET_AGENTAPI_APP_SLUGS';
  const slugs = value.split(',').map((slug) => slug.trim()).filter((slug) => slug !== '');
  const invalid = slugs.find((slug) => slug.length > 32 || !APP_SLUG_PATTERN.test(slug));
  if (invalid !== undefined) {
    throw new ConfigError(`${source} holds ${quoted(invalid)}, which is not a Coder app slug (lowercase letters, digits and single inner hyphens, at most 32 characters); separate slugs with commas, e.g. ccw,agentapi`);
  }
  return slugs;
}

function parseLogLevel(value: string | undefined): LogLevel {
  if (value === undefined) return 'info';
  if (isLogLevel(value)) return value;
  throw new ConfigError(`--log-level must be one of ${LOG_LEVELS.join(', ')}, not ${quoted(value)}`);
}

function parseCoderUrl(flag: string | undefined, variable: string | undefined): string {
  const source = flag !== undefined ? '--coder-url' : 'CODER_URL';
  const value = (flag ?? variable ?? '').trim();
  if (value.length === 0) {
    throw new ConfigError(
      'CODER_URL is not set: set it to your Coder deployment, e.g. export CODER_URL=https://coder.example.com (or pass --coder-url)',
    );
  }
  const checked = checkCoderUrl(value);
  if (!checked.ok) {
    switch (checked.problem) {
      case 'not_a_url': {
        const scheme = value.includes('://') ? '' : ' (it does not start with https:// or http://)';
        throw new ConfigError(`${source} is not a URL${scheme}: ${quoted(value)}; use the address of your Coder deployment, e.g. https://coder.example.com`);
      }
      case 'credentials':
        // Not echoed: the value holds credentials.
        throw new ConfigError(`${source} must not contain a user name or password; put the token in CODER_SESSION_TOKEN instead`);
      case 'not_http':
        throw new ConfigError(`${source} must start with https:// or http://, not ${quoted(checked.protocol ?? '')}; e.g. https://coder.example.com`);
      case 'query_or_fragment': {
        const url = new URL(value);
        throw new ConfigError(`${source} must be the deployment's base URL, without a query or fragment: "${url.origin}${url.pathname}"`);
      }
    }
  }
  const url = checked.url;
  return url.toString().replace(/\/+$/, '');
}

function parseCoderToken(
  flag: string | undefined,
  variable: string | undefined,
  optional: boolean,
): { token: string | undefined; source: ServerConfig['coderTokenSource'] } {
  const source = flag !== undefined ? 'flag' : 'environment';
  const name = flag !== undefined ? '--coder-token' : 'CODER_SESSION_TOKEN';
  const token = (flag ?? variable ?? '').trim();
  if (token.length === 0 && optional) return { token: undefined, source: 'none' };
  if (token.length === 0) {
    throw new ConfigError(
      'CODER_SESSION_TOKEN is not set: create a token with "coder tokens create" (or sign in with "coder login") and export CODER_SESSION_TOKEN=<token>',
    );
  }
  if (/\s/.test(token)) {
    throw new ConfigError(`${name} contains whitespace, which a Coder token never does: check that it was copied whole and alone`);
  }
  if (token.length < MIN_CODER_TOKEN_LENGTH) {
    // Not echoed, nor its length: even a wrong token may be someone's secret.
    throw new ConfigError(
      `${name} is too short to be a Coder token (fewer than ${MIN_CODER_TOKEN_LENGTH} characters; a token from "coder tokens create" has 33): check that it was copied whole`,
    );
  }
  return { token, source };
}

function parseTransport(flags: Flags, environment: Environment): TransportConfig {
  if (flags.http !== true) {
    for (const flag of ['port', 'host', 'allowed-hosts', 'auth', 'stateless'] as const) {
      if (flags[flag] !== undefined) throw new ConfigError(`--${flag} only applies with --http; add --http or drop --${flag}`);
    }
    return { kind: 'stdio' };
  }
  const host = (flags.host ?? DEFAULT_HTTP_HOST).trim();
  if (host.length === 0) throw new ConfigError(`--host must not be empty; the default is ${DEFAULT_HTTP_HOST}`);
  const fields = {
    kind: 'http' as const,
    host,
    port: parsePort(flags.port),
    allowedHosts: parseAllowedHosts(flags['allowed-hosts'], environment['FLEET_HTTP_ALLOWED_HOSTS']),
    stateless: flags.stateless === true || parseSwitch(environment['FLEET_HTTP_STATELESS'], 'FLEET_HTTP_STATELESS'),
  };
  const auth = parseHttpAuth(flags.auth, environment['FLEET_HTTP_AUTH']);
  if (auth === 'coder') return { ...fields, auth };
  return { ...fields, auth, bearerToken: parseHttpToken(environment['FLEET_HTTP_TOKEN']) };
}

function parseHttpAuth(flag: string | undefined, environment: string | undefined): HttpAuthMode {
  const value = (flag ?? environment ?? 'shared-token').trim();
  if ((HTTP_AUTH_MODES as readonly string[]).includes(value)) return value as HttpAuthMode;
  const source = flag !== undefined ? '--auth' : 'FLEET_HTTP_AUTH';
  throw new ConfigError(
    `${source} must be shared-token (every client uses FLEET_HTTP_TOKEN and acts as the operator's Coder user) or coder (every client sends its own Coder token and acts as that user), not ${quoted(value)}`,
  );
}

function parseSwitch(value: string | undefined, source: string): boolean {
  const normalized = (value ?? '').trim().toLowerCase();
  if (normalized === '' || normalized === 'false' || normalized === '0') return false;
  if (normalized === 'true' || normalized === '1') return true;
  throw new ConfigError(`${source} must be true or false, not ${quoted(value ?? '')}`);
}

function parseAllowedHosts(flag: string | undefined, environment: string | undefined): string[] {
  const source = flag !== undefined ? '--allowed-hosts' : 'FLEET_HTTP_ALLOWED_HOSTS';
  const hosts = (flag ?? environment ?? '').split(',').map((host) => host.trim().toLowerCase()).filter((host) => host !== '');
  const invalid = hosts.findIndex((host) => !isHostEntry(host));
  if (invalid !== -1) {
    // Not echoed: a secret pasted into the wrong variable must not reach the terminal or a log.
    throw new ConfigError(
      `${source}: entry ${invalid + 1} of ${hosts.length} is not a host name with an optional port; separate names with commas, e.g. fleet.example.com,devbox.lan:8787`,
    );
  }
  return hosts;
}

function parsePort(value: string | undefined): number {
  if (value === undefined) return DEFAULT_HTTP_PORT;
  const port = /^\d{1,5}$/.test(value.trim()) ? Number(value.trim()) : Number.NaN;
  if (!Number.isInteger(port) || port > 65535) {
    throw new ConfigError(`--port must be a whole number from 0 to 65535, not ${quoted(value)}`);
  }
  return port;
}

function parseHttpToken(value: string | undefined): string {
  const token = (value ?? '').trim();
  if (token.length === 0) {
    throw new ConfigError(
      '--http needs a bearer token: set FLEET_HTTP_TOKEN to a long random secret, e.g. export FLEET_HTTP_TOKEN=$(openssl rand -hex 32), and have clients send "Authorization: Bearer <that token>"',
    );
  }
  if (token.length < MIN_HTTP_TOKEN_LENGTH || /\s/.test(token)) {
    throw new ConfigError(
      `FLEET_HTTP_TOKEN must be at least ${MIN_HTTP_TOKEN_LENGTH} characters without whitespace; generate one with: openssl rand -hex 32`,
    );
  }
  if (estimateTokenBits(token) < MIN_HTTP_TOKEN_BITS) {
    // Not echoed, not even its score: the message must not help anyone guess it.
    throw new ConfigError(
      'FLEET_HTTP_TOKEN is too easy to guess: it looks like a word, a repeated pattern or a sequence rather than random characters; generate one with: openssl rand -hex 32',
    );
  }
  return token;
}

/** A value quoted back in a message, or only described when it is long enough to be a token given in the wrong place. */
function quoted(value: string): string {
  if (value.length <= MAX_QUOTED_LENGTH) return JSON.stringify(value);
  return `a value of ${value.length} characters (not shown: it could be a token given in the wrong place)`;
}
