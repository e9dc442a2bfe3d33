// AgentAPI behind Coder's path-based app proxy: /@{user}/{workspace}.{agent}/apps/{app}/status|messages|message|events.
import { AGENT_API_SCHEMA_BASE, AgentApiProblemError } from '../http/agent-api-problem.js';
import { CoderHttpError } from '../http/coder-error.js';
import type { SegmentMatcher } from '../http/route-table.js';
import type { SimulatorRequest } from '../http/simulator-request.js';
import { jsonResponse, type SimulatorResponse } from '../http/simulator-response.js';
import type { AgentApiConversation, AgentApiMessage } from '../lifecycle/agent-api-conversation.js';
import { isoTime } from '../payloads/iso-time.js';
import { AGENT_API_APP_SLUG } from '../payloads/workspace-agent-payload.js';
import type { WorldStore } from '../world/world-store.js';
import { latestBuildOf } from '../world/world-model.js';
import type { CoderRoute } from './handler-context.js';
import { pathParameter } from './request-parameters.js';

const AGENT_TYPE = 'claude';
const KNOWN_APP_SLUGS = ['code-server', 'preview'];

class AppProxyError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly description: string,
  ) {
    super(description);
  }
}

/** Coder's app proxy answers with its static HTML error page, not JSON. */
function proxyErrorPage(error: AppProxyError): SimulatorResponse {
  const text = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${error.title}</title></head>
<body><main><h1>${error.title}</h1><p>${error.description}</p>
<a href="/">Back to site</a></main></body></html>
`;
  return { status: error.status, body: { kind: 'text', text, contentType: 'text/html; charset=utf-8' } };
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

/** Resolves user, workspace, agent and app as the proxy does, and returns AgentAPI's conversation. */
function agentApiFor(world: WorldStore, request: SimulatorRequest): AgentApiConversation {
  const notFound = new AppProxyError(404, 'Application Not Found', 'The application or workspace you are looking for does not exist or you do not have access to it.');
  const owner = world.findUser(pathParameter(request, 'user'), request.user);
  if (!owner || owner.id !== request.user.id) {
    throw notFound;
  }
  const workspace = world.findWorkspaceByOwnerAndName(owner.id, pathParameter(request, 'workspace'));
  if (!workspace) {
    throw notFound;
  }
  const agentName = pathParameter(request, 'agent');
  if (agentName !== '' && agentName !== 'main') {
    throw notFound;
  }
  const slug = pathParameter(request, 'app');
  const version = world.requireTemplateVersion(latestBuildOf(workspace).templateVersionId);
  const hasAgentApi = version.hasAiTask && workspace.conversation !== null;
  if (slug !== AGENT_API_APP_SLUG && !KNOWN_APP_SLUGS.includes(slug)) {
    throw notFound;
  }
  if (slug === AGENT_API_APP_SLUG && !hasAgentApi) {
    throw notFound;
  }
  const agent = latestBuildOf(workspace).agent;
  if (!agent || agent.status !== 'connected') {
    throw new AppProxyError(502, 'Application Unavailable', 'Agent is not connected: the workspace is not running.');
  }
  if (slug !== AGENT_API_APP_SLUG) {
    throw new AppProxyError(404, 'Not Found', '404 page not found');
  }
  if (agent.lifecycle !== 'ready' || agent.agentApiHealth !== 'healthy' || !workspace.conversation) {
    throw new AppProxyError(502, 'Application Unavailable', 'Failed to proxy request to application: dial tcp 127.0.0.1:3284: connect: connection refused');
  }
  workspace.lastUsedAt = world.clock.now();
  return workspace.conversation;
}

function messagePayload(message: AgentApiMessage): Record<string, unknown> {
  return { id: message.id, role: message.role, content: message.content, time: isoTime(message.time) };
}

function proxied(handle: (conversation: AgentApiConversation, request: SimulatorRequest) => SimulatorResponse | Promise<SimulatorResponse>) {
  return async ({ world }: { world: WorldStore }, request: SimulatorRequest): Promise<SimulatorResponse> => {
    try {
      return await handle(agentApiFor(world, request), request);
    } catch (error) {
      if (error instanceof AppProxyError) {
        return proxyErrorPage(error);
      }
      throw error;
    }
  };
}

async function postMessage(conversation: AgentApiConversation, request: SimulatorRequest): Promise<SimulatorResponse> {
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
      throw new AgentApiProblemError(500, `failed to send message: ${error instanceof Error ? error.message : String(error)}`);
    }
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
    authenticated: true,
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
    authenticated: true,
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
    authenticated: true,
    matcher: appProxyMatcher('message'),
    handle: proxied(postMessage),
  },
  {
    method: 'GET',
    template: `${PROXY_TEMPLATE}/events`,
    authenticated: true,
    matcher: appProxyMatcher('events'),
    handle: proxied(events),
  },
];
