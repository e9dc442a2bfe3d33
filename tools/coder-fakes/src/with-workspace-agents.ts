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
