// Serves MCP over Streamable HTTP on node:http: a bearer token on every request, one MCP server per session.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import { checkBearerToken } from './bearer-token.js';
import type { Logger } from './logger.js';
import { readJsonBody } from './request-body.js';

export const MCP_PATH = '/mcp';

export interface HttpServerOptions {
  host: string;
  /** 0 picks a free port; `RunningHttpServer.port` tells which. */
  port: number;
  /** The token every request must carry as `Authorization: Bearer <token>`. */
  bearerToken: string;
  /** A fresh MCP server for each session. */
  createMcpServer: () => McpServer;
  logger: Logger;
  maxSessions?: number;
  /** A session with no request open for this long is closed; its client starts a new one. */
  sessionIdleTimeoutMs?: number;
  maxBodyBytes?: number;
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
  openRequests: number;
  lastActive: number;
}

const DEFAULT_MAX_SESSIONS = 100;
const DEFAULT_SESSION_IDLE_TIMEOUT_MS = 30 * 60_000;
const DEFAULT_MAX_BODY_BYTES = 4 * 1024 * 1024;
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
  const sessions = new Map<string, Session>();

  const track = (session: Session, response: ServerResponse) => {
    session.openRequests += 1;
    session.lastActive = Date.now();
    response.once('close', () => {
      session.openRequests -= 1;
      session.lastActive = Date.now();
    });
  };

  const startSession = async (request: IncomingMessage, response: ServerResponse) => {
    const body = await readJsonBody(request, maxBodyBytes);
    if (!body.ok) return writeJsonRpcError(response, body.status, body.status === 400 ? PARSE_ERROR : SERVER_ERROR, body.message);
    const messages = Array.isArray(body.value) ? body.value : [body.value];
    if (!messages.some((message) => isInitializeRequest(message))) {
      return writeJsonRpcError(response, 400, SERVER_ERROR, 'Bad Request: no Mcp-Session-Id header; start a session with initialize');
    }
    if (sessions.size >= maxSessions) {
      return writeJsonRpcError(response, 503, SERVER_ERROR, `Too many open sessions (${maxSessions}); close one or try later`);
    }
    const session: Session = {
      transport: new StreamableHTTPServerTransport({
        sessionIdGenerator: () => randomUUID(),
        onsessioninitialized: (sessionId) => {
          sessions.set(sessionId, session);
          logger.debug('http session opened', { session_id: sessionId });
        },
      }),
      openRequests: 0,
      lastActive: Date.now(),
    };
    // Set before connect: the SDK chains its own close handling behind this one.
    session.transport.onclose = () => {
      const sessionId = session.transport.sessionId;
      if (sessionId !== undefined && sessions.delete(sessionId)) logger.debug('http session closed', { session_id: sessionId });
    };
    await options.createMcpServer().connect(session.transport);
    track(session, response);
    await session.transport.handleRequest(request, response, body.value);
  };

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const check = checkBearerToken(request.headers.authorization, options.bearerToken);
    if (check !== 'accepted') {
      logger.info('http request refused: bearer token missing or wrong', { check, method: request.method, remote: request.socket.remoteAddress });
      return writeJsonRpcError(response, 401, UNAUTHORIZED_ERROR, 'Unauthorized: send "Authorization: Bearer <token>" with the token the operator set in FLEET_HTTP_TOKEN', {
        'WWW-Authenticate': check === 'missing' ? 'Bearer realm="fleet"' : 'Bearer realm="fleet", error="invalid_token"',
      });
    }
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (path !== MCP_PATH) return writeJsonRpcError(response, 404, SERVER_ERROR, `Not found: the MCP endpoint is ${MCP_PATH}`);

    const sessionHeader = request.headers['mcp-session-id'];
    const sessionId = Array.isArray(sessionHeader) ? sessionHeader[0] : sessionHeader;
    if (sessionId === undefined) {
      if (request.method !== 'POST') return writeJsonRpcError(response, 400, SERVER_ERROR, 'Bad Request: no Mcp-Session-Id header');
      return startSession(request, response);
    }
    const session = sessions.get(sessionId);
    if (session === undefined) {
      return writeJsonRpcError(response, 404, SERVER_ERROR, 'Session not found: it ended or expired; start a new one with initialize');
    }
    track(session, response);
    await session.transport.handleRequest(request, response);
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      logger.error('http request failed', { error, method: request.method });
      if (!response.headersSent) writeJsonRpcError(response, 500, INTERNAL_ERROR, 'Internal server error');
      else response.end();
    });
  });
  const callDrain = trackCallsForDrain(server);

  const sweep = setInterval(() => {
    const cutoff = Date.now() - idleTimeoutMs;
    for (const session of sessions.values()) {
      if (session.openRequests === 0 && session.lastActive < cutoff) void session.transport.close();
    }
  }, Math.min(idleTimeoutMs, 60_000));
  sweep.unref();

  await listen(server, options.host, options.port);
  const port = (server.address() as AddressInfo).port;
  const hostInUrl = options.host.includes(':') ? `[${options.host}]` : options.host;
  const running: RunningHttpServer = {
    host: options.host,
    port,
    url: `http://${hostInUrl}:${port}${MCP_PATH}`,
    async close() {
      clearInterval(sweep);
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
