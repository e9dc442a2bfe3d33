// Where a workspace's AgentAPI app lives, and how to find it from a workspace or a task.
import type { Task } from '../schemas/task.js';
import type { Workspace } from '../schemas/workspace.js';

/** Everything needed to reach an app through Coder's path-based app proxy. */
export interface AgentApiAppLocation {
  /** Username of the workspace's owner. */
  owner: string;
  /** Workspace name. */
  workspace: string;
  /** Name of the workspace agent that serves the app. */
  agent: string;
  /** The app's slug (whatever the template named it; never assumed). */
  slug: string;
  appId: string;
}

/** Finds the app with `appId` among the agents of the workspace's latest build. */
export function findWorkspaceAppById(workspace: Workspace, appId: string): AgentApiAppLocation | undefined {
  for (const resource of workspace.latest_build.resources) {
    for (const agent of resource.agents) {
      const app = agent.apps.find((candidate) => candidate.id === appId);
      if (app) {
        return { owner: workspace.owner_name, workspace: workspace.name, agent: agent.name, slug: app.slug, appId: app.id };
      }
    }
  }
  return undefined;
}

/**
 * Locates the app running AgentAPI by the latest build's `ai_task_sidebar_app_id`. Releases whose
 * builds no longer carry that id are read through the app the agent reports its work on
 * (`latest_app_status.app_id`). Never by slug. Returns `undefined` for a workspace without an AI
 * task, one whose app is gone (stopped), or one that has not said which app it is yet.
 */
export function findAgentApiApp(workspace: Workspace): AgentApiAppLocation | undefined {
  const appId = workspace.latest_build.ai_task_sidebar_app_id ?? workspace.latest_app_status?.app_id;
  return appId ? findWorkspaceAppById(workspace, appId) : undefined;
}

/**
 * Locates the AgentAPI app from a task's `workspace_app_id` (releases whose builds no longer carry
 * `ai_task_sidebar_app_id`), looking it up in the task's workspace; falls back to the build's id.
 */
export function agentApiAppFromTask(task: Task, workspace: Workspace): AgentApiAppLocation | undefined {
  if (task.workspace_app_id) {
    const located = findWorkspaceAppById(workspace, task.workspace_app_id);
    if (located) {
      return located;
    }
  }
  return findAgentApiApp(workspace);
}

/** The app's base path on Coder's path-based app proxy, with a trailing slash. */
export function agentApiAppBasePath(app: AgentApiAppLocation): string {
  const encode = encodeURIComponent;
  return `/@${encode(app.owner)}/${encode(app.workspace)}.${encode(app.agent)}/apps/${encode(app.slug)}/`;
}
