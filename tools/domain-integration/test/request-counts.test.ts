// What each operation costs in Coder requests, for a fleet of 10 agents and one of 1,000: the same.
import type { Fleet } from '@fleet/fleet-domain';
import { requestsOf, startSimulatedFleet, type SimulatedFleet } from './support/simulated-fleet.js';

type Counts = Record<string, number>;

const LOOKUP = 'GET /api/v2/users/{user}/workspace/{workspacename}';
const TEMPLATES = 'GET /api/v2/templates';
const AGENT_API_MESSAGE = 'POST /@{user}/{workspace}.{agent}/apps/{app}/message';
const BUILDS = 'POST /api/v2/workspaces/{workspace}/builds';
const BUILD = 'GET /api/v2/workspacebuilds/{workspacebuild}';
const AGENT_API_STATUS = 'GET /@{user}/{workspace}.{agent}/apps/{app}/status';

/**
 * Requests that poll until a state is reached: how many depends on timing, not on the fleet, so they
 * are checked against their bound instead of an exact number (cancel polls every 200 ms for at most
 * 3 s; restart polls its stop build with a backoff from 250 ms).
 */
const POLLING: Record<string, { route: string; max: number }> = {
  cancel: { route: AGENT_API_STATUS, max: 16 },
  restart: { route: BUILD, max: 40 },
};

/** The expected requests of each operation, per Coder generation, once immutable data is cached. */
const EXPECTED: Record<string, Record<string, Counts> | undefined> = {
  'v2.30.0': {
    list: { 'GET /api/v2/tasks': 1 },
    show: { [LOOKUP]: 1, 'GET /api/v2/workspacebuilds/{workspacebuild}/parameters': 1 },
    create: { [LOOKUP]: 1, [TEMPLATES]: 1, 'POST /api/v2/tasks/{user}': 1, 'GET /api/v2/workspaces/{workspace}': 1 },
    delete: { [LOOKUP]: 1, 'DELETE /api/v2/tasks/{user}/{task}': 1 },
    restart: { [LOOKUP]: 1, [BUILDS]: 2 },
    startTask: { [LOOKUP]: 1, [AGENT_API_MESSAGE]: 1 },
    cancel: { [LOOKUP]: 1, [AGENT_API_MESSAGE]: 1 },
    history: { [LOOKUP]: 1 },
    log: { [LOOKUP]: 1, 'GET /api/v2/tasks/{user}/{task}/logs': 1 },
    projects: { [TEMPLATES]: 1 },
    roles: { [TEMPLATES]: 1 },
  },
  'v2.37.0': {
    list: { 'GET /api/v2/workspaces': 1 },
    show: { [LOOKUP]: 1, 'GET /api/v2/workspacebuilds/{workspacebuild}/parameters': 1 },
    create: { [LOOKUP]: 1, [TEMPLATES]: 1, 'POST /api/v2/organizations/{organization}/members/{user}/workspaces': 1 },
    delete: { [LOOKUP]: 1, [BUILDS]: 1 },
    restart: { [LOOKUP]: 1, [BUILDS]: 2 },
    startTask: { [LOOKUP]: 1, [AGENT_API_MESSAGE]: 1 },
    cancel: { [LOOKUP]: 1, [AGENT_API_MESSAGE]: 1 },
    history: { [LOOKUP]: 1 },
    log: { [LOOKUP]: 1, 'GET /@{user}/{workspace}.{agent}/apps/{app}/messages': 1 },
    projects: { [TEMPLATES]: 1 },
    roles: { [TEMPLATES]: 1 },
  },
};
// 2.27 lists workspaces and reads logs from AgentAPI as 2.37 does: its workspaces do not name their task.
EXPECTED['v2.27.1'] = EXPECTED['v2.37.0'];

/** Runs every operation once and returns the requests each made. */
async function measure(world: SimulatedFleet): Promise<Record<string, Counts>> {
  const { fleet, simulator } = world;
  const agents = await warmUp(fleet);
  const idle = agents.filter((agent) => agent.status === 'idle').map((agent) => agent.name);
  const [worker = '', restarted = '', deleted = ''] = idle;
  const busy = agents.find((agent) => agent.status === 'busy')?.name ?? '';
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
  const { [polling.route]: polls = 0, ...exact } = counts;
  return { exact, polls };
}

/** Reads once what is cached for good (Coder's version, template versions' presets and parameters). */
async function warmUp(fleet: Fleet) {
  await fleet.projects.list();
  await fleet.projects.roles('claude-code');
  await fleet.projects.roles('research-agent');
  const agents = await fleet.agents.list();
  return agents;
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
  }, 25_000);

  it.each(Object.keys(EXPECTED[coderVersion] ?? {}))('%s costs the written number of requests, for 10 agents and for 1,000', (operation) => {
    const expected = EXPECTED[coderVersion]?.[operation];
    for (const counts of [small, large]) {
      const { exact, polls } = splitPolls(operation, counts[operation] ?? {});
      expect(exact).toEqual(expected);
      if (polls !== undefined) {
        expect(polls).toBeGreaterThanOrEqual(1);
        expect(polls).toBeLessThanOrEqual(POLLING[operation]?.max ?? 0);
      }
    }
  });
});
