// Serves MCP over Streamable HTTP on node:http: a bearer token on every request, one MCP server per session.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import { checkBearerToken, credentialDigest, sameCredential } from './bearer-token.js';
import type { Logger } from './logger.js';
import { createRefusalLog } from './refusal-log.js';
import { readJsonBody } from './request-body.js';
import { createRequestOriginCheck } from './request-origin.js';

export const MCP_PATH = '/mcp';

export interface HttpServerOptions {
  host: string;
  /** 0 picks a free port; `RunningHttpServer.port` tells which. */
  port: number;
  /** The token every request must carry as `Authorization: Bearer <token>`; several are each accepted (a rotation). */
  bearerToken: string | readonly string[];
  /**
   * Host names, beyond localhost, 127.0.0.1, [::1] and a specific listening address, that requests may name in
   * `Host` and `Origin`: `name` (any port) or `name:port`. Anything else is refused: DNS rebinding.
   */
  allowedHosts?: readonly string[];
  /** A fresh MCP server for each session. */
  createMcpServer: () => McpServer;
  logger: Logger;
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

export async function startHttpServer(options: HttpServerOptions): Promise<RunningHttpServer> {
  const { logger } = options;
  const maxSessions = options.maxSessions ?? DEFAULT_MAX_SESSIONS;
  const idleTimeoutMs = options.sessionIdleTimeoutMs ?? DEFAULT_SESSION_IDLE_TIMEOUT_MS;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
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

  const startSession = async (request: IncomingMessage, response: ServerResponse, credential: Buffer) => {
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
      await options.createMcpServer().connect(session.transport);
      track(session, request, response);
      await session.transport.handleRequest(request, response, body.value);
    } finally {
      started();
    }
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
    // OAuth-capable clients probe here for an authorization server; a 401 would send them into a discovery that cannot succeed.
    if (path.startsWith(WELL_KNOWN_PREFIX)) {
      return writeJsonRpcError(response, 404, SERVER_ERROR, 'Not found: this server uses a bearer token the operator hands out, not OAuth');
    }

    const check = checkBearerToken(request.headers.authorization, options.bearerToken);
    const credential = credentialDigest(request.headers.authorization);
    if (check !== 'accepted' || credential === undefined) {
      refuse(request, 'bearer token missing or wrong', { check });
      return writeJsonRpcError(response, 401, UNAUTHORIZED_ERROR, 'Unauthorized: send "Authorization: Bearer <token>" with the token the operator set in FLEET_HTTP_TOKEN', {
        'WWW-Authenticate': check === 'missing' ? 'Bearer realm="fleet"' : 'Bearer realm="fleet", error="invalid_token"',
      });
    }
    if (path !== MCP_PATH) return writeJsonRpcError(response, 404, SERVER_ERROR, `Not found: the MCP endpoint is ${MCP_PATH}`);

    const sessionHeader = request.headers['mcp-session-id'];
    const sessionId = Array.isArray(sessionHeader) ? sessionHeader[0] : sessionHeader;
    if (sessionId === undefined) {
      if (request.method !== 'POST') return writeJsonRpcError(response, 400, SERVER_ERROR, 'Bad Request: no Mcp-Session-Id header');
      return startSession(request, response, credential);
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

function writeJsonRpcError(response: ServerResponse, status: number, code: number, message: string, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  response.end(JSON.stringify({ jsonrpc: '2.0', error: { code, message }, id: null }));
}
