// What one poll of wait_for_agents decides: agents gone, agents the listing shows done, AgentAPI not answering, and what it reports.
import type { CoderTask, Workspace } from '@fleet/coder-client';
import type { AgentsWaitProgress } from '../../src/services/agent-service.js';
import { FleetAgentService } from '../../src/services/fleet-agent-service.js';
import { appProxyAppUnreachable, type FakeAnswers, FakeClock, inTurn, recordedAgentApiStatus, recordedCoder, type RecordedGeneration, recordedNotFound, recordedTasks, recordedWorkspace, recordedWorkspaces } from '@fleet/coder-fakes';
import { backendOver } from '../support/backend-over.js';
import { fleetErrorOf } from '../support/fleet-error-of.js';
import { present } from '../support/present.js';

// On the recorded v2.30.0 fleet, refactor-billing, docs-exports and fix-login report `working`; the others do not.
const GENERATION = 'v2.30.0';

function setUp(overrides: FakeAnswers = {}, generation: RecordedGeneration = GENERATION) {
  const fake = recordedCoder(generation, overrides);
  const clock = new FakeClock();
  return { fake, clock, service: new FleetAgentService(backendOver(fake), { clock }) };
}

/** The recorded task list, each task changed by `change` (or left out where it answers undefined). */
function tasksWhere(change: (task: CoderTask) => CoderTask | undefined): { tasks: CoderTask[]; count: number } {
  const tasks = recordedTasks(GENERATION).flatMap((task) => {
    const changed = change(task);
    return changed ? [changed] : [];
  });
  return { tasks, count: tasks.length };
}

/** The recorded task `name` reporting `state`, with `message`, now. */
function reporting(name: string, state: 'idle' | 'working', message = `${state} now`) {
  return tasksWhere((task) => (task.name === name && task.current_state ? { ...task, current_state: { ...task.current_state, state, message } } : task));
}

/** The recorded workspace `name` with a newer app status saying `state`, as Coder shows it once the agent reported it. */
function workspaceReporting(name: string, state: 'idle' | 'working'): Workspace {
  const workspace = recordedWorkspace(GENERATION, name);
  const latest = present(workspace.latest_app_status, `the latest app status of ${name}`);
  return { ...workspace, latest_app_status: { ...latest, id: `${latest.id.slice(0, -4)}9999`, state, message: `${state} now`, created_at: '2025-06-02T09:30:00.000Z' } };
}

const running = () => Promise.resolve(recordedAgentApiStatus(GENERATION, 'running'));

describe('a poll of wait_for_agents', () => {
  it('counts an agent gone from the listing as deleted, and done, without asking for it', async () => {
    const { service, fake } = setUp({ getTasks: async () => tasksWhere((task) => (task.name === 'fix-login' ? undefined : task)) });

    const outcome = await service.waitFor({ names: ['fix-login', 'refactor-billing'], timeoutMs: 60_000 });

    expect(outcome).toMatchObject({ met: true, polls: 1, pollIntervalMs: 1_000 });
    expect(outcome.agents).toEqual([
      { name: 'fix-login', status: 'deleted', stillWorking: false, lastMessage: 'Done: Harden the rate limiter middleware' },
      { name: 'refactor-billing', status: 'busy', stillWorking: true, lastMessage: 'Running the test suite after the first change' },
    ]);
    expect(fake.count('getAgentApiStatus')).toBe(0);
  });

  it('counts an agent the listing shows done but whose lookup finds nothing any more as deleted', async () => {
    let lookups = 0;
    const { service } = setUp({
      getTasks: async () => reporting('refactor-billing', 'idle'),
      getWorkspaceByOwnerAndName: async () => {
        lookups += 1;
        if (lookups > 1) throw recordedNotFound(GENERATION);
        return recordedWorkspace(GENERATION, 'refactor-billing');
      },
    });

    const outcome = await service.waitFor({ names: ['refactor-billing'], timeoutMs: 60_000 });

    expect(outcome.met).toBe(true);
    expect(outcome.agents).toEqual([{ name: 'refactor-billing', status: 'deleted', stillWorking: false, lastMessage: 'idle now' }]);
  });

  it('leaves an agent the listing shows done as its workspace shows it when its AgentAPI does not answer, and asks again next poll', async () => {
    const app = present((await backendOver(recordedCoder(GENERATION)).findAgent('refactor-billing'))?.app);
    const unreachable = await appProxyAppUnreachable(app, 'status');
    const { service, fake } = setUp({
      getTasks: async () => reporting('refactor-billing', 'idle'),
      getAgentApiStatus: async () => Promise.reject(unreachable),
    });

    const outcome = await service.waitFor({ names: ['refactor-billing'], timeoutMs: 10_000 });

    // The recorded workspace still shows its `working` report: busy by Coder's view.
    expect(outcome.met).toBe(false);
    expect(outcome.agents[0]).toMatchObject({ status: 'busy', stillWorking: true });
    expect(fake.count('getAgentApiStatus')).toBe(outcome.polls);
  });

  it('fails with the caller\'s reason, not a finished wait, when the caller aborts while AgentAPI is asked', async () => {
    const controller = new AbortController();
    const { service } = setUp({
      getTasks: async () => reporting('refactor-billing', 'idle'),
      getWorkspaceByOwnerAndName: inTurn(recordedWorkspace(GENERATION, 'refactor-billing'), workspaceReporting('refactor-billing', 'idle')),
      getAgentApiStatus: async () => {
        controller.abort(new Error('caller gave up'));
        throw controller.signal.reason;
      },
    });

    await expect(service.waitFor({ names: ['refactor-billing'], timeoutMs: 60_000 }, { signal: controller.signal })).rejects.toThrow('caller gave up');
  });

  it('keeps the newest message of the listing over the one of the lookup that confirms the agent', async () => {
    const { service } = setUp({ getTasks: async () => reporting('refactor-billing', 'idle', 'All tests pass') });

    const outcome = await service.waitFor({ names: ['refactor-billing'], timeoutMs: 60_000 });

    expect(outcome.agents[0]).toMatchObject({ status: 'idle', lastMessage: 'All tests pass' });
  });

  it('is met at once, without a poll, when none of the named agents is working', async () => {
    const { service, fake, clock } = setUp();
    const progress: AgentsWaitProgress[] = [];

    const outcome = await service.waitFor({ names: ['speedup-onboarding', 'review-webhooks'], all: true }, { onProgress: (step) => progress.push(step) });

    expect(outcome).toEqual({
      met: true,
      polls: 0,
      pollIntervalMs: 0,
      agents: [
        { name: 'speedup-onboarding', status: 'idle', stillWorking: false, lastMessage: 'Done: Investigate the feature flag client' },
        { name: 'review-webhooks', status: 'stopped', stillWorking: false, lastMessage: 'Done: Document the onboarding wizard' },
      ],
    });
    expect(progress).toEqual([{ done: 2, total: 2, message: '2 of 2 agents stopped working' }]);
    expect([fake.count('getTasks'), clock.sleeps]).toEqual([0, []]);
  });

  it('is met at once when nothing is working and no names were given', async () => {
    const { service } = setUp({ getTasks: async () => tasksWhere((task) => (task.current_state?.state === 'working' ? undefined : task)) });

    const outcome = await service.waitFor({});

    expect(outcome).toEqual({ met: true, polls: 0, pollIntervalMs: 0, agents: [] });
  });

  it('reports after every poll how many stopped working and which still work, with their status', async () => {
    const { service } = setUp({ getTasks: async () => reporting('refactor-billing', 'idle'), getAgentApiStatus: running });
    const progress: AgentsWaitProgress[] = [];

    await service.waitFor({ names: ['refactor-billing'], timeoutMs: 3_000 }, { onProgress: (step) => progress.push(step) });
    const all = setUp({ getAgentApiStatus: running });
    await all.service.waitFor({ names: ['fix-login', 'speedup-onboarding'], all: true, timeoutMs: 1_000 }, { onProgress: (step) => progress.push(step) });

    expect(progress.map((step) => step.message)).toEqual([
      '0 of 1 agent stopped working; still working: refactor-billing (busy)',
      '0 of 1 agent stopped working; still working: refactor-billing (busy)',
      '0 of 1 agent stopped working; still working: refactor-billing (busy)',
      '0 of 1 agent stopped working; still working: refactor-billing (busy)',
      '1 of 2 agents stopped working; still working: fix-login (busy)',
      '1 of 2 agents stopped working; still working: fix-login (busy)',
    ]);
    expect(progress.at(-1)).toMatchObject({ done: 1, total: 2 });
  });

  it.each([0, 999, 600_001, Number.NaN, Number.POSITIVE_INFINITY])('refuses a timeout of %d ms with INVALID_INPUT saying the bounds', async (timeoutMs) => {
    const { service, fake } = setUp();

    const error = await fleetErrorOf(service.waitFor({ timeoutMs }));

    expect([error.code, error.message]).toEqual(['INVALID_INPUT', 'The wait must last 1 to 600 seconds; call again to wait longer.']);
    expect(fake.requestCounts()).toEqual({});
  });

  it.each([1_000, 600_000])('takes a timeout of %d ms, the bounds included', async (timeoutMs) => {
    const { service } = setUp({ getAgentApiStatus: running });

    await expect(service.waitFor({ names: ['fix-login'], timeoutMs })).resolves.toMatchObject({ met: false });
  });

  it('on 2.37 reads again only the working agents, by their ids, in one bounded request', async () => {
    const queries: string[] = [];
    const workspaces = recordedWorkspaces('v2.37.0');
    const { service } = setUp(
      {
        getWorkspaces: async (filter = {}) => {
          queries.push(`${filter.q ?? ''} limit=${filter.limit ?? '-'} offset=${filter.offset ?? '-'}`);
          const ids = /id:(\S+)/.exec(filter.q ?? '')?.[1]?.split(',') ?? [];
          const found: Workspace[] = workspaces.filter((workspace) => ids.includes(workspace.id));
          return { workspaces: found, count: found.length };
        },
        getAgentApiStatus: async () => recordedAgentApiStatus('v2.37.0', 'running'),
      },
      'v2.37.0',
    );
    const ids = ['fix-login', 'refactor-billing'].map((name) => present(workspaces.find((workspace) => workspace.name === name)).id);

    const outcome = await service.waitFor({ names: ['fix-login', 'refactor-billing', 'speedup-onboarding'], all: true, timeoutMs: 1_000 });

    expect(outcome.met).toBe(false);
    expect(queries).toEqual([`owner:me id:${ids.join(',')} limit=2 offset=0`]);
  });

  it('checks the agents the listing still shows busy with AgentAPI in turn, one a poll', async () => {
    const { service, fake } = setUp({ getAgentApiStatus: running });

    const outcome = await service.waitFor({ names: ['fix-login', 'refactor-billing'], timeoutMs: 3_000 });

    expect(outcome.polls).toBe(3);
    expect(fake.argsOf('getAgentApiStatus').map((args) => (args[0] as { workspace: string }).workspace)).toEqual(['fix-login', 'refactor-billing', 'fix-login']);
  });

  it('takes an agent the listing shows stopped as it is, without asking for it again', async () => {
    const { service, fake } = setUp({
      getTasks: async () => tasksWhere((task) => (task.name === 'refactor-billing' ? { ...task, status: 'paused', workspace_status: 'stopped' } : task)),
      getAgentApiStatus: running,
    });

    // fix-login is the one checked in turn this poll.
    const outcome = await service.waitFor({ names: ['fix-login', 'refactor-billing'], timeoutMs: 60_000 });

    expect(outcome.agents[1]).toEqual({ name: 'refactor-billing', status: 'stopped', stillWorking: false, lastMessage: 'Running the test suite after the first change' });
    expect(fake.argsOf('getWorkspaceByOwnerAndName').map((args) => args[1])).toEqual(['fix-login', 'refactor-billing', 'fix-login']);
    expect(fake.argsOf('getAgentApiStatus').map((args) => (args[0] as { workspace: string }).workspace)).toEqual(['fix-login']);
  });
});
