// Derives an agent's status from its workspace build, its workspace agent and the state it reports.
import { workspaceStatuses } from '@fleet/coder-client';
import type { AgentStatus } from '@fleet/fleet-models';

export interface AgentStatusInputs {
  /** The latest build's status (a workspace's `latest_build.status`, a task's `workspace_status`). */
  buildStatus: string | null | undefined;
  /** The latest build's transition (`start`, `stop`, `delete`), where Coder says it. */
  buildTransition?: string | null | undefined;
  /** Whether the workspace agent is connected; `undefined` where Coder does not say (task lists). */
  agentConnected: boolean | undefined;
  /** The workspace agent's lifecycle state, e.g. `ready`. */
  agentLifecycle: string | null | undefined;
  /** The newest state the agent reported about its work during the current build: a hint, not the truth. */
  currentState: string | null | undefined;
  /** AgentAPI is not serving yet (its app's health is `initializing`, or the task says `initializing`). */
  appInitializing?: boolean | undefined;
}

type KnownWorkspaceStatus = (typeof workspaceStatuses)[number];
type KeptBuildStatus = Exclude<KnownWorkspaceStatus, 'running'>;

/** Build statuses that are agent statuses as they stand: all but `running`, which the agent's own state refines. */
const BUILD_STATUSES_KEPT: ReadonlySet<string> = new Set(
  workspaceStatuses.filter((status): status is KeptBuildStatus => status !== 'running') satisfies readonly AgentStatus[],
);

function isKeptBuildStatus(buildStatus: string): buildStatus is KeptBuildStatus {
  return BUILD_STATUSES_KEPT.has(buildStatus);
}

/** A queued build already says where the agent is going: a queued delete is deleting, a queued stop stopping. */
const QUEUED_BUILD_STATUS: Record<string, AgentStatus> = { delete: 'deleting', stop: 'stopping' };

/**
 * A queued (pending) build reads as the transition it will make: `deleting`, `stopping`, else `pending`.
 * A running workspace is `starting` until its agent is connected and ready and AgentAPI serves,
 * then `busy` while the agent's current report says `working` and `idle` otherwise (for an online
 * agent the services ask AgentAPI itself). Every other build status is the agent's status.
 * A status Coder has not described yet (or none: a task without a workspace) reads as `pending`.
 */
export function deriveAgentStatus(inputs: AgentStatusInputs): AgentStatus {
  const buildStatus = inputs.buildStatus ?? '';
  if (buildStatus === 'pending') {
    return QUEUED_BUILD_STATUS[inputs.buildTransition ?? ''] ?? 'pending';
  }
  if (buildStatus === 'running') {
    const ready = inputs.agentConnected !== false && inputs.agentLifecycle === 'ready' && inputs.appInitializing !== true;
    if (!ready) {
      return 'starting';
    }
    return inputs.currentState === 'working' ? 'busy' : 'idle';
  }
  if (isKeptBuildStatus(buildStatus)) {
    return buildStatus;
  }
  return 'pending';
}

/** The status a build Coder just started gives its agent, before any agent state is known (a delete build: `deleting`). */
export function statusUnderBuild(build: { status: string; transition: string }): AgentStatus {
  return deriveAgentStatus({ buildStatus: build.status, buildTransition: build.transition, agentConnected: undefined, agentLifecycle: undefined, currentState: undefined });
}
