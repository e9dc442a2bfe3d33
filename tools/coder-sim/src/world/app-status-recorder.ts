// Appends an app status reported by the agent's AgentAPI app, as coder_report_task does through the workspace agent.
import type { WorldStore } from './world-store.js';
import { latestBuildOf, type AppStatusState, type WorkspaceRecord } from './world-model.js';

export function recordAppStatus(
  world: WorldStore,
  workspace: WorkspaceRecord,
  state: AppStatusState,
  message: string,
  uri: string,
): void {
  const agent = latestBuildOf(workspace).agent;
  if (!agent || workspace.deleted) {
    return;
  }
  const now = world.clock.now();
  workspace.liveStatuses.push({
    id: world.identity('status', workspace.id, 'live', workspace.liveStatuses.length),
    createdAt: now,
    state,
    message,
    uri,
    appId: agent.agentApiAppId,
    agentId: agent.id,
  });
  workspace.updatedAt = now;
}
