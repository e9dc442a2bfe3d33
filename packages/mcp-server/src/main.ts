// Starts the server from a command line: configuration, then stdio or HTTP, with the check of Coder alongside. The bin calls it with the real process.
import type { Readable, Writable } from 'node:stream';
import { probeCoderVersion, type Fleet, type FleetConnection, type FleetOptions } from '@fleet/fleet-domain';
import { isFleetError } from '@fleet/fleet-models';
import { ConfigError, parseCommandLine, type Environment, type ServerConfig } from './config.js';
import type { RunningHttpServer } from './http.js';
import { createLogger, type Logger } from './logger.js';
import { readPackageVersion } from './package-version.js';
import { createFleetMcpServer } from './server.js';
import { FleetStdioTransport } from './stdio-transport.js';
import type { ToolCaller } from './tool-context.js';
import { USAGE } from './usage.js';

export interface MainOptions {
  argv: readonly string[];
  environment: Environment;
  /** The stdio transport's streams. */
  stdin: Readable;
  stdout: Writable;
  /** Where --help and --version print. */
  writeOutput: (text: string) => void;
  /** Where logs and start-up problems go: stderr. */
  writeError: (text: string) => void;
  createFleet: (options: FleetOptions) => Fleet;
  /** Bounds the start-up check of Coder, which runs while the server already serves, so that an unresponsive Coder is reported soon. */
  connectionCheckTimeoutMs?: number;
  /** How long a stop waits for calls in flight before it answers them with an error and closes. */
  shutdownGraceMs?: number;
}

export type MainOutcome =
  | { kind: 'exit'; exitCode: number }
  | {
      kind: 'serving';
      /** The MCP endpoint when serving HTTP. */
      url?: string;
      /**
       * Resolves with the process's exit code once the server stopped: 0 after stdin ended or a stop that let
       * every call finish; 1 when the transport failed, calls in flight were cut off, or the start-up check
       * found that Coder cannot be used (a refused token, not a Coder), which stops the server.
       */
      closed: Promise<number>;
      /** Takes no new calls, lets those in flight finish within the grace period, then closes (a SIGTERM). */
      stop(reason: string): Promise<void>;
      /** Closes now: calls in flight are answered with an error on stdio, cut off on HTTP. */
      close(): Promise<void>;
    };

/** Long enough for a Coder that answers at all (its buildinfo is tiny); short enough that the log soon says when it does not. */
const DEFAULT_CONNECTION_CHECK_TIMEOUT_MS = 5_000;
/** Most calls end within a Coder request or two; a process manager's own kill (systemd: 90 s, Kubernetes: 30 s) comes later. */
const DEFAULT_SHUTDOWN_GRACE_MS = 10_000;

export async function main(options: MainOptions): Promise<MainOutcome> {
  let config: ServerConfig;
  try {
    const command = parseCommandLine(options.argv, options.environment);
    if (command.kind === 'help') return printed(options, USAGE);
    if (command.kind === 'version') return printed(options, `${readPackageVersion()}\n`);
    config = command.config;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    options.writeError(`fleet-mcp-server: ${error.message}\n`);
    return { kind: 'exit', exitCode: error.exitCode };
  }

  const transportConfig = config.transport;
  const bearerToken = transportConfig.kind === 'http' && transportConfig.auth === 'shared-token' ? transportConfig.bearerToken : undefined;
  const logger = createLogger({ level: config.logLevel, secrets: [config.coderToken, bearerToken], write: options.writeError });
  if (config.coderTokenSource === 'flag') {
    logger.warn('--coder-token is visible to other users of this machine in the process list; prefer the CODER_SESSION_TOKEN variable');
  }
  if (transportConfig.kind === 'http' && transportConfig.auth === 'coder' && (options.environment['FLEET_HTTP_TOKEN'] ?? '') !== '') {
    logger.warn('FLEET_HTTP_TOKEN is ignored with --auth coder: every client sends its own Coder credential instead');
  }

  const fleetOptions = (token: string): FleetOptions => ({
    url: config.coderUrl,
    token,
    ...(config.coderTimeoutMs === undefined ? {} : { timeoutMs: config.coderTimeoutMs }),
    ...(config.agentApiAppSlugs.length === 0 ? {} : { agentApiAppSlugs: config.agentApiAppSlugs }),
  });
  // The operator's own fleet: every call's in stdio and shared-token mode, only the start-up check's with --auth coder.
  let fleet: Fleet | undefined;
  try {
    if (config.coderToken !== undefined) fleet = options.createFleet(fleetOptions(config.coderToken));
  } catch (error) {
    logger.error(`could not set up the fleet: ${error instanceof Error ? error.message : String(error)}`, { error });
    return { kind: 'exit', exitCode: 1 };
  }

  const checkTimeoutMs = options.connectionCheckTimeoutMs ?? DEFAULT_CONNECTION_CHECK_TIMEOUT_MS;
  let coderVersion: string | undefined;
  if (fleet === undefined) {
    // --auth coder without an operator token: nothing to check but that a Coder answers (the OAuth2 probe waits too).
    coderVersion = await probeCoderVersion(config.coderUrl, { signal: AbortSignal.timeout(checkTimeoutMs) });
    if (coderVersion === undefined) {
      logger.warn(`Coder at ${config.coderUrl} did not answer its buildinfo; serving anyway: clients are refused with 503 until it does`);
    }
  }

  const version = readPackageVersion();
  const startFields = { version, coder_url: config.coderUrl, ...(coderVersion === undefined ? {} : { coder_version: coderVersion }) };
  // The operator's Coder user, named in the audit lines of stdio and shared-token calls once the check learnt it.
  const operator: ToolCaller = { username: undefined };
  // Set when the check found that Coder cannot be used: the server then stops, and the process exits 1.
  let unusable = false;
  // A stop or close ends the check: what Coder says after that changes nothing.
  const checkAbandoned = new AbortController();
  const superviseCheck = (stop: (reason: string) => Promise<void>) => {
    if (fleet === undefined) return;
    void superviseConnection({
      fleet,
      coderUrl: config.coderUrl,
      logger,
      timeoutMs: checkTimeoutMs,
      abandoned: checkAbandoned.signal,
      onConnected: (connection) => (operator.username = connection.username),
      onUnusable: () => {
        unusable = true;
        void stop('Coder cannot be used');
      },
    });
  };

  const graceMs = options.shutdownGraceMs ?? DEFAULT_SHUTDOWN_GRACE_MS;
  if (transportConfig.kind === 'stdio') {
    // The configuration asks for a token whenever the transport is stdio.
    if (fleet === undefined) throw new Error('stdio needs the operator token');
    const server = createFleetMcpServer(fleet, { logger, version, caller: operator });
    const transport = new FleetStdioTransport({ stdin: options.stdin, stdout: options.stdout, logger });
    let callsCutOff = false;
    const closed = new Promise<number>((resolve) => {
      server.server.onclose = () => resolve(transport.failure !== undefined || callsCutOff || unusable ? 1 : 0);
    });
    server.server.onerror = (error) => logger.warn(`MCP protocol error: ${error.message}`, { error });
    const cutOff = async (why: string) => {
      const abandoned = await transport.abandonCallsInFlight(`The server stopped (${why}) before this call finished; it may have had effects in Coder`);
      if (abandoned > 0) {
        callsCutOff = true;
        logger.warn(`stopped with ${abandoned} call(s) unfinished (${why}); they were answered with an error`, { calls_cut_off: abandoned });
      }
    };
    let stopping: Promise<void> | undefined;
    const stop = (reason: string) =>
      (stopping ??= (async () => {
        checkAbandoned.abort();
        transport.stopReading();
        logger.info(`stopping (${reason}): taking no new calls; ${transport.callsInFlight} in flight get up to ${graceMs} ms to finish`, {
          calls_in_flight: transport.callsInFlight,
          grace_ms: graceMs,
        });
        if (!(await transport.whenIdle(graceMs))) await cutOff(`grace period of ${graceMs} ms over`);
        await server.close();
      })());
    await server.connect(transport);
    // A client that leaves closes our stdin; what it asked before may still be answered.
    options.stdin.once('end', () => void stop('stdin closed'));
    logger.info('Fleet MCP server ready on stdio', { transport: 'stdio', ...startFields });
    superviseCheck(stop);
    return {
      kind: 'serving',
      closed,
      stop,
      close: async () => {
        checkAbandoned.abort();
        await cutOff('closed');
        await server.close();
      },
    };
  }

  const { host, port } = transportConfig;
  if (!isLoopback(host)) {
    logger.warn(`--host ${host} is reachable from other machines, and HTTP carries the bearer token in clear: put TLS in front of it`);
  }
  let running: RunningHttpServer;
  try {
    // Loaded only here, so that a start on stdio never evaluates the HTTP transport (the SDK's, Hono's, Fleet's own).
    const { listenHttp } = await import('./listen-http.js');
    running = await listenHttp(transportConfig, { fleet, operator, fleetOptions, createFleet: options.createFleet, logger, version, checkTimeoutMs, coderUrl: config.coderUrl });
  } catch (error) {
    logger.error(`cannot listen on ${host}:${port}: ${error instanceof Error ? error.message : String(error)}; choose another --port or --host`);
    return { kind: 'exit', exitCode: 1 };
  }
  let markClosed: (exitCode: number) => void = () => undefined;
  const closed = new Promise<number>((resolve) => {
    markClosed = resolve;
  });
  logger.info(`Fleet MCP server ready on ${running.url}`, {
    transport: 'http',
    url: running.url,
    auth: transportConfig.auth,
    stateless: transportConfig.stateless,
    ...startFields,
  });
  const http = running;
  let stopping: Promise<void> | undefined;
  const stop = (reason: string) =>
    (stopping ??= (async () => {
      checkAbandoned.abort();
      logger.info(`stopping (${reason}): taking no new connections; calls in flight get up to ${graceMs} ms to finish`, { grace_ms: graceMs });
      const unfinished = await http.drain(graceMs);
      if (unfinished > 0) logger.warn(`stopped with ${unfinished} call(s) unfinished (grace period of ${graceMs} ms over)`, { calls_cut_off: unfinished });
      markClosed(unfinished > 0 || unusable ? 1 : 0);
    })());
  superviseCheck(stop);
  return {
    kind: 'serving',
    url: running.url,
    closed,
    stop,
    close: async () => {
      checkAbandoned.abort();
      await http.close();
      markClosed(unusable ? 1 : 0);
    },
  };
}

interface ConnectionSupervision {
  fleet: Fleet;
  coderUrl: string;
  logger: Logger;
  timeoutMs: number;
  /** Aborted when the server stops or closes first: the check then ends without a word. */
  abandoned: AbortSignal;
  onConnected(connection: FleetConnection): void;
  /** Coder refused the token, or is no Coder: serving makes no sense. Called after the reason was logged. */
  onUnusable(): void;
}

/**
 * Checks the operator's token against Coder while the server already serves, so that an MCP client's
 * `initialize` never waits for Coder and the bin's signal handlers exist before any network wait. Calls that
 * arrive meanwhile just run: they meet what the check meets on their own. Its outcome is one log line with
 * `coder_check` (connected, unreachable or unusable), unless a stop came first. Never rejects.
 */
async function superviseConnection(supervision: ConnectionSupervision): Promise<void> {
  const { coderUrl, logger } = supervision;
  try {
    // An `initialize` already waiting on stdin is answered first: the process's first fetch loads Node's fetch (undici),
    // which holds the event loop for tens of milliseconds. main runs inside the event loop's poll phase that read the
    // bin, so the first `setImmediate` still comes before the next read of stdin; the second comes after it.
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    const checked = await checkConnection(supervision);
    if (supervision.abandoned.aborted) return;
    if (checked === 'unusable') {
      supervision.onUnusable();
    } else if (checked !== undefined) {
      supervision.onConnected(checked);
      logger.info(`connected to Coder ${checked.coderVersion} at ${coderUrl} as ${checked.username}`, {
        coder_check: 'connected',
        coder_url: coderUrl,
        coder_version: checked.coderVersion,
        coder_user: checked.username,
      });
    }
  } catch (error) {
    // A bug here must not become an unhandled rejection, which would end a server that serves: it is said, and serving goes on.
    logger.error(`the start-up check of Coder failed unexpectedly: ${error instanceof Error ? error.message : String(error)}`, { error });
  }
}

/** The connection, `undefined` when Coder cannot be reached now (serving anyway) or the check was abandoned, or 'unusable' when serving makes no sense. */
async function checkConnection(supervision: ConnectionSupervision): Promise<FleetConnection | undefined | 'unusable'> {
  const { coderUrl, logger, timeoutMs, abandoned } = supervision;
  const timeout = AbortSignal.timeout(timeoutMs);
  try {
    return await supervision.fleet.checkConnection({ signal: AbortSignal.any([timeout, abandoned]) });
  } catch (error) {
    if (abandoned.aborted) return undefined;
    if (timeout.aborted) {
      logger.warn(`Coder at ${coderUrl} did not answer within ${timeoutMs} ms; serving anyway: tools answer CODER_UNAVAILABLE until it does`, {
        coder_check: 'unreachable',
        timeout_ms: timeoutMs,
      });
      return undefined;
    }
    if (isFleetError(error) && error.code === 'UNAUTHORIZED') {
      // The fleet's message already says what Coder refused and what to do: said once, with where.
      const said = error.message.includes('CODER_SESSION_TOKEN')
        ? error.message
        : `Coder refused the session token (${error.message}): create a new one with "coder tokens create" and set CODER_SESSION_TOKEN to it`;
      logger.error(`Coder at ${coderUrl} cannot be used: ${said}`, { coder_check: 'unusable' });
      return 'unusable';
    }
    if (isFleetError(error) && error.code === 'CODER_UNAVAILABLE') {
      const reason = error instanceof Error ? error.message : String(error);
      logger.warn(`Coder at ${coderUrl} cannot be reached now (${reason}); serving anyway: tools answer CODER_UNAVAILABLE until it is back`, {
        coder_check: 'unreachable',
      });
      return undefined;
    }
    const reason = isFleetError(error) ? `${error.code}: ${error.message}` : error instanceof Error ? error.message : String(error);
    logger.error(`could not connect to Coder at ${coderUrl} (${reason}); check that CODER_URL is your Coder deployment`, { coder_check: 'unusable', error });
    return 'unusable';
  }
}

function printed(options: MainOptions, text: string): MainOutcome {
  options.writeOutput(text);
  return { kind: 'exit', exitCode: 0 };
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127\./.test(host);
}
