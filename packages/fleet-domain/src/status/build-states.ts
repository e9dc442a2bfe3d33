// Where a workspace build stands, read from Coder's build and job statuses: the one owner of each set of them.
import type { provisionerJobStatuses, workspaceStatuses } from '@fleet/coder-client';

type KnownWorkspaceStatus = (typeof workspaceStatuses)[number];
type KnownJobStatus = (typeof provisionerJobStatuses)[number];

/** A transition still under way, queued or running: Coder refuses another build meanwhile (409). */
const IN_PROGRESS: ReadonlySet<KnownWorkspaceStatus> = new Set(['pending', 'starting', 'stopping', 'canceling', 'deleting']);

/** Statuses from which the workspace will not come up without another build: it is going, or gone, away. */
const GOING_AWAY: ReadonlySet<KnownWorkspaceStatus> = new Set(['stopping', 'stopped', 'deleting', 'deleted']);

/** Job statuses after which a build changes nothing more. */
const FINISHED_JOBS: ReadonlySet<KnownJobStatus> = new Set(['succeeded', 'failed', 'canceled']);

export function isBuildInProgress(workspaceStatus: string): boolean {
  return IN_PROGRESS.has(workspaceStatus as KnownWorkspaceStatus);
}

export function isGoingAway(workspaceStatus: string): boolean {
  return GOING_AWAY.has(workspaceStatus as KnownWorkspaceStatus);
}

export function isJobFinished(jobStatus: string): boolean {
  return FINISHED_JOBS.has(jobStatus as KnownJobStatus);
}
