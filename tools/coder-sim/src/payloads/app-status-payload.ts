// Renders app statuses (codersdk.WorkspaceAppStatus) from live records and the seeded history, newest first.
import { seededStatus, seededStatusCount } from '../world/seeded-history.js';
import type { WorldStore } from '../world/world-store.js';
import type { AppStatusRecord, WorkspaceRecord } from '../world/world-model.js';
import { isoTime } from './iso-time.js';

function statusPayload(workspace: WorkspaceRecord, status: AppStatusRecord): Record<string, unknown> {
  return {
    id: status.id,
    created_at: isoTime(status.createdAt),
    workspace_id: workspace.id,
    agent_id: status.agentId,
    app_id: status.appId,
    state: status.state,
    message: status.message,
    uri: status.uri,
    icon: '',
    needs_user_attention: false,
  };
}

function seededStatusRecord(world: WorldStore, workspace: WorkspaceRecord, position: number): AppStatusRecord | null {
  const history = workspace.seededHistory;
  if (!history) {
    return null;
  }
  const seeded = seededStatus(history, position);
  return {
    id: world.identity('status', workspace.id, 'seeded', position),
    createdAt: seeded.createdAt,
    state: seeded.state,
    message: seeded.message,
    uri: seeded.uri,
    appId: history.appId,
    agentId: history.agentId,
  };
}

/**
 * Every status the app reported. // coder/coder coderd/database/queries/workspaceapps.sql (v2.30.0+):
 * GetWorkspaceAppStatusesByAppIDs orders by created_at DESC (newest first); up to v2.29 in insertion order.
 * Statuses survive restarts: rows of earlier builds' apps stay (same app id here), nothing trims them.
 */
export function appStatusesPayload(world: WorldStore, workspace: WorkspaceRecord, appId: string): Record<string, unknown>[] {
  const newestFirst = newestFirstStatuses(world, workspace, appId);
  return world.generation.appStatusesNewestFirst ? newestFirst : newestFirst.reverse();
}

/** The AgentAPI app of every build is one app to the client: its statuses stay with it across restarts. */
function sameAppIds(workspace: WorkspaceRecord, appId: string): Set<string> {
  const agentApiIds = new Set<string>();
  for (const build of workspace.builds) {
    if (build.agent) {
      agentApiIds.add(build.agent.agentApiAppId);
    }
  }
  if (workspace.seededHistory) {
    agentApiIds.add(workspace.seededHistory.appId);
  }
  return agentApiIds.has(appId) ? agentApiIds : new Set([appId]);
}

function newestFirstStatuses(world: WorldStore, workspace: WorkspaceRecord, appId: string): Record<string, unknown>[] {
  const statuses: Record<string, unknown>[] = [];
  const appIds = sameAppIds(workspace, appId);
  for (let position = workspace.liveStatuses.length - 1; position >= 0; position -= 1) {
    const status = workspace.liveStatuses[position];
    if (status && appIds.has(status.appId)) {
      statuses.push(statusPayload(workspace, status));
    }
  }
  const history = workspace.seededHistory;
  if (history && appIds.has(history.appId)) {
    for (let position = seededStatusCount(history) - 1; position >= 0; position -= 1) {
      const status = seededStatusRecord(world, workspace, position);
      if (status) {
        statuses.push(statusPayload(workspace, status));
      }
    }
  }
  return statuses;
}

/** The newest status of any app of the workspace, or null. */
export function latestAppStatusRecord(world: WorldStore, workspace: WorkspaceRecord): AppStatusRecord | null {
  const live = workspace.liveStatuses[workspace.liveStatuses.length - 1];
  if (live) {
    return live;
  }
  const history = workspace.seededHistory;
  if (history && seededStatusCount(history) > 0) {
    return seededStatusRecord(world, workspace, seededStatusCount(history) - 1);
  }
  return null;
}

export function latestAppStatusPayload(world: WorldStore, workspace: WorkspaceRecord): Record<string, unknown> | null {
  const status = latestAppStatusRecord(world, workspace);
  return status ? statusPayload(workspace, status) : null;
}
