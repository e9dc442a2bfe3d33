// Errors built by the real CoderClient from one canned HTTP answer (no network): what a fake hands the backend.
import { CoderClient, type AgentApiAppLocation } from '@fleet/coder-client';

const TOKEN = 'Fleet00-domain0test0token0secret0';

type AgentApiCall = 'status' | 'prompt';

/** What the real client throws when it sends `request` and the network answers with `fetch`. */
async function failureOf(request: (client: CoderClient) => Promise<unknown>, fetch: typeof globalThis.fetch, promptTimeoutMs?: number): Promise<unknown> {
  const client = new CoderClient({
    url: 'http://coder.test',
    token: TOKEN,
    retry: { limit: 0 },
    fetch,
    ...(promptTimeoutMs === undefined ? {} : { promptTimeoutMs }),
  });
  return request(client).then(
    () => {
      throw new Error('the canned answer was taken as a success');
    },
    (error: unknown) => error,
  );
}

/** A prompt or a status read through `app`. */
function agentApi(app: AgentApiAppLocation, call: AgentApiCall): (client: CoderClient) => Promise<unknown> {
  return (client) => (call === 'status' ? client.getAgentApiStatus(app) : client.sendAgentApiMessage(app, { content: 'Work', type: 'user' }));
}

/**
 * AgentAPI's huma 500 when a prompt reaches an agent that works (coder/agentapi lib/httpapi): the
 * reason is only in `errors[].message`.
 */
export function agentApiBusyRefusal(app: AgentApiAppLocation): Promise<unknown> {
  const body = {
    title: 'Internal Server Error',
    status: 500,
    detail: 'unexpected error occurred',
    errors: [{ message: 'failed to send message: message can only be sent when the agent is waiting for user input' }],
  };
  return failureOf(agentApi(app, 'prompt'), answering(() => new Response(JSON.stringify(body), { status: 500, headers: { 'content-type': 'application/problem+json' } })));
}

/** Coder's app proxy redirecting to sign-in: it did not accept the session token. */
export function appProxyTokenRefused(app: AgentApiAppLocation, call: AgentApiCall): Promise<unknown> {
  const location = `/login?message=You+are+signed+out&redirect=${encodeURIComponent('/@fleet-dev/x.main/apps/ccw/message')}`;
  return failureOf(agentApi(app, call), answering(() => new Response(null, { status: 303, headers: { location } })));
}

/** Coder's app proxy page for a workspace whose last transition was stop (site/static/error.html, shortened). */
export function appProxyWorkspaceOffline(app: AgentApiAppLocation, call: AgentApiCall): Promise<unknown> {
  const page = `<!doctype html><html lang="en"><head><title>400 - Workspace Offline</title></head>
<body><h1>400 - Workspace Offline</h1><p>Last workspace transition was to the &#34;stop&#34; state. Start the workspace to access its applications.</p></body></html>`;
  return failureOf(agentApi(app, call), answering(() => new Response(page, { status: 400, headers: { 'content-type': 'text/html; charset=utf-8' } })));
}

/** Coder's app proxy page when AgentAPI does not answer behind it (coderd/tailnet.go's reverse proxy, shortened). */
export function appProxyAppUnreachable(app: AgentApiAppLocation, call: AgentApiCall): Promise<unknown> {
  const page = `<!doctype html><html lang="en"><head><title>502 - Bad Gateway</title></head>
<body><h1>502 - Bad Gateway</h1><p>Failed to proxy request to application: dial tcp 127.0.0.1:3284: connect: connection refused</p></body></html>`;
  return failureOf(agentApi(app, call), answering(() => new Response(page, { status: 502, headers: { 'content-type': 'text/html; charset=utf-8' } })));
}

/** A prompt AgentAPI received but did not answer within the client's prompt deadline (1 ms here). */
export function promptTimedOut(app: AgentApiAppLocation): Promise<unknown> {
  const neverAnswers: typeof globalThis.fetch = (input, init) =>
    new Promise((_resolve, reject) => {
      const signal = init?.signal ?? (input instanceof Request ? input.signal : undefined);
      signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
    });
  return failureOf(agentApi(app, 'prompt'), neverAnswers, 1);
}

/**
 * Nothing listens at Coder's address: undici's `fetch failed` with the connection refused, as the
 * client meets it on a read of Coder's version.
 */
export function coderUnreachable(): Promise<unknown> {
  const refused: typeof globalThis.fetch = async () => {
    throw new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:3000'), { code: 'ECONNREFUSED' }) });
  };
  return failureOf((client) => client.getCoderVersion(), refused);
}

function answering(response: () => Response): typeof globalThis.fetch {
  return async () => response();
}
