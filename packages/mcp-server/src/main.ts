// Starts the server from a command line: configuration, the connection check, then stdio or HTTP. The bin calls it with the real process.
import type { Readable, Writable } from 'node:stream';
import { probeCoderVersion, probeOAuth2Provider, type Fleet, type FleetConnection, type FleetOptions } from '@fleet/fleet-domain';
import { isFleetError } from '@fleet/fleet-models';
import { CoderIdentities } from './coder-identities.js';
import { ConfigError, parseCommandLine, type Environment, type HttpTransportConfig, type ServerConfig } from './config.js';
import { startHttpServer, type RunningHttpServer } from './http.js';
import { coderAuthentication, type CoderCaller } from './http-authentication.js';
import { createLogger, type Logger } from './logger.js';
import { readPackageVersion } from './package-version.js';
import { createFleetMcpServer } from './server.js';
import { FleetStdioTransport } from './stdio-transport.js';
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
  /** Bounds the start-up check, so that an unresponsive Coder cannot hold the start. */
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
       * every call finish; 1 when the transport failed or calls in flight were cut off.
       */
      closed: Promise<number>;
      /** Takes no new calls, lets those in flight finish within the grace period, then closes (a SIGTERM). */
      stop(reason: string): Promise<void>;
      /** Closes now: calls in flight are answered with an error on stdio, cut off on HTTP. */
      close(): Promise<void>;
    };

/** Long enough for a Coder that answers at all (its buildinfo is tiny); short enough that a client starting the server does not give up first. */
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
  let connection: FleetConnection | undefined;
  let coderVersion: string | undefined;
  if (fleet !== undefined) {
    const checked = await checkConnection(fleet, config, logger, checkTimeoutMs);
    if (checked === 'fatal') return { kind: 'exit', exitCode: 1 };
    connection = checked;
    coderVersion = checked?.coderVersion;
  } else {
    coderVersion = await probeCoderVersion(config.coderUrl, { signal: AbortSignal.timeout(checkTimeoutMs) });
    if (coderVersion === undefined) {
      logger.warn(`Coder at ${config.coderUrl} did not answer its buildinfo; serving anyway: clients are refused with 503 until it does`);
    }
  }

  const version = readPackageVersion();
  const startFields = {
    version,
    coder_url: config.coderUrl,
    coder_version: coderVersion ?? null,
    coder_user: connection?.username ?? null,
  };

  const graceMs = options.shutdownGraceMs ?? DEFAULT_SHUTDOWN_GRACE_MS;
  if (transportConfig.kind === 'stdio') {
    // The configuration asks for a token whenever the transport is stdio.
    if (fleet === undefined) throw new Error('stdio needs the operator token');
    const server = createFleetMcpServer(fleet, { logger, version, caller: { username: connection?.username } });
    const transport = new FleetStdioTransport({ stdin: options.stdin, stdout: options.stdout, logger });
    let callsCutOff = false;
    const closed = new Promise<number>((resolve) => {
      server.server.onclose = () => resolve(transport.failure !== undefined || callsCutOff ? 1 : 0);
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
    return {
      kind: 'serving',
      closed,
      stop,
      close: async () => {
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
    running = await listenHttp(transportConfig, { fleet, connection, fleetOptions, createFleet: options.createFleet, logger, version, checkTimeoutMs, coderUrl: config.coderUrl });
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
  return {
    kind: 'serving',
    url: running.url,
    closed,
    stop: (reason) =>
      (stopping ??= (async () => {
        logger.info(`stopping (${reason}): taking no new connections; calls in flight get up to ${graceMs} ms to finish`, { grace_ms: graceMs });
        const unfinished = await http.drain(graceMs);
        if (unfinished > 0) logger.warn(`stopped with ${unfinished} call(s) unfinished (grace period of ${graceMs} ms over)`, { calls_cut_off: unfinished });
        markClosed(unfinished > 0 ? 1 : 0);
      })()),
    close: async () => {
      await http.close();
      markClosed(0);
    },
  };
}

interface HttpSetting {
  fleet: Fleet | undefined;
  connection: FleetConnection | undefined;
  fleetOptions(token: string): FleetOptions;
  createFleet(options: FleetOptions): Fleet;
  logger: Logger;
  version: string;
  checkTimeoutMs: number;
  coderUrl: string;
}

/** Listens with the operator's shared token, or with a Coder identity per client (and Coder's sign-in when it offers one). */
async function listenHttp(transport: HttpTransportConfig, setting: HttpSetting): Promise<RunningHttpServer> {
  const { logger, version } = setting;
  const common = { host: transport.host, port: transport.port, allowedHosts: transport.allowedHosts, stateless: transport.stateless, logger };
  if (transport.auth === 'shared-token') {
    const { fleet } = setting;
    if (fleet === undefined) throw new Error('shared-token mode needs the operator token');
    const caller = { username: setting.connection?.username };
    return startHttpServer({ ...common, bearerToken: transport.bearerToken, createMcpServer: () => createFleetMcpServer(fleet, { logger, version, caller }) });
  }
  const signsIn = await probeOAuth2Provider(setting.coderUrl, { signal: AbortSignal.timeout(setting.checkTimeoutMs) });
  if (signsIn) {
    logger.info(`Coder at ${setting.coderUrl} runs its OAuth2 provider: OAuth-capable MCP clients can sign their users in with Coder`);
  } else {
    logger.warn(
      `Coder at ${setting.coderUrl} does not offer OAuth2 sign-in (its oauth2 experiment is off, or it could not be reached): clients must send their own Coder token as "Authorization: Bearer <token>"`,
    );
  }
  const identities = new CoderIdentities({ createFleet: (token) => setting.createFleet(setting.fleetOptions(token)) });
  return startHttpServer<CoderCaller>({
    ...common,
    authenticate: coderAuthentication(identities),
    authorizationServers: signsIn ? [setting.coderUrl] : [],
    createMcpServer: (caller) =>
      createFleetMcpServer(caller.fleet, {
        logger: logger.child({ coder_user: caller.username }),
        version,
        caller: { username: caller.username, credentialRefused: caller.credentialRefused },
      }),
  });
}

/** The connection, `undefined` when Coder cannot be reached now (serving anyway), or 'fatal' when starting makes no sense. */
async function checkConnection(fleet: Fleet, config: ServerConfig, logger: Logger, timeoutMs: number): Promise<FleetConnection | undefined | 'fatal'> {
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    return await fleet.checkConnection({ signal });
  } catch (error) {
    if (signal.aborted) {
      logger.warn(`Coder at ${config.coderUrl} did not answer within ${timeoutMs} ms; serving anyway: tools answer CODER_UNAVAILABLE until it does`, {
        timeout_ms: timeoutMs,
      });
      return undefined;
    }
    if (isFleetError(error) && error.code === 'UNAUTHORIZED') {
      // The fleet's message already says what Coder refused and what to do: said once, with where.
      const said = error.message.includes('CODER_SESSION_TOKEN')
        ? error.message
        : `Coder refused the session token (${error.message}): create a new one with "coder tokens create" and set CODER_SESSION_TOKEN to it`;
      logger.error(`Coder at ${config.coderUrl} cannot be used: ${said}`);
      return 'fatal';
    }
    if (isFleetError(error) && error.code === 'CODER_UNAVAILABLE') {
      const reason = error instanceof Error ? error.message : String(error);
      logger.warn(`Coder at ${config.coderUrl} cannot be reached now (${reason}); serving anyway: tools answer CODER_UNAVAILABLE until it is back`);
      return undefined;
    }
    const reason = isFleetError(error) ? `${error.code}: ${error.message}` : error instanceof Error ? error.message : String(error);
    logger.error(`could not connect to Coder at ${config.coderUrl} (${reason}); check that CODER_URL is your Coder deployment`, { error });
    return 'fatal';
  }
}

function printed(options: MainOptions, text: string): MainOutcome {
  options.writeOutput(text);
  return { kind: 'exit', exitCode: 0 };
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127\./.test(host);
}
