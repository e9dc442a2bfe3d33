// Turns a Coder workspace into the fleet's agent: status, project, role, last task, build and health.
import {
  findAgentApiApp,
  type AgentApiAppHints,
  type AgentApiAppLocation,
  type Preset,
  type Workspace,
  type WorkspaceAgent,
  type WorkspaceAppStatus,
} from '@fleet/coder-client';
import type { AgentDetails, AgentHealth, LastTask, HistoryEntry } from '@fleet/fleet-models';
import { deriveAgentStatus } from '../status/derive-agent-status.js';
import type { AgentRecord } from './fleet-backend.js';
import { toWorkState } from './work-state.js';

export interface WorkspaceContext {
  /** Coder's URL without a trailing slash, for the agent's dashboard link. */
  coderUrl: string;
  /** The preset the latest build used (the agent's role), when it has one. */
  preset: Preset | undefined;
  hints: AgentApiAppHints;
  /** Whether the workspace runs an agent, as the backend found out. */
  runsAgent: boolean;
  /** Read the reported statuses into the history (hundreds of entries): for one agent, not for a listing that keeps only summaries. */
  withHistory: boolean;
}

/**
 * Whether the workspace itself says it runs an agent: an AI-task build (until 2.36), a task
 * (2.29–2.36), or an AgentAPI app on its running agent. A stopped workspace has no apps, so on
 * 2.37+ only its template version can tell.
 */
export function workspaceShowsAgent(workspace: Workspace, hints: AgentApiAppHints): boolean {
  return workspace.latest_build.has_ai_task === true || Boolean(workspace.task_id) || findAgentApiApp(workspace, hints) !== undefined;
}

export function agentRecordFromWorkspace(workspace: Workspace, context: WorkspaceContext): AgentRecord {
  const build = workspace.latest_build;
  const app = findAgentApiApp(workspace, context.hints);
  const workspaceAgent = workspaceAgentOf(workspace, app);
  const newestStatus = newestAppStatus(workspace, app);
  const details: AgentDetails = {
    id: workspace.id,
    name: workspace.name,
    status: deriveAgentStatus({
      buildStatus: build.status,
      buildTransition: build.transition,
      agentConnected: workspaceAgent ? workspaceAgent.status === 'connected' : false,
      agentLifecycle: workspaceAgent?.lifecycle_state,
      appInitializing: app ? appOf(workspace, app)?.health === 'initializing' : false,
      currentState: currentBuildStatus(workspace, newestStatus)?.state,
    }),
    project: workspace.template_display_name || workspace.template_name,
    role: context.preset?.Name ?? null,
    lastTask: newestStatus ? lastTaskOf(newestStatus) : null,
    createdAt: workspace.created_at,
    updatedAt: workspace.updated_at,
    workspaceId: workspace.id,
    url: `${context.coderUrl}/@${encodeURIComponent(workspace.owner_name)}/${encodeURIComponent(workspace.name)}`,
    owner: workspace.owner_name,
    build: {
      id: build.id,
      number: build.build_number ?? 0,
      transition: build.transition,
      status: build.status,
      jobStatus: build.job.status,
      error: build.job.error || null,
    },
    templateVersionId: build.template_version_id,
    templateVersionName: build.template_version_name ?? null,
    // The preset's values until show reads the build's own (one more request, only where they are shown).
    parameters: (context.preset?.Parameters ?? []).map((parameter) => ({ name: parameter.Name, value: parameter.Value })),
    health: healthOf(workspace, workspaceAgent),
  };
  return {
    details,
    app,
    runsAgent: context.runsAgent,
    history: context.withHistory ? historyOf(workspace, app) : [],
    taskId: workspace.task_id ?? null,
    presetId: build.template_version_preset_id ?? null,
  };
}

/**
 * A status reported before the latest start build is about an earlier session of the agent: app
 * statuses survive restarts, so it says nothing about now (coder/coder coderd/aitasks.go ignores it
 * for a task's `current_state` the same way).
 */
function currentBuildStatus(workspace: Workspace, status: WorkspaceAppStatus | undefined): WorkspaceAppStatus | undefined {
  const build = workspace.latest_build;
  if (!status || build.transition !== 'start') {
    return status;
  }
  return timeOf(status) < Date.parse(build.created_at) ? undefined : status;
}

/** The statuses the agent reported on its AgentAPI app, newest first. */
function historyOf(workspace: Workspace, app: AgentApiAppLocation | undefined): HistoryEntry[] {
  const statuses = app ? (appOf(workspace, app)?.statuses ?? []) : [];
  return newestFirst(statuses).map((status) => ({
    id: status.id,
    state: toWorkState(status.state),
    message: status.message ?? '',
    uri: status.uri || null,
    needsUserAttention: status.needs_user_attention ?? false,
    createdAt: status.created_at,
  }));
}

/** The workspace agent serving the AgentAPI app, or else the build's first agent. */
function workspaceAgentOf(workspace: Workspace, app: AgentApiAppLocation | undefined): WorkspaceAgent | undefined {
  const agents = workspace.latest_build.resources.flatMap((resource) => resource.agents);
  return (app ? agents.find((agent) => agent.apps.some((candidate) => candidate.id === app.appId)) : undefined) ?? agents[0];
}

function appOf(workspace: Workspace, app: AgentApiAppLocation) {
  for (const resource of workspace.latest_build.resources) {
    for (const agent of resource.agents) {
      const found = agent.apps.find((candidate) => candidate.id === app.appId);
      if (found) {
        return found;
      }
    }
  }
  return undefined;
}

/** The newest status of the AgentAPI app, or the workspace's newest status where the app is unknown. */
function newestAppStatus(workspace: Workspace, app: AgentApiAppLocation | undefined): WorkspaceAppStatus | undefined {
  const statuses = app ? (appOf(workspace, app)?.statuses ?? []) : [];
  let newest: WorkspaceAppStatus | undefined;
  let newestTime = Number.NEGATIVE_INFINITY;
  const consider = (status: WorkspaceAppStatus) => {
    const time = timeOf(status);
    if (!newest || time > newestTime) {
      newest = status;
      newestTime = time;
    }
  };
  statuses.forEach(consider);
  const latest = workspace.latest_app_status ?? undefined;
  if (latest && (!app || latest.app_id === undefined || latest.app_id === app.appId)) {
    consider(latest);
  }
  return newest;
}

/** Milliseconds since the epoch; Coder's RFC 3339 times vary in precision, so strings do not compare. */
function timeOf(status: WorkspaceAppStatus): number {
  const time = Date.parse(status.created_at);
  return Number.isNaN(time) ? Number.NEGATIVE_INFINITY : time;
}

function newestFirst(statuses: readonly WorkspaceAppStatus[]): WorkspaceAppStatus[] {
  // Coder sends them newest first already; the sort is stable, so equal times keep Coder's order.
  return statuses
    .map((status) => ({ status, time: timeOf(status) }))
    .sort((first, second) => (second.time > first.time ? 1 : second.time < first.time ? -1 : 0))
    .map((entry) => entry.status);
}

function lastTaskOf(status: WorkspaceAppStatus): LastTask {
  return { state: toWorkState(status.state), message: status.message ?? '', at: status.created_at };
}

function healthOf(workspace: Workspace, workspaceAgent: WorkspaceAgent | undefined): AgentHealth {
  if (!workspaceAgent) {
    return { healthy: false, agentStatus: null, lifecycleState: null, reason: 'no workspace agent runs: the workspace is not running' };
  }
  const healthy = workspaceAgent.health?.healthy ?? workspace.health?.healthy ?? workspaceAgent.status === 'connected';
  return {
    healthy,
    agentStatus: workspaceAgent.status,
    lifecycleState: workspaceAgent.lifecycle_state,
    reason: healthy ? null : (workspaceAgent.health?.reason ?? `the workspace agent is ${workspaceAgent.status}`),
  };
}
