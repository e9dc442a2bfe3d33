// Waiting for agents on the real backends over recorded Coder data: what ends a wait, what a poll costs, and `waiting`.
import { readFileSync } from 'node:fs';
import type { CoderTask, TaskLogEntry } from '@fleet/coder-client';
import {
  type FakeAnswers,
  FakeClock,
  inTurn,
  recordedAgentApiStatus,
  recordedCoder,
  recordedTaskLogs,
  recordedTasks,
} from '@fleet/coder-fakes';
import { FleetAgentService } from '../../src/services/fleet-agent-service.js';
import { backendOver } from '../support/backend-over.js';
import { fleetErrorOf } from '../support/fleet-error-of.js';

// On the recorded v2.30.0 fleet, refactor-billing, docs-exports and fix-login report `working`; the others do not.
const GENERATION = 'v2.30.0';

function setUp(overrides: FakeAnswers = {}) {
  const fake = recordedCoder(GENERATION, overrides);
  const clock = new FakeClock();
  return { fake, clock, service: new FleetAgentService(backendOver(fake), { clock }) };
}

/** The recorded task list with `name` reporting `state` now. */
function tasksWith(name: string, state: 'idle' | 'working'): { tasks: CoderTask[]; count: number } {
  const tasks = recordedTasks(GENERATION).map((task) =>
    task.name === name && task.current_state ? { ...task, current_state: { ...task.current_state, state, message: `${state} now` } } : task,
  );
  return { tasks, count: tasks.length };
}

const running = () => Promise.resolve(recordedAgentApiStatus(GENERATION, 'running'));
const original = () => ({ tasks: recordedTasks(GENERATION), count: recordedTasks(GENERATION).length });

describe('FleetAgentService.waitFor', () => {
  it('returns once the listing and AgentAPI agree the agent finished, after one listing a poll', async () => {
    const { service, fake, clock } = setUp({
      getTasks: inTurn(original(), tasksWith('refactor-billing', 'idle')),
      getAgentApiStatus: inTurn(recordedAgentApiStatus(GENERATION, 'running'), recordedAgentApiStatus(GENERATION, 'stable')),
    });

    const outcome = await service.waitFor({ names: ['Refactor-Billing'], timeoutMs: 60_000 });

    expect(outcome.met).toBe(true);
    expect(outcome.agents).toEqual([{ name: 'refactor-billing', status: 'idle', stillWorking: false, lastMessage: 'idle now' }]);
    expect(outcome.polls).toBe(2);
    // Named agents are looked up one by one, then each poll reads the light list once.
    expect(fake.count('getTasks')).toBe(2);
    expect(clock.sleeps).toEqual([1_000, 1_500]);
  });

  it('is not held by a stale `working` report: a busy agent is checked with AgentAPI in turn', async () => {
    const { service, fake } = setUp();

    const outcome = await service.waitFor({ names: ['docs-exports'], timeoutMs: 60_000 });

    expect(outcome).toMatchObject({ met: true, polls: 1 });
    expect(outcome.agents[0]).toMatchObject({ name: 'docs-exports', status: 'idle', stillWorking: false });
    expect(fake.count('getTasks')).toBe(1);
  });

  it('waits for every agent with all, and gives up at the timeout with what it saw', async () => {
    const { service, fake, clock } = setUp({ getAgentApiStatus: running });

    const outcome = await service.waitFor({ names: ['refactor-billing', 'fix-login', 'speedup-onboarding'], all: true, timeoutMs: 20_000 });

    expect(outcome.met).toBe(false);
    expect(outcome.agents.map((agent) => [agent.name, agent.status])).toEqual([
      ['refactor-billing', 'busy'],
      ['fix-login', 'busy'],
      ['speedup-onboarding', 'idle'],
    ]);
    expect(clock.time).toBe(20_000);
    expect(clock.sleeps.every((sleep) => sleep <= 5_000)).toBe(true);
    // One listing a poll, whatever the number of agents; AgentAPI only for one busy agent a poll.
    expect(fake.count('getTasks')).toBe(outcome.polls);
    expect(fake.count('getAgentApiStatus')).toBe(outcome.polls);
  });

  it('without names waits for every agent working now', async () => {
    const { service } = setUp({ getAgentApiStatus: running });

    const outcome = await service.waitFor({ timeoutMs: 3_000 });

    expect(outcome.agents.map((agent) => agent.name).sort()).toEqual(['docs-exports', 'fix-login', 'refactor-billing']);
  });

  it('reports an agent whose screen asks its user a question as waiting', async () => {
    const dialog = readFileSync(new URL('../fixtures/claude-code-screens/written-bash-permission-dialog.txt', import.meta.url), 'utf8');
    // Coder 2.29–2.36 serve the conversation through the task's logs.
    const logs: TaskLogEntry[] = [...recordedTaskLogs(GENERATION), { id: 99, type: 'output', content: dialog, time: '2025-06-02T09:00:00Z' }];
    const { service } = setUp({ getTaskLogs: async () => ({ logs }) });

    const outcome = await service.waitFor({ names: ['refactor-billing'], timeoutMs: 60_000 });

    expect(outcome.agents[0]).toMatchObject({ status: 'waiting', stillWorking: false });
  });

  it('names every agent that does not exist, before any wait', async () => {
    const { service, clock } = setUp();

    const error = await fleetErrorOf(service.waitFor({ names: ['refactor-billing', 'ghost-one', 'ghost-two'] }));

    expect(error.code).toBe('NOT_FOUND');
    expect(error.message).toContain('"ghost-one", "ghost-two"');
    expect(clock.sleeps).toEqual([]);
  });

  it('refuses a timeout beyond ten minutes', async () => {
    expect((await fleetErrorOf(setUp().service.waitFor({ timeoutMs: 601_000 }))).code).toBe('INVALID_INPUT');
  });

  it('stops polling at once when the caller aborts', async () => {
    const controller = new AbortController();
    const { service, fake } = setUp({
      getAgentApiStatus: async () => {
        controller.abort(new Error('caller gave up'));
        return recordedAgentApiStatus(GENERATION, 'running');
      },
    });

    await expect(service.waitFor({ names: ['refactor-billing'], timeoutMs: 60_000 }, { signal: controller.signal })).rejects.toThrow('caller gave up');
    expect(fake.count('getTasks')).toBe(1);
  });
});
