// A page of the fleet on 2.37+ from Coder's paging and counts: the counts it reports, and which workspaces a page reads.
import type { Workspace } from '@fleet/coder-client';
import { FleetAgentService } from '../../src/services/fleet-agent-service.js';
import { FakeClock, recordedCoder, recordedWorkspaces } from '@fleet/coder-fakes';
import { backendOver } from '../support/backend-over.js';

const GENERATION = 'v2.37.0';
const CLAUDE = 'owner:me template:"claude-code"';
const RESEARCH = 'owner:me template:"research-agent"';
const AGENTAPI = 'owner:me template:"agentapi-agent"';

/**
 * Coder's answers in this scenario: claude-code has 5 agents (3 running, 1 stopped, 1 failed), research-agent 2
 * (1 running, 1 deleting), agentapi-agent none. A `limit=1 offset=0` query is a count; a page answers recorded workspaces.
 */
const COUNTS: Record<string, number> = {
  [CLAUDE]: 5,
  [`${CLAUDE} status:running`]: 3,
  [`${CLAUDE} status:stopped`]: 1,
  [`${CLAUDE} status:failed`]: 1,
  [RESEARCH]: 2,
  [`${RESEARCH} status:running`]: 1,
  [`${RESEARCH} status:deleting`]: 1,
};

function setUp() {
  const queries: string[] = [];
  const workspaces = recordedWorkspaces(GENERATION);
  const fake = recordedCoder(GENERATION, {
    getWorkspaces: async (filter = {}) => {
      const query = filter.q ?? '';
      queries.push(`${query} limit=${filter.limit ?? '-'} offset=${filter.offset ?? '-'}`);
      if (filter.limit === 1 && filter.offset === 0) return { workspaces: [], count: COUNTS[query] ?? 0 };
      const template = /template:"([^"]+)"/.exec(query)?.[1];
      const page: Workspace[] = workspaces.filter((workspace) => workspace.template_name === template).slice(0, filter.limit);
      return { workspaces: page, count: COUNTS[query.replace(/ status:\w+/, '')] ?? 0 };
    },
  });
  return { queries, fake, service: new FleetAgentService(backendOver(fake), { clock: new FakeClock() }) };
}

const pageReads = (queries: readonly string[]) => queries.filter((query) => !query.endsWith('limit=1 offset=0'));

describe('a counted page of the fleet', () => {
  it('counts every agent template, and the statuses only of the templates in use', async () => {
    const { service, queries } = setUp();

    await service.list({ pageSize: 1 });

    const statusCounts = (base: string) => queries.filter((query) => query.startsWith(`${base} status:`)).length;
    expect([AGENTAPI, CLAUDE, RESEARCH].map((base) => queries.includes(`${base} limit=1 offset=0`))).toEqual([true, true, true]);
    expect([statusCounts(AGENTAPI), statusCounts(CLAUDE), statusCounts(RESEARCH)]).toEqual([0, 9, 9]);
    expect(queries.filter((query) => query.startsWith(`${CLAUDE} status:`)).map((query) => /status:(\w+)/.exec(query)?.[1])).toEqual([
      'pending',
      'starting',
      'running',
      'stopping',
      'stopped',
      'failed',
      'canceling',
      'canceled',
      'deleting',
    ]);
  });

  it('adds up the counts of the templates, exact for the statuses Coder counts and unknown for idle, busy and waiting', async () => {
    const { service } = setUp();

    const { counts, page } = await service.list({ pageSize: 1 });

    expect(counts).toEqual({
      total: 7,
      online: 4,
      byStatus: {
        pending: 0,
        starting: 0,
        idle: null,
        busy: null,
        waiting: null,
        stopping: 0,
        stopped: 1,
        failed: 1,
        canceling: 0,
        canceled: 0,
        deleting: 1,
      },
    });
    expect(page).toMatchObject({ total: 7, page: 1, pageSize: 1, hasNext: true, hasPrevious: false });
  });

  it('reads a page that spans two templates from each, laid end to end in the order of their names', async () => {
    const { service, queries } = setUp();

    const list = await service.list({ page: 2, pageSize: 4 });

    expect(pageReads(queries)).toEqual([`${CLAUDE} limit=1 offset=4`, `${RESEARCH} limit=2 offset=0`]);
    expect(list.page).toMatchObject({ total: 7, page: 2, pageSize: 4, hasNext: false, hasPrevious: true });
    expect(list.page.items.map((agent) => agent.project)).toEqual(['Claude Code', 'Research Agent']);
  });

  it('reads the last page from the last template only, and nothing for a page past the end', async () => {
    const last = setUp();
    const past = setUp();

    await last.service.list({ page: 4, pageSize: 2 });
    const beyond = await past.service.list({ page: 5, pageSize: 2 });

    expect(pageReads(last.queries)).toEqual([`${RESEARCH} limit=1 offset=1`]);
    expect(pageReads(past.queries)).toEqual([]);
    expect(beyond.page).toMatchObject({ items: [], total: 7, hasNext: false });
  });

  it('pages a status Coder counts by that status, across the templates that have such agents', async () => {
    const { service, queries } = setUp();

    const list = await service.list({ status: 'failed' });

    // One agent to read: the page itself is a `limit=1` query too, after the counts.
    const failedOfClaude = `${CLAUDE} status:failed limit=1 offset=0`;
    expect(queries.filter((query) => query === failedOfClaude)).toHaveLength(2);
    expect(queries.at(-1)).toBe(failedOfClaude);
    expect(list.page.total).toBe(1);
    expect(list.counts.total).toBe(7);
  });

  it('counts and reads only the project asked for, without reading the templates', async () => {
    const { service, queries, fake } = setUp();

    const list = await service.list({ project: 'Research Agent', pageSize: 5 });

    expect(queries.every((query) => query.startsWith(RESEARCH))).toBe(true);
    expect(pageReads(queries)).toEqual([`${RESEARCH} limit=2 offset=0`]);
    expect(list.counts).toMatchObject({ total: 2, online: 1 });
    expect(fake.count('getTemplateVersionResources')).toBe(4);
  });
});
