// What each operation costs in Coder requests, for a fleet of 10 agents and one of 1,000: the same, but for listing's pages.
import type { Fleet } from '@fleet/fleet-domain';
import { requestsOf, startSimulatedFleet, type SimulatedFleet } from './support/simulated-fleet.js';

type Counts = Record<string, number>;

const LOOKUP = 'GET /api/v2/users/{user}/workspace/{workspacename}';
const TEMPLATES = 'GET /api/v2/templates';
const AGENT_API_MESSAGE = 'POST /@{user}/{workspace}.{agent}/apps/{app}/message';
const AGENT_API_STATUS = 'GET /@{user}/{workspace}.{agent}/apps/{app}/status';
const BUILDS = 'POST /api/v2/workspaces/{workspace}/builds';
const BUILD = 'GET /api/v2/workspacebuilds/{workspacebuild}';
const WORKSPACE = 'GET /api/v2/workspaces/{workspace}';
const BUILD_PARAMETERS = 'GET /api/v2/workspacebuilds/{workspacebuild}/parameters';
/** Workspaces a page on the generations that page their list (fleet-domain's WORKSPACE_PAGE_SIZE). */
const PAGE_SIZE = 50;

/**
 * Requests that poll until a state is reached: how many depends on timing, not on the fleet, so they
 * are checked against their bound instead of an exact number (cancel asks AgentAPI once before the
 * interrupt, then every 200 ms for at most 3 s; restart polls its stop build with a backoff from
 * 250 ms; a create on 2.37+ polls the workspace, then AgentAPI, until it can send the first task).
 */
const POLLING: Record<string, { routes: string[]; min: number; max: number }> = {
  cancel: { routes: [AGENT_API_STATUS], min: 2, max: 17 },
  restart: { routes: [BUILD], min: 1, max: 40 },
  create: { routes: [WORKSPACE, AGENT_API_STATUS], min: 0, max: 40 },
};

/** What every generation does alike: find by name, ask AgentAPI, build, read history. */
const EVERY_GENERATION: Record<string, Counts> = {
  // An idle agent's conversation is read too: its screen tells idle from waiting.
  show: { [LOOKUP]: 1, [AGENT_API_STATUS]: 1, [BUILD_PARAMETERS]: 1 },
  // The stop build, its polls, the start build, and the workspace read again with it.
  restart: { [LOOKUP]: 1, [BUILDS]: 2, [WORKSPACE]: 1 },
  startTask: { [LOOKUP]: 1, [AGENT_API_STATUS]: 1, [AGENT_API_MESSAGE]: 1 },
  cancel: { [LOOKUP]: 1, [AGENT_API_MESSAGE]: 1 },
  history: { [LOOKUP]: 1 },
};

/** The workspace level's delete and log (2.27 and 2.37+; 2.29–2.36 use their tasks). */
const AGENT_API_MESSAGES = 'GET /@{user}/{workspace}.{agent}/apps/{app}/messages';
const WORKSPACE_LEVEL: Record<string, Counts> = {
  delete: { [LOOKUP]: 1, [BUILDS]: 1 },
  log: { [LOOKUP]: 1, [AGENT_API_MESSAGES]: 1 },
  show: { ...EVERY_GENERATION['show'], [AGENT_API_MESSAGES]: 1 },
};

/** The expected requests of each operation but listing, per Coder generation, once immutable data is cached. */
const EXPECTED: Record<string, Record<string, Counts> | undefined> = {
  'v2.30.0': {
    ...EVERY_GENERATION,
    create: { [LOOKUP]: 1, [TEMPLATES]: 2, 'POST /api/v2/tasks/{user}': 1 },
    delete: { [LOOKUP]: 1, 'DELETE /api/v2/tasks/{user}/{task}': 1 },
    log: { [LOOKUP]: 1, 'GET /api/v2/tasks/{user}/{task}/logs': 1 },
    show: { ...EVERY_GENERATION['show'], 'GET /api/v2/tasks/{user}/{task}/logs': 1 },
    // The template list, and the has-ai-task filter's list (2.24–2.36).
    projects: { [TEMPLATES]: 2 },
    roles: { [TEMPLATES]: 2 },
  },
  'v2.27.1': {
    ...EVERY_GENERATION,
    ...WORKSPACE_LEVEL,
    // The version's rich parameters say whether it takes the first task as `AI Prompt`: read once, then cached.
    create: { [LOOKUP]: 1, [TEMPLATES]: 2, 'GET /api/v2/templateversions/{templateversion}/rich-parameters': 1, 'POST /api/v2/organizations/{organization}/members/{user}/workspaces': 1 },
    projects: { [TEMPLATES]: 2 },
    roles: { [TEMPLATES]: 2 },
  },
  'v2.37.0': {
    ...EVERY_GENERATION,
    ...WORKSPACE_LEVEL,
    // No prompt channel: the workspace, then the first task through AgentAPI once it is stable.
    create: { [LOOKUP]: 1, [TEMPLATES]: 1, 'POST /api/v2/organizations/{organization}/members/{user}/workspaces': 1, [AGENT_API_MESSAGE]: 1 },
    // No has-ai-task filter any more: the template list alone.
    projects: { [TEMPLATES]: 1 },
    roles: { [TEMPLATES]: 1 },
  },
};

/** The simulated fleet's agent templates (all in use): agentapi-agent, claude-code, research-agent. */
const AGENT_TEMPLATES = 3;
/** Workspace statuses Coder counts (pending … deleting, but `deleted`). */
const CODER_STATUSES = 9;

/**
 * Listing the first page (20 agents): one light request on 2.29–2.36; the whole light list in pages
 * of at most 50 on 2.27; on 2.37+ the templates, one count per agent template and per template and
 * status, and the page from the templates' workspaces laid end to end (all three for 10 agents, the
 * first alone for 1,000): the same for any fleet but the page.
 */
const LIST: Record<string, (agents: number) => Counts> = {
  'v2.30.0': () => ({ 'GET /api/v2/tasks': 1 }),
  'v2.27.1': (agents) => ({ 'GET /api/experimental/tasks': Math.ceil(agents / PAGE_SIZE) }),
  'v2.37.0': (agents) => ({ [TEMPLATES]: 1, 'GET /api/v2/workspaces': AGENT_TEMPLATES * (1 + CODER_STATUSES) + (agents === 10 ? 3 : 1) }),
};

/** Runs every operation once and returns the requests each made. */
async function measure(world: SimulatedFleet): Promise<Record<string, Counts>> {
  const { fleet, simulator } = world;
  const { idle, busy } = await warmUp(fleet);
  const [worker = '', restarted = '', deleted = ''] = idle;
  const counts: Record<string, Counts> = {};
  const count = async (operation: string, run: () => Promise<unknown>) => {
    counts[operation] = await requestsOf(simulator, run);
  };
  await count('list', () => fleet.agents.list());
  await count('show', () => fleet.agents.show(worker));
  await count('history', () => fleet.tasks.history(worker, { page: 2, pageSize: 5 }));
  await count('log', () => fleet.tasks.log(worker, { pageSize: 3 }));
  await count('cancel', () => fleet.tasks.cancel(busy));
  await count('startTask', () => fleet.tasks.start(worker, 'Count the requests you cost.'));
  await count('projects', () => fleet.projects.list());
  await count('roles', () => fleet.projects.roles('Claude Code'));
  await count('create', () => fleet.agents.create({ name: 'counted-agent', project: 'claude-code', task: 'Hello.' }));
  await count('restart', () => fleet.agents.restart(restarted));
  await count('delete', () => fleet.agents.delete(deleted));
  return counts;
}

function splitPolls(operation: string, counts: Counts): { exact: Counts; polls: number | undefined } {
  const polling = POLLING[operation];
  if (!polling) {
    return { exact: counts, polls: undefined };
  }
  const exact = Object.fromEntries(Object.entries(counts).filter(([route]) => !polling.routes.includes(route)));
  const polls = polling.routes.reduce((total, route) => total + (counts[route] ?? 0), 0);
  return { exact, polls };
}

/**
 * Reads once what is cached for good (Coder's version, the wildcard app host, template versions'
 * presets, parameters and resources), and picks the agents to measure by what AgentAPI says of them:
 * a list's busy/idle is only the hint of their reported statuses.
 */
async function warmUp(fleet: Fleet): Promise<{ idle: string[]; busy: string }> {
  await fleet.projects.list();
  await fleet.projects.roles('claude-code');
  await fleet.projects.roles('research-agent');
  const listed = (await fleet.agents.list({ pageSize: 100 })).page.items;
  const candidates = ['idle', 'busy'].flatMap((status) => listed.filter((agent) => agent.status === status).slice(0, 12));
  const shown = await Promise.all(candidates.map((agent) => fleet.agents.show(agent.name)));
  return {
    idle: shown.filter((agent) => agent.status === 'idle').map((agent) => agent.name),
    busy: shown.find((agent) => agent.status === 'busy')?.name ?? '',
  };
}

describe.each(['v2.30.0', 'v2.27.1', 'v2.37.0'])('requests per operation on Coder %s', (coderVersion) => {
  let small: Record<string, Counts>;
  let large: Record<string, Counts>;

  beforeAll(async () => {
    for (const size of [10, 1000]) {
      const world = await startSimulatedFleet({ coderVersion, agents: size, speed: 0.01 });
      try {
        const counts = await measure(world);
        if (size === 10) {
          small = counts;
        } else {
          large = counts;
        }
      } finally {
        await world.close();
      }
    }
  }, 90_000);

  it('lists the first page in requests that grow at most by pages of 50, for 10 agents and for 1,000', () => {
    expect(small['list']).toEqual(LIST[coderVersion]?.(10));
    expect(large['list']).toEqual(LIST[coderVersion]?.(1000));
  });

  it.each(Object.keys(EXPECTED[coderVersion] ?? {}))('%s costs the written number of requests, for 10 agents and for 1,000', (operation) => {
    const expected = EXPECTED[coderVersion]?.[operation];
    for (const counts of [small, large]) {
      const { exact, polls } = splitPolls(operation, counts[operation] ?? {});
      expect(exact).toEqual(expected);
      if (polls !== undefined) {
        expect(polls).toBeGreaterThanOrEqual(POLLING[operation]?.min ?? 0);
        expect(polls).toBeLessThanOrEqual(POLLING[operation]?.max ?? 0);
      }
    }
  });
});
