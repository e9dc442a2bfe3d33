// AgentAPI behind Coder's path-based app proxy: /@{user}/{workspace}.{agent}/apps/{app}/status|messages|message|events.
import { AGENT_API_SCHEMA_BASE, AgentApiProblemError } from '../http/agent-api-problem.js';
import { CoderHttpError } from '../http/coder-error.js';
import type { SegmentMatcher } from '../http/route-table.js';
import type { SimulatorRequest } from '../http/simulator-request.js';
import { jsonResponse, type SimulatorResponse } from '../http/simulator-response.js';
import type { AgentApiConversation, AgentApiMessage } from '../lifecycle/agent-api-conversation.js';
import { isoTime } from '../payloads/iso-time.js';
import { canReadWorkspace } from '../rules/workspace-access.js';
import { latestBuildOf } from '../world/world-model.js';
import type { CoderRoute, HandlerContext } from './handler-context.js';
import { pathParameter } from './request-parameters.js';

const AGENT_TYPE = 'claude';
const KNOWN_APP_SLUGS = ['code-server', 'preview'];
const SIGNED_OUT_MESSAGE = 'You are signed out or your session has expired. Please sign in again to continue.';

class AppProxyError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly description: string,
  ) {
    super(description);
  }
}

/** A redirect Coder's proxy answers instead of proxying. */
class AppProxyRedirect extends Error {
  constructor(
    readonly status: number,
    readonly location: string,
  ) {
    super(location);
  }
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&#34;');
}

/**
 * Coder's app proxy answers with its static HTML error page, not JSON.
 * // coder/coder site/static/error.html rendered by site.RenderStaticErrorPage (v2.34.3): the title, the
 * // description, "Retry" when RetryEnabled, and a link back to the dashboard.
 */
function proxyErrorPage(error: AppProxyError, dashboardUrl: string): SimulatorResponse {
  const title = escapeHtml(error.title);
  const text = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${title}</title></head>
<body><main><h1>${title}</h1><p>${escapeHtml(error.description)}</p>
<a href="${escapeHtml(dashboardUrl)}">Back to site</a></main></body></html>
`;
  return { status: error.status, body: { kind: 'text', text, contentType: 'text/html; charset=utf-8' } };
}

/** Go's http.Redirect for a GET: the Location header and a tiny HTML body. */
export function redirectResponse(status: number, location: string): SimulatorResponse {
  const statusText: Record<number, string> = {
    301: 'Moved Permanently',
    302: 'Found',
    303: 'See Other',
    307: 'Temporary Redirect',
    308: 'Permanent Redirect',
  };
  return {
    status,
    headers: { Location: location },
    body: {
      kind: 'text',
      text: `<a href="${escapeHtml(location)}">${statusText[status] ?? 'Redirect'}</a>.\n\n`,
      contentType: 'text/html; charset=utf-8',
    },
  };
}

/** Go's url.QueryEscape: spaces become '+', everything but letters, digits and -_.~ is %XX. */
export function goQueryEscape(text: string): string {
  return encodeURIComponent(text)
    .replace(/[!'()*]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+');
}

function appProxyMatcher(endpoint: string): SegmentMatcher {
  return (segments) => {
    const [user, workspaceAndAgent, apps, app, last] = segments;
    if (segments.length !== 5 || !user?.startsWith('@') || apps !== 'apps' || last !== endpoint || !workspaceAndAgent || !app) {
      return null;
    }
    const dot = workspaceAndAgent.indexOf('.');
    return {
      user: user.slice(1),
      workspace: dot < 0 ? workspaceAndAgent : workspaceAndAgent.slice(0, dot),
      agent: dot < 0 ? '' : workspaceAndAgent.slice(dot + 1),
      app,
    };
  };
}

/**
 * Resolves the request as Coder's proxy does, in its order, and returns AgentAPI's conversation:
 * 1. // coder/coder coderd/workspaceapps/proxy.go workspaceAppsProxyPath (v2.34.3): --disable-path-apps renders a
 *    401 "Unauthorized" page "Path-based applications are disabled on this Coder deployment by the administrator."
 * 2. // coderd/workspaceapps/db.go DBTokenProvider.Issue: the app is looked up first (unknown → 404 page
 *    "Application Not Found"); a workspace whose latest build is not a start → WriteWorkspaceOffline, 400
 *    "Workspace Offline" (coderd/workspaceapps/errors.go).
 * 3. then authorization: without an accepted token (a missing or invalid one counts as none, ExtractAPIKey is
 *    Optional) a path app redirects with httpmw.RedirectToLogin: 303 to
 *    `{dashboard}/login?message=<signed out>&redirect=<path?query>`; a subdomain app 303s to
 *    `{dashboard}/api/v2/applications/auth-redirect?redirect_uri=<app URL>`.
 * 4. agent not connected → WriteWorkspaceAppOffline: 502 "Application Unavailable" `Agent state is "…", not "connected"`.
 * 5. the app itself does not answer → the reverse proxy's ErrorHandler (coderd/workspaceapps/proxy.go): 502
 *    "Bad Gateway" "Failed to proxy request to application: …".
 */
function agentApiFor(context: HandlerContext, request: SimulatorRequest): AgentApiConversation {
  const { world } = context;
  if (context.disablePathApps && request.subdomainHost === null) {
    throw new AppProxyError(401, 'Unauthorized', 'Path-based applications are disabled on this Coder deployment by the administrator.');
  }
  const notFound = new AppProxyError(404, 'Application Not Found', 'The application or workspace you are looking for does not exist or you do not have access to it.');
  const owner = world.findUser(pathParameter(request, 'user'), request.user);
  if (!owner) {
    throw notFound;
  }
  const workspace = world.findWorkspaceByOwnerAndName(owner.id, pathParameter(request, 'workspace'));
  if (!workspace) {
    throw notFound;
  }
  // coder/coder coderd/workspaceapps/db.go Issue (v2.34.3): a signed-in user without access gets the app 404 page,
  // only a request without a valid session is sent to sign in.
  if (request.tokenAccepted && !canReadWorkspace(request.user, workspace)) {
    throw notFound;
  }
  const build = latestBuildOf(workspace);
  const agentName = pathParameter(request, 'agent');
  const agent = build.agent;
  if (agentName !== '' && agentName !== 'main' && agentName !== agent?.id) {
    throw notFound;
  }
  const slug = pathParameter(request, 'app');
  const version = world.requireTemplateVersion(build.templateVersionId);
  const agentApiSlug = version.agentApiApp?.slug ?? null;
  const isAgentApi = agentApiSlug !== null && slug === agentApiSlug && workspace.conversation !== null;
  if (!isAgentApi && !KNOWN_APP_SLUGS.includes(slug)) {
    throw notFound;
  }
  if (build.transition !== 'start') {
    throw new AppProxyError(400, 'Workspace Offline', 'Last workspace transition was to the "stop" state. Start the workspace to access its applications.');
  }
  if (!request.tokenAccepted || owner.id !== request.user.id) {
    const dashboard = context.baseUrl();
    if (request.subdomainHost !== null) {
      const redirectUri = `http://${request.subdomainHost}${request.originalUrl}`;
      throw new AppProxyRedirect(303, `${dashboard}/api/v2/applications/auth-redirect?redirect_uri=${goQueryEscape(redirectUri)}`);
    }
    throw new AppProxyRedirect(303, `${dashboard}/login?message=${goQueryEscape(SIGNED_OUT_MESSAGE)}&redirect=${goQueryEscape(request.originalUrl)}`);
  }
  if (!agent || agent.status !== 'connected') {
    throw new AppProxyError(502, 'Application Unavailable', `Agent state is "${agent?.status ?? 'connecting'}", not "connected"`);
  }
  if (!isAgentApi) {
    throw new AppProxyError(404, 'Not Found', '404 page not found');
  }
  const conversation = workspace.conversation;
  if (agent.lifecycle !== 'ready' || agent.agentApiHealth !== 'healthy' || !conversation || conversation.exited) {
    throw new AppProxyError(502, 'Bad Gateway', 'Failed to proxy request to application: dial tcp 127.0.0.1:3284: connect: connection refused');
  }
  workspace.lastUsedAt = world.clock.now();
  return conversation;
}

function messagePayload(message: AgentApiMessage): Record<string, unknown> {
  return { id: message.id, role: message.role, content: message.content, time: isoTime(message.time) };
}

function proxied(
  handle: (
    conversation: AgentApiConversation,
    request: SimulatorRequest,
    context: HandlerContext,
  ) => SimulatorResponse | Promise<SimulatorResponse>,
) {
  return async (context: HandlerContext, request: SimulatorRequest): Promise<SimulatorResponse> => {
    try {
      return await handle(agentApiFor(context, request), request, context);
    } catch (error) {
      if (error instanceof AppProxyError) {
        return proxyErrorPage(error, context.baseUrl());
      }
      if (error instanceof AppProxyRedirect) {
        return redirectResponse(error.status, error.location);
      }
      throw error;
    }
  };
}

async function postMessage(
  conversation: AgentApiConversation,
  request: SimulatorRequest,
  context: HandlerContext,
): Promise<SimulatorResponse> {
  let body: unknown;
  try {
    body = await request.readJson();
  } catch (error) {
    const detail = error instanceof CoderHttpError ? (error.body.detail ?? error.message) : String(error);
    throw new AgentApiProblemError(400, `unable to parse body: ${detail}`);
  }
  const fields = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  const problems = [];
  if (typeof fields['content'] !== 'string') {
    problems.push({ message: 'expected required property content to be present', location: 'body', value: body });
  }
  if (fields['type'] !== 'user' && fields['type'] !== 'raw') {
    problems.push({
      message: fields['type'] === undefined ? 'expected required property type to be present' : 'expected value to be one of "raw, user"',
      location: fields['type'] === undefined ? 'body' : 'body.type',
      value: fields['type'] === undefined ? body : fields['type'],
    });
  }
  if (problems.length > 0) {
    throw new AgentApiProblemError(422, 'validation failed', problems);
  }
  const content = String(fields['content']);
  if (fields['type'] === 'raw') {
    conversation.receiveRaw(content);
  } else {
    try {
      conversation.receiveUserMessage(content);
    } catch (error) {
      // coder/agentapi lib/httpapi/server.go createMessage (v0.12.1) returns xerrors.Errorf("failed to send message: %w")
      // and huma v2.32.0 turns a handler's plain error into huma.Error500InternalServerError("unexpected error
      // occurred", err): status 500, detail "unexpected error occurred", errors [{message: err.Error()}].
      throw new AgentApiProblemError(500, 'unexpected error occurred', [
        { message: `failed to send message: ${error instanceof Error ? error.message : String(error)}` },
      ]);
    }
    // coder/agentapi lib/screentracker/pty_conversation.go writeStabilize (v0.12.1): waits up to 15 s for the screen
    // to settle after typing, then up to 15 s for it to change after the carriage return, before Send returns.
    await context.world.clock.wait(context.promptPostMs);
  }
  return jsonResponse(200, { $schema: `${AGENT_API_SCHEMA_BASE}/MessageResponseBody.json`, ok: true }, 'application/json');
}

function events(conversation: AgentApiConversation): SimulatorResponse {
  return {
    status: 200,
    body: {
      kind: 'event-stream',
      open: (writer) => {
        let eventId = 0;
        // First the events that rebuild the current state, then whatever happens next.
        for (const message of conversation.messages()) {
          writer.send('message_update', { id: message.id, message: message.content, role: message.role, time: isoTime(message.time) }, eventId++);
        }
        writer.send('status_change', { status: conversation.status, agent_type: AGENT_TYPE }, eventId++);
        return conversation.subscribe((event) => {
          if (event.type === 'message_update') {
            const message = event.message;
            writer.send('message_update', { id: message.id, message: message.content, role: message.role, time: isoTime(message.time) }, eventId++);
          } else {
            writer.send('status_change', { status: event.status, agent_type: AGENT_TYPE }, eventId++);
          }
        });
      },
    },
  };
}

const PROXY_TEMPLATE = '/@{user}/{workspace}.{agent}/apps/{app}';

export const agentApiProxyRoutes: readonly CoderRoute[] = [
  {
    method: 'GET',
    template: `${PROXY_TEMPLATE}/status`,
    authenticated: false,
    matcher: appProxyMatcher('status'),
    handle: proxied((conversation) =>
      jsonResponse(
        200,
        { $schema: `${AGENT_API_SCHEMA_BASE}/StatusResponseBody.json`, agent_type: AGENT_TYPE, status: conversation.status, transport: 'pty' },
        'application/json',
      ),
    ),
  },
  {
    method: 'GET',
    template: `${PROXY_TEMPLATE}/messages`,
    authenticated: false,
    matcher: appProxyMatcher('messages'),
    handle: proxied((conversation) =>
      jsonResponse(
        200,
        { $schema: `${AGENT_API_SCHEMA_BASE}/MessagesResponseBody.json`, messages: [...conversation.messages()].map(messagePayload) },
        'application/json',
      ),
    ),
  },
  {
    method: 'POST',
    template: `${PROXY_TEMPLATE}/message`,
    authenticated: false,
    matcher: appProxyMatcher('message'),
    handle: proxied(postMessage),
  },
  {
    method: 'GET',
    template: `${PROXY_TEMPLATE}/events`,
    authenticated: false,
    matcher: appProxyMatcher('events'),
    handle: proxied(events),
  },
];
