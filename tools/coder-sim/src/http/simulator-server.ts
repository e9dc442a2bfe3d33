// The request pipeline: route, count, inject latency and faults, authenticate, handle, and write the answer.
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { FaultRule, SimulatorControl } from '../simulator-types.js';
import type { UserRecord } from '../world/world-model.js';
import { AgentApiProblemError, agentApiProblemResponse } from './agent-api-problem.js';
import { CoderHttpError, routeNotFound } from './coder-error.js';
import { CONTROL_PATH_PREFIX, handleControlRequest } from './control-endpoint.js';
import { writeEndlessBody, type FaultInjector } from './fault-injector.js';
import { writeSimulatorResponse } from './response-writer.js';
import { UNMATCHED_ROUTE_KEY, type RouteLookup, type RouteTable } from './route-table.js';
import { presentedSessionToken, type SessionTokens } from './session-authentication.js';
import type { SimulatorStatistics } from './simulator-statistics.js';
import { parseJsonBody, readRequestText, type SimulatorRequest } from './simulator-request.js';
import { emptyResponse, jsonResponse, type SimulatorResponse } from './simulator-response.js';

export interface SimulatorServerOptions {
  routes: RouteTable;
  /** every user's API keys */
  tokens: SessionTokens;
  /** who unauthenticated routes see */
  mainUser: UserRecord;
  commonHeaders: Readonly<Record<string, string>>;
  statistics: SimulatorStatistics;
  faults: FaultInjector;
  latencyMs: () => number;
  control: SimulatorControl;
  /** the wildcard app host without '*.', e.g. 'apps.localhost:PORT'; requests whose Host ends in it are subdomain apps */
  appHostSuffix: () => string;
}

/**
 * A subdomain app request: Host `{slug}--{agent}--{workspace}--{owner}.<wildcard>` becomes the path-app form so one
 * set of routes (and route keys) serves both.
 * // coder/coder coderd/workspaceapps/appurl/appurl.go ParseSubdomainAppURL (v2.34.3): `--`-separated parts,
 * // app slug or port first, then agent (optional), workspace, user.
 */
function subdomainAppPath(host: string | undefined, suffix: string, path: string): { host: string; path: string } | null {
  if (!host || suffix === '') {
    return null;
  }
  const lowered = host.toLowerCase();
  const tail = `.${suffix.toLowerCase()}`;
  if (!lowered.endsWith(tail)) {
    return null;
  }
  const parts = lowered.slice(0, -tail.length).split('--');
  if (parts.length !== 3 && parts.length !== 4) {
    return null;
  }
  const [slug, ...rest] = parts;
  const [agent, workspace, owner] = rest.length === 3 ? rest : ['', rest[0], rest[1]];
  const workspaceAndAgent = agent ? `${workspace ?? ''}.${agent}` : (workspace ?? '');
  return { host: lowered, path: `/@${owner ?? ''}/${workspaceAndAgent}/apps/${slug ?? ''}${path === '/' ? '' : path}` };
}

/** Injected waits must not keep the process alive once the simulator is closed. */
function pause(milliseconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, milliseconds).unref());
}

function errorResponse(error: unknown): SimulatorResponse {
  if (error instanceof CoderHttpError) {
    return jsonResponse(error.status, error.body);
  }
  if (error instanceof AgentApiProblemError) {
    return agentApiProblemResponse(error);
  }
  return jsonResponse(500, {
    message: 'An internal error occurred.',
    detail: error instanceof Error ? error.message : String(error),
  });
}

function faultResponse(fault: FaultRule, path: string): SimulatorResponse {
  if (fault.location !== undefined) {
    // An app's own redirect passes through Coder's reverse proxy unchanged (httputil.ReverseProxy copies the
    // status and Location): a client must not follow it with its token.
    const status = fault.status ?? 302;
    return {
      status,
      headers: { Location: fault.location },
      body: { kind: 'text', text: `<a href="${fault.location.replace(/"/g, '&#34;')}">Found</a>.\n\n`, contentType: 'text/html; charset=utf-8' },
    };
  }
  const status = fault.status ?? 429;
  const headers: Record<string, string> = {};
  if (fault.retryAfterSeconds !== undefined) {
    headers['Retry-After'] = String(fault.retryAfterSeconds);
  }
  const body =
    status === 429
      ? { message: "You've been rate limited for sending more than 512 requests in 1m0s." }
      : { message: `Simulated fault: ${status} for ${path}.`, detail: 'Injected by the Coder simulator.' };
  return { status, body: { kind: 'json', value: body }, headers };
}

async function handleRoute(
  request: IncomingMessage,
  lookup: RouteLookup,
  path: string,
  query: URLSearchParams,
  options: SimulatorServerOptions,
  subdomainHost: string | null,
): Promise<SimulatorResponse> {
  if (lookup.kind === 'unmatched') {
    throw routeNotFound();
  }
  if (lookup.kind === 'method-not-allowed') {
    return emptyResponse(405);
  }
  const { route, parameters } = lookup.match;
  const presented = presentedSessionToken(request, query);
  const owner = route.authenticated ? options.tokens.authenticate(presented) : options.tokens.ownerOf(presented);
  const simulatorRequest: SimulatorRequest = {
    method: route.method,
    path,
    query,
    parameters,
    user: owner ?? options.mainUser,
    tokenAccepted: owner !== undefined,
    originalUrl: request.url ?? path,
    subdomainHost,
    readJson: async () => parseJsonBody(await readRequestText(request)),
    readForm: async () => new URLSearchParams(await readRequestText(request)),
    authorization: request.headers.authorization,
  };
  return route.handler(simulatorRequest);
}

async function serve(request: IncomingMessage, response: ServerResponse, options: SimulatorServerOptions): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  const method = (request.method ?? 'GET').toUpperCase();
  const subdomain = subdomainAppPath(request.headers.host, options.appHostSuffix(), url.pathname);
  const rawPath = subdomain ? subdomain.path : url.pathname;
  const path = rawPath.length > 1 && rawPath.endsWith('/') ? rawPath.slice(0, -1) : rawPath;
  if (!subdomain && (path === CONTROL_PATH_PREFIX || path.startsWith(`${CONTROL_PATH_PREFIX}/`))) {
    await handleControlRequest(request, response, path, options.control, options.commonHeaders);
    return;
  }
  const lookup = options.routes.lookup(method, path);
  options.statistics.countRequest(lookup.kind === 'matched' ? lookup.match.key : UNMATCHED_ROUTE_KEY, method, request.url ?? '/');
  const latency = options.latencyMs();
  if (latency > 0) {
    await pause(latency);
  }
  const fault = options.faults.take(method, path);
  if (fault?.delayMs) {
    await pause(fault.delayMs);
  }
  if (fault?.drop) {
    request.socket.destroy();
    return;
  }
  if (fault?.endlessBody) {
    await writeEndlessBody(response, { ...options.commonHeaders }, (bytes) => options.statistics.countBytes(bytes));
    return;
  }
  let result: SimulatorResponse;
  if (fault && (fault.status !== undefined || fault.retryAfterSeconds !== undefined || fault.location !== undefined)) {
    result = faultResponse(fault, path);
  } else {
    try {
      result = await handleRoute(request, lookup, path, url.searchParams, options, subdomain?.host ?? null);
    } catch (error) {
      result = errorResponse(error);
    }
  }
  await writeSimulatorResponse(request, response, result, {
    commonHeaders: options.commonHeaders,
    fault,
    countBytes: (bytes) => options.statistics.countBytes(bytes),
  });
}

export function createSimulatorRequestListener(options: SimulatorServerOptions): RequestListener {
  return (request, response) => {
    serve(request, response, options).catch((error: unknown) => {
      if (!response.headersSent && !response.destroyed) {
        response.writeHead(500, { ...options.commonHeaders, 'Content-Type': 'application/json; charset=utf-8' });
        response.end(JSON.stringify({ message: 'An internal error occurred.', detail: String(error) }));
      } else {
        response.destroy();
      }
    });
  };
}
