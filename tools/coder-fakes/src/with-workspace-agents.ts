// A recorded workspace with its workspace agents changed: how a test plays a state the recordings do not hold.
import type { Workspace, WorkspaceAgent } from '@fleet/coder-client';

/** The workspace with every workspace agent of its latest build merged with what `change` returns for it. */
export function withWorkspaceAgents(workspace: Workspace, change: (agent: WorkspaceAgent) => Partial<WorkspaceAgent>): Workspace {
  return {
    ...workspace,
    latest_build: {
      ...workspace.latest_build,
      resources: workspace.latest_build.resources.map((resource) => ({ ...resource, agents: resource.agents.map((agent) => ({ ...agent, ...change(agent) })) })),
    },
  };
}

/**
 * The slugs of the AgentAPI apps in the recorded templates: `ccw` from coder/registry's claude-code module, `agentapi`
 * from the agentapi module in the agentapi-agent template. Matched by slug, not by the domain's own signature (port
 * 3284 or a /status healthcheck), so that a test of that signature does not lean on a copy of it.
 */
const RECORDED_AGENT_API_APP_SLUGS: readonly string[] = ['ccw', 'agentapi'];

/** The workspace with its AgentAPI app removed from every workspace agent; its other apps stay. */
export function withoutAgentApiApp(workspace: Workspace): Workspace {
  return withWorkspaceAgents(workspace, (agent) => ({ apps: agent.apps.filter((app) => !RECORDED_AGENT_API_APP_SLUGS.includes(app.slug)) }));
}
