// Serves MCP over Streamable HTTP on node:http: a credential on every request, one MCP server per session (or per request when stateless).
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import { credentialDigest, sameCredential } from './bearer-token.js';
import { sharedTokenAuthentication, type Authenticate } from './http-authentication.js';
import type { Logger } from './logger.js';
import { createRefusalLog } from './refusal-log.js';
import { readJsonBody } from './request-body.js';
import { createRequestOriginCheck } from './request-origin.js';

export const MCP_PATH = '/mcp';

export const PROTECTED_RESOURCE_METADATA_PATH = '/.well-known/oauth-protected-resource';

export interface HttpServerOptions<Caller = undefined> {
  /** The token every request must carry as `Authorization: Bearer <token>`; several are each accepted (a rotation). */
  bearerToken?: string | readonly string[];
  /** Instead of bearerToken: decides who each request comes from. */
  authenticate?: Authenticate<Caller>;
  host: string;
  /** 0 picks a free port; `RunningHttpServer.port` tells which. */
  port: number;
  /**
   * Host names, beyond localhost, 127.0.0.1, [::1] and a specific listening address, that requests may name in
   * `Host` and `Origin`: `name` (any port) or `name:port`. Anything else is refused: DNS rebinding.
   */
  allowedHosts?: readonly string[];
  /** A fresh MCP server for each session (each request when stateless), acting for the caller. */
  createMcpServer: (caller: Caller) => McpServer;
  logger: Logger;
  /** No session: every POST is a whole exchange with a server of its own, so any replica can answer any request. */
  stateless?: boolean;
  /**
   * Authorization servers that issue credentials for this server: served as RFC 9728 protected resource metadata
   * and named in WWW-Authenticate, so that OAuth-capable clients can sign their user in. None: /.well-known is 404.
   */
  authorizationServers?: readonly string[];
  /** When this many are open, a new session evicts the least recently used one that has no call in flight. */
  maxSessions?: number;
  /** A session with no request open for this long is closed; its client starts a new one. */
  sessionIdleTimeoutMs?: number;
  maxBodyBytes?: number;
  /** Refused requests are logged at most once per this interval, with a count of the others. */
  refusalLogIntervalMs?: number;
  /** Bound on receiving a request's headers (slow-header clients hold a socket otherwise). */
  headersTimeoutMs?: number;
  /** Bound on receiving a whole request, body included; the response (an SSE stream of a long call) is not bounded. */
  requestTimeoutMs?: number;
}

export interface RunningHttpServer {
  host: string;
  port: number;
  /** The MCP endpoint, e.g. http://127.0.0.1:8787/mcp */
  url: string;
  close(): Promise<void>;
  /** Stops accepting connections, lets calls in flight finish for up to `graceMs`, then closes; resolves with how many were cut off. */
  drain(graceMs: number): Promise<number>;
}

interface Session {
  transport: StreamableHTTPServerTransport;
  /** SHA-256 of the bearer token that opened the session: only that credential may use it. */
  credential: Buffer;
  /** Requests open on the session, the client's standing GET stream included. */
  openRequests: number;
  /** POSTs whose answer is still being written: calls in flight, which eviction never cuts. */
  callsInFlight: number;
  lastActive: number;
}

const DEFAULT_MAX_SESSIONS = 100;
// Clients that leave send no DELETE (Claude Code, the Inspector): their sessions are only ever ended from here.
const DEFAULT_SESSION_IDLE_TIMEOUT_MS = 5 * 60_000;
const SESSION_SWEEP_INTERVAL_MS = 30_000;
const DEFAULT_MAX_BODY_BYTES = 4 * 1024 * 1024;
const DEFAULT_REFUSAL_LOG_INTERVAL_MS = 10_000;
// Real clients send headers in one packet and a body of a few KB: these bound slow-sending sockets, not slow tools.
const DEFAULT_HEADERS_TIMEOUT_MS = 10_000;
const DEFAULT_REQUEST_TIMEOUT_MS = 60_000;
// Longer than clients' own idle keep-alive (undici: 4 s), so that a client never reuses a socket the server is closing.
const KEEP_ALIVE_TIMEOUT_MS = 30_000;
// TCP keep-alive probes find clients that vanished without closing their GET stream.
const TCP_KEEP_ALIVE_INITIAL_DELAY_MS = 60_000;
const WELL_KNOWN_PREFIX = '/.well-known/';
// JSON-RPC codes the SDK's own HTTP examples use for transport-level refusals.
const SERVER_ERROR = -32000;
const UNAUTHORIZED_ERROR = -32001;
const PARSE_ERROR = -32700;
const INTERNAL_ERROR = -32603;

export async function startHttpServer<Caller = undefined>(options: HttpServerOptions<Caller>): Promise<RunningHttpServer> {
  const { logger } = options;
  const authenticate = callerAuthentication(options);
  const maxSessions = options.maxSessions ?? DEFAULT_MAX_SESSIONS;
  const idleTimeoutMs = options.sessionIdleTimeoutMs ?? DEFAULT_SESSION_IDLE_TIMEOUT_MS;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const authorizationServers = options.authorizationServers ?? [];
  const refusals = createRefusalLog(logger, options.refusalLogIntervalMs ?? DEFAULT_REFUSAL_LOG_INTERVAL_MS);
  const sessions = new Map<string, Session>();
  // Sessions between their initialize and the SDK naming them: they count against the limit but cannot be evicted.
  let startingSessions = 0;
  // Built again once the port is known (--port 0); built now so that a bad name fails before anything listens.
  let checkRequestOrigin = createRequestOriginCheck({ port: options.port, listenHost: options.host, extraHosts: options.allowedHosts ?? [] });

  const track = (session: Session, request: IncomingMessage, response: ServerResponse) => {
    const isCall = request.method === 'POST';
    session.openRequests += 1;
    if (isCall) session.callsInFlight += 1;
    session.lastActive = Date.now();
    response.once('close', () => {
      session.openRequests -= 1;
      if (isCall) session.callsInFlight -= 1;
      session.lastActive = Date.now();
    });
  };

  const closeSession = (sessionId: string, session: Session, why: string) => {
    sessions.delete(sessionId);
    logger.info(`http session closed: ${why}`, { session_id: sessionId, idle_ms: Date.now() - session.lastActive });
    void session.transport.close();
  };

  /** Makes room by closing the least recently used session with no call in flight; false when every one is busy. */
  const evictLeastRecentlyUsed = (): boolean => {
    let oldest: [string, Session] | undefined;
    for (const entry of sessions) {
      if (entry[1].callsInFlight === 0 && (oldest === undefined || entry[1].lastActive < oldest[1].lastActive)) oldest = entry;
    }
    if (oldest === undefined) return false;
    closeSession(oldest[0], oldest[1], `evicted, least recently used of ${maxSessions} open sessions, to make room for a new one`);
    return true;
  };

  const refuse = (request: IncomingMessage, reason: string, fields: Record<string, unknown> = {}) =>
    refusals.refused(reason, { ...fields, method: request.method, remote: request.socket.remoteAddress });

  const startSession = async (request: IncomingMessage, response: ServerResponse, credential: Buffer, caller: Caller) => {
    const body = await readJsonBody(request, maxBodyBytes);
    if (!body.ok) return writeJsonRpcError(response, body.status, body.status === 400 ? PARSE_ERROR : SERVER_ERROR, body.message);
    const messages = Array.isArray(body.value) ? body.value : [body.value];
    if (!messages.some((message) => isInitializeRequest(message))) {
      return writeJsonRpcError(response, 400, SERVER_ERROR, 'Bad Request: no Mcp-Session-Id header; start a session with initialize');
    }
    while (sessions.size + startingSessions >= maxSessions) {
      if (!evictLeastRecentlyUsed()) {
        return writeJsonRpcError(response, 503, SERVER_ERROR, `Too many sessions with calls in flight (${maxSessions}); try again when one finished`);
      }
    }
    let starting = true;
    startingSessions += 1;
    const started = () => {
      if (starting) startingSessions -= 1;
      starting = false;
    };
    const session: Session = {
      transport: new StreamableHTTPServerTransport({
        sessionIdGenerator: () => randomUUID(),
        onsessioninitialized: (sessionId) => {
          started();
          sessions.set(sessionId, session);
          logger.debug('http session opened', { session_id: sessionId });
        },
      }),
      credential,
      openRequests: 0,
      callsInFlight: 0,
      lastActive: Date.now(),
    };
    // Set before connect: the SDK chains its own close handling behind this one.
    session.transport.onclose = () => {
      const sessionId = session.transport.sessionId;
      if (sessionId !== undefined && sessions.get(sessionId) === session) {
        sessions.delete(sessionId);
        logger.debug('http session closed', { session_id: sessionId });
      }
    };
    try {
      await options.createMcpServer(caller).connect(session.transport);
      track(session, request, response);
      await session.transport.handleRequest(request, response, body.value);
    } finally {
      started();
    }
  };

  /** One exchange with a server of its own; a long call's progress goes out on this request's own response stream. */
  const serveStateless = async (request: IncomingMessage, response: ServerResponse, caller: Caller) => {
    if (request.method !== 'POST') {
      return writeJsonRpcError(response, 405, SERVER_ERROR, 'Method not allowed: this server is stateless (--stateless); send each message as a POST', {
        Allow: 'POST',
      });
    }
    const body = await readJsonBody(request, maxBodyBytes);
    if (!body.ok) return writeJsonRpcError(response, body.status, body.status === 400 ? PARSE_ERROR : SERVER_ERROR, body.message);
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    const server = options.createMcpServer(caller);
    response.once('close', () => {
      void transport.close();
      void server.close();
    });
    await server.connect(transport);
    await transport.handleRequest(request, response, body.value);
  };

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const origin = checkRequestOrigin(request.headers);
    if (!origin.ok) {
      refuse(request, origin.reason, { host: clip(request.headers.host), origin: clip(request.headers.origin) });
      return writeJsonRpcError(
        response,
        403,
        SERVER_ERROR,
        `Forbidden: ${origin.reason} (DNS rebinding protection); an operator adds names with --allowed-hosts or FLEET_HTTP_ALLOWED_HOSTS`,
      );
    }
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (path.startsWith(WELL_KNOWN_PREFIX)) {
      // RFC 9728 §3.1: the metadata of the resource at /mcp is at the well-known path with /mcp appended; clients also try the bare one.
      const isMetadataPath = path === PROTECTED_RESOURCE_METADATA_PATH || path === `${PROTECTED_RESOURCE_METADATA_PATH}${MCP_PATH}`;
      if (authorizationServers.length > 0 && isMetadataPath && request.method === 'GET') {
        return writeJson(response, 200, protectedResourceMetadata(request, authorizationServers));
      }
      // Without an authorization server a 401 here would send OAuth-capable clients into a discovery that cannot succeed.
      const why = authorizationServers.length > 0 ? 'this server publishes only its protected resource metadata' : 'this server uses a bearer token, not OAuth';
      return writeJsonRpcError(response, 404, SERVER_ERROR, `Not found: ${why}`);
    }

    const authentication = await authenticate(request.headers.authorization);
    const credential = credentialDigest(request.headers.authorization);
    if (authentication.kind !== 'accepted' || credential === undefined) {
      const refusal =
        authentication.kind === 'refused'
          ? authentication
          : { status: 401 as const, error: undefined, message: 'Unauthorized: send "Authorization: Bearer <token>"', reason: 'no bearer token', logFields: {} };
      refuse(request, refusal.reason, { status: refusal.status, ...refusal.logFields });
      if (refusal.status === 503) return writeJsonRpcError(response, 503, SERVER_ERROR, refusal.message, { 'Retry-After': '5' });
      return writeJsonRpcError(response, 401, UNAUTHORIZED_ERROR, refusal.message, {
        'WWW-Authenticate': wwwAuthenticate(request, refusal.error, authorizationServers.length > 0),
      });
    }
    if (path !== MCP_PATH) return writeJsonRpcError(response, 404, SERVER_ERROR, `Not found: the MCP endpoint is ${MCP_PATH}`);
    if (options.stateless === true) return serveStateless(request, response, authentication.caller);

    const sessionHeader = request.headers['mcp-session-id'];
    const sessionId = Array.isArray(sessionHeader) ? sessionHeader[0] : sessionHeader;
    if (sessionId === undefined) {
      if (request.method !== 'POST') return writeJsonRpcError(response, 400, SERVER_ERROR, 'Bad Request: no Mcp-Session-Id header');
      return startSession(request, response, credential, authentication.caller);
    }
    const session = sessions.get(sessionId);
    if (session === undefined) {
      return writeJsonRpcError(response, 404, SERVER_ERROR, 'Session not found: it ended or expired; start a new one with initialize');
    }
    if (!sameCredential(session.credential, credential)) {
      refuse(request, 'the session belongs to another credential', { session_id: sessionId });
      return writeJsonRpcError(response, 403, SERVER_ERROR, 'Forbidden: another credential opened this session; start your own with initialize');
    }
    track(session, request, response);
    await session.transport.handleRequest(request, response);
  };

  const server = createServer(
    {
      headersTimeout: options.headersTimeoutMs ?? DEFAULT_HEADERS_TIMEOUT_MS,
      requestTimeout: options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
      // How often those two bounds are checked (Node's default, 30 s, would let a slow client stay that much longer).
      connectionsCheckingInterval: 1_000,
      keepAlive: true,
      keepAliveInitialDelay: TCP_KEEP_ALIVE_INITIAL_DELAY_MS,
    },
    (request, response) => {
      handle(request, response).catch((error: unknown) => {
        logger.error('http request failed', { error, method: request.method });
        if (!response.headersSent) writeJsonRpcError(response, 500, INTERNAL_ERROR, 'Internal server error');
        else response.end();
      });
    },
  );
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  // No inactivity bound on a socket: a long tool call's SSE stream may stay silent for minutes.
  server.timeout = 0;
  const callDrain = trackCallsForDrain(server);

  const sweep = setInterval(() => {
    const cutoff = Date.now() - idleTimeoutMs;
    for (const [sessionId, session] of sessions) {
      if (session.openRequests === 0 && session.lastActive < cutoff) closeSession(sessionId, session, `idle for ${Math.round(idleTimeoutMs / 1000)} s`);
    }
  }, Math.min(idleTimeoutMs, SESSION_SWEEP_INTERVAL_MS));
  sweep.unref();

  await listen(server, options.host, options.port);
  const port = (server.address() as AddressInfo).port;
  checkRequestOrigin = createRequestOriginCheck({ port, listenHost: options.host, extraHosts: options.allowedHosts ?? [] });
  const hostInUrl = options.host.includes(':') ? `[${options.host}]` : options.host;
  const running: RunningHttpServer = {
    host: options.host,
    port,
    url: `http://${hostInUrl}:${port}${MCP_PATH}`,
    async close() {
      clearInterval(sweep);
      refusals.close();
      await Promise.allSettled([...sessions.values()].map((session) => session.transport.close()));
      // After a drain the server already stopped listening, and its 'close' may have passed: nothing to wait for then.
      const closed = server.listening ? new Promise<void>((resolve) => server.close(() => resolve())) : Promise.resolve();
      server.closeAllConnections();
      await closed;
    },
    async drain(graceMs) {
      const unfinished = await callDrain.drain(graceMs);
      await running.close();
      return unfinished;
    },
  };
  return running;
}

/**
 * Counts POSTs being answered, across sessions (a GET is a standing event stream, not a call), so that a stop can let
 * them finish. Separate from the session bookkeeping above: it sees every request, before any check.
 */
function trackCallsForDrain(server: Server): { drain(graceMs: number): Promise<number> } {
  let inFlight = 0;
  let draining = false;
  const wakers = new Set<() => void>();
  server.prependListener('request', (request: IncomingMessage, response: ServerResponse) => {
    // A request on a connection opened before the stop is still answered, but its connection ends with it.
    if (draining) response.setHeader('Connection', 'close');
    if (request.method !== 'POST') return;
    inFlight += 1;
    response.once('close', () => {
      inFlight -= 1;
      if (inFlight === 0) for (const wake of [...wakers]) wake();
    });
  });
  return {
    async drain(graceMs) {
      draining = true;
      // No new connections from here; idle keep-alive ones are closed now.
      server.close();
      if (inFlight > 0) {
        await new Promise<void>((resolve) => {
          const done = () => {
            clearTimeout(timer);
            wakers.delete(done);
            resolve();
          };
          const timer = setTimeout(done, graceMs);
          wakers.add(done);
        });
      }
      return inFlight;
    },
  };
}

/** An attacker-chosen header, bounded for the log. */
function clip(value: string | undefined): string | undefined {
  return value === undefined || value.length <= 200 ? value : `${value.slice(0, 200)}…`;
}

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function callerAuthentication<Caller>(options: HttpServerOptions<Caller>): Authenticate<Caller> {
  if (options.authenticate !== undefined) return options.authenticate;
  if (options.bearerToken === undefined) throw new TypeError('startHttpServer needs a bearerToken or an authenticate function');
  // The shared token names no caller: every client acts as the operator.
  return sharedTokenAuthentication(options.bearerToken) as Authenticate<Caller>;
}

/** Where this server is, as the client reached it: Host was checked against DNS rebinding before this runs. */
function resourceUrl(request: IncomingMessage, path: string): string {
  const forwarded = request.headers['x-forwarded-proto'];
  const scheme = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim() === 'https' ? 'https' : 'http';
  return `${scheme}://${request.headers.host ?? 'localhost'}${path}`;
}

/** RFC 9728 §2: the resource (this MCP endpoint) and who issues its credentials. */
function protectedResourceMetadata(request: IncomingMessage, authorizationServers: readonly string[]) {
  return {
    resource: resourceUrl(request, MCP_PATH),
    authorization_servers: authorizationServers,
    bearer_methods_supported: ['header'],
    resource_name: 'Fleet',
  };
}

/** RFC 6750 §3, with RFC 9728 §5.1's resource_metadata when an authorization server can sign the client in. */
function wwwAuthenticate(request: IncomingMessage, error: 'invalid_token' | undefined, withMetadata: boolean): string {
  const parts = ['Bearer realm="fleet"'];
  if (error !== undefined) parts.push(`error="${error}"`);
  if (withMetadata) parts.push(`resource_metadata="${resourceUrl(request, `${PROTECTED_RESOURCE_METADATA_PATH}${MCP_PATH}`)}"`);
  return parts.join(', ');
}

function writeJson(response: ServerResponse, status: number, value: unknown): void {
  response.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'max-age=300' });
  response.end(JSON.stringify(value));
}

function writeJsonRpcError(response: ServerResponse, status: number, code: number, message: string, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  response.end(JSON.stringify({ jsonrpc: '2.0', error: { code, message }, id: null }));
}
