// A page of the fleet on Coder 2.37+, from Coder's own paging and counts: never the whole fleet for one page.
import { workspaceStatuses, type Workspace } from '@fleet/coder-client';
import type { AgentCounts, AgentStatus, Project } from '@fleet/fleet-models';
import { LISTED_AGENT_STATUSES } from '@fleet/fleet-models';
import type { AgentPageAnswer, AgentPageRequest, BackendCallOptions, ListedAgent } from './fleet-backend.js';
import { CURRENT_USER, type FleetCoderClient } from './fleet-coder-client.js';

type CoderStatus = Exclude<(typeof workspaceStatuses)[number], 'deleted'>;

/**
 * Workspace statuses Coder filters on (coder/coder coderd/searchquery/search.go, `status`: database.WorkspaceStatus),
 * but `deleted`: a deleted workspace is not listed. `running` holds the agents that are idle, busy or waiting, and
 * those whose agent is still getting ready.
 */
const CODER_STATUSES = workspaceStatuses.filter((status): status is CoderStatus => status !== 'deleted');

/**
 * Fleet statuses that are exactly one Coder status. The others are not: a queued stop or delete is
 * Coder's `pending` but the fleet's `stopping` or `deleting`, and a running workspace is starting,
 * idle, busy or waiting by its agent. A listing filtered by those reads the agents themselves.
 */
const EXACT_STATUSES: ReadonlySet<AgentStatus> = new Set(['stopped', 'failed', 'canceling', 'canceled']);

export interface CountedPagesOptions {
  client: FleetCoderClient;
  /** The projects whose workspaces are agents (or the one the caller filtered on). */
  projects: readonly Project[];
  /** Turns Coder's workspaces into the fleet's agents (leaving out any that runs no AgentAPI). */
  toAgents(workspaces: readonly Workspace[], options: BackendCallOptions): Promise<ListedAgent[]>;
}

/** Whether a listing with this status filter can be paged by Coder. */
export function isCountableFilter(status: AgentStatus | undefined): boolean {
  return status === undefined || EXACT_STATUSES.has(status);
}

/**
 * The page, in `T + 9·T' + (1 or 2)` small requests for T agent templates, T' of them in use:
 * one count per template, one count per template and status (each a `limit=1` query: Coder's
 * `count` ignores paging), and the page itself from the templates' workspaces laid end to end.
 */
export async function readCountedPage(request: AgentPageRequest, options: CountedPagesOptions, call: BackendCallOptions): Promise<AgentPageAnswer> {
  const { client } = options;
  const countOf = async (query: string) => (await client.getWorkspaces({ q: query, limit: 1, offset: 0 }, { signal: call.signal })).count;
  const projects = [...options.projects].sort((a, b) => a.name.localeCompare(b.name));
  const perProject = await Promise.all(
    projects.map(async (project) => {
      const base = `owner:${CURRENT_USER} template:"${project.name}"`;
      const total = await countOf(base);
      const byCoderStatus = new Map<CoderStatus, number>(
        total === 0 ? [] : await Promise.all(CODER_STATUSES.map(async (status) => [status, await countOf(`${base} status:${status}`)] as const)),
      );
      return { base, total, byCoderStatus };
    }),
  );
  const counts = countsFrom(perProject.map((entry) => entry.byCoderStatus));
  const segments = perProject.map((entry) =>
    request.status === undefined
      ? { query: entry.base, size: entry.total }
      : { query: `${entry.base} status:${request.status}`, size: entry.byCoderStatus.get(request.status as CoderStatus) ?? 0 },
  );
  const total = segments.reduce((sum, segment) => sum + segment.size, 0);
  const workspaces = await readRange(client, segments, (request.page - 1) * request.pageSize, request.pageSize, call);
  return { agents: await options.toAgents(workspaces, call), total, counts };
}

/** The workspaces at [start, start + length) of the segments laid end to end: one request per segment it touches. */
async function readRange(
  client: FleetCoderClient,
  segments: readonly { query: string; size: number }[],
  start: number,
  length: number,
  call: BackendCallOptions,
): Promise<Workspace[]> {
  const reads: Promise<Workspace[]>[] = [];
  let segmentStart = 0;
  for (const segment of segments) {
    const from = Math.max(start, segmentStart);
    const to = Math.min(start + length, segmentStart + segment.size);
    if (from < to) {
      const offset = from - segmentStart;
      reads.push(client.getWorkspaces({ q: segment.query, limit: to - from, offset }, { signal: call.signal }).then((answer) => answer.workspaces));
    }
    segmentStart += segment.size;
  }
  return (await Promise.all(reads)).flat();
}

/** The fleet's counts from Coder's: exact for the statuses that are one Coder status, `null` for idle, busy and waiting. */
function countsFrom(perProject: readonly ReadonlyMap<CoderStatus, number>[]): AgentCounts {
  const coder = (status: CoderStatus) => perProject.reduce((sum, counts) => sum + (counts.get(status) ?? 0), 0);
  const byStatus = Object.fromEntries(LISTED_AGENT_STATUSES.map((status) => [status, 0])) as AgentCounts['byStatus'];
  for (const status of CODER_STATUSES) {
    if (status !== 'running') byStatus[status] = coder(status);
  }
  byStatus.idle = null;
  byStatus.busy = null;
  byStatus.waiting = null;
  const online = coder('running');
  const total = CODER_STATUSES.reduce((sum, status) => sum + coder(status), 0);
  return { total, byStatus, online };
}
