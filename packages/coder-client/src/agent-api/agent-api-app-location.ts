// Where a workspace's AgentAPI app lives, and how to recognise it in a workspace, a task or a template version.
import type { CoderTask } from '../schemas/task.js';
import type { WorkspaceAgent } from '../schemas/workspace-agent.js';
import type { WorkspaceApp } from '../schemas/workspace-app.js';
import type { WorkspaceResource } from '../schemas/workspace-resource.js';
import type { Workspace } from '../schemas/workspace.js';

/** Everything needed to reach an app through Coder's app proxy. */
export interface AgentApiAppLocation {
  /** Username of the workspace's owner. */
  owner: string;
  /** Workspace name. */
  workspace: string;
  /** Name of the workspace agent that serves the app. */
  agent: string;
  /** The app's slug (whatever the template named it). */
  slug: string;
  appId: string;
  /** Served on its own subdomain (`{slug}--{agent}--{workspace}--{owner}.<wildcard>`) rather than under `/@owner/...`. */
  subdomain: boolean;
}

/** The port AgentAPI listens on inside the workspace (coder/agentapi cmd/server: `--port` default 3284). */
export const AGENT_API_PORT = 3284;

/** Ways an app can be told apart as AgentAPI's, besides the ids Coder keeps on builds and tasks. */
export interface AgentApiAppHints {
  /** Slugs an operator declared as AgentAPI apps (e.g. `ccw`, claude-code v4's). */
  slugs?: readonly string[] | undefined;
}

/**
 * An app served by AgentAPI: its internal URL is on port 3284, or its healthcheck asks `/status`
 * (coder/registry modules agentapi and claude-code v4 declare both), or its slug was declared.
 */
export function isAgentApiApp(app: Pick<WorkspaceApp, 'slug' | 'url' | 'healthcheck'>, hints: AgentApiAppHints = {}): boolean {
  if (hints.slugs?.includes(app.slug)) {
    return true;
  }
  return servesOnAgentApiPort(app.url) || pathOf(app.healthcheck?.url) === '/status';
}

/** Whether any agent of these resources (a template version's, or a build's) serves an AgentAPI app. */
export function resourcesServeAgentApi(resources: readonly WorkspaceResource[], hints: AgentApiAppHints = {}): boolean {
  return resources.some((resource) => resource.agents.some((agent) => agent.apps.some((app) => isAgentApiApp(app, hints))));
}

/** Finds the app with `appId` among the agents of the workspace's latest build. */
export function findWorkspaceAppById(workspace: Workspace, appId: string): AgentApiAppLocation | undefined {
  return findApp(workspace, (app) => app.id === appId);
}

/**
 * Locates the app running AgentAPI: the id Coder keeps for it where it does (the 2.27 build's
 * `ai_task_sidebar_app_id`), else the app AgentAPI serves (port 3284, a `/status` healthcheck, a
 * declared slug). Returns `undefined` for a workspace without one, or one whose agents are gone
 * (stopped).
 */
export function findAgentApiApp(workspace: Workspace, hints: AgentApiAppHints = {}): AgentApiAppLocation | undefined {
  const sidebarAppId = workspace.latest_build.ai_task_sidebar_app_id;
  const bySidebarId = sidebarAppId ? findWorkspaceAppById(workspace, sidebarAppId) : undefined;
  return bySidebarId ?? findApp(workspace, (app) => isAgentApiApp(app, hints));
}

/** Locates the AgentAPI app from a task's `workspace_app_id` (2.28–2.36), else as `findAgentApiApp` does. */
export function agentApiAppFromTask(task: CoderTask, workspace: Workspace, hints: AgentApiAppHints = {}): AgentApiAppLocation | undefined {
  const byTask = task.workspace_app_id ? findWorkspaceAppById(workspace, task.workspace_app_id) : undefined;
  return byTask ?? findAgentApiApp(workspace, hints);
}

/** The app's base path on Coder's path-based app proxy, with a trailing slash. */
export function agentApiAppBasePath(app: AgentApiAppLocation): string {
  const encode = encodeURIComponent;
  return `/@${encode(app.owner)}/${encode(app.workspace)}.${encode(app.agent)}/apps/${encode(app.slug)}/`;
}

/**
 * The app's origin on Coder's subdomain app proxy, from the deployment's wildcard host
 * (`GET /api/v2/applications/host`, e.g. `*.apps.example.com`) and the scheme of Coder's URL.
 */
export function agentApiAppSubdomainOrigin(app: AgentApiAppLocation, wildcardHost: string, protocol: string): string {
  const label = `${app.slug}--${app.agent}--${app.workspace}--${app.owner}`.toLowerCase();
  return `${protocol}//${wildcardHost.replace('*', label)}`;
}

function findApp(workspace: Workspace, matches: (app: WorkspaceApp) => boolean): AgentApiAppLocation | undefined {
  for (const resource of workspace.latest_build.resources) {
    for (const agent of resource.agents) {
      const app = agent.apps.find(matches);
      if (app) {
        return locationOf(workspace, agent, app);
      }
    }
  }
  return undefined;
}

function locationOf(workspace: Workspace, agent: WorkspaceAgent, app: WorkspaceApp): AgentApiAppLocation {
  return {
    owner: workspace.owner_name,
    workspace: workspace.name,
    agent: agent.name,
    slug: app.slug,
    appId: app.id,
    subdomain: app.subdomain ?? false,
  };
}

function servesOnAgentApiPort(url: string | undefined): boolean {
  const parsed = parseUrl(url);
  return parsed !== undefined && parsed.port === String(AGENT_API_PORT);
}

function pathOf(url: string | undefined): string | undefined {
  return parseUrl(url)?.pathname.replace(/\/+$/, '');
}

function parseUrl(url: string | undefined): URL | undefined {
  if (!url) {
    return undefined;
  }
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}
