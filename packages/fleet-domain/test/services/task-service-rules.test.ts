// More of the work rules over recorded Coder data: what a prompt reads first, how long a cancel waits, history without an app.
import { FleetTaskService } from '../../src/services/fleet-task-service.js';
import { type FakeAnswers, FakeClock, recordedAgentApiStatus, recordedCoder, type RecordedGeneration, recordedWorkspace, withoutAgentApiApp } from '@fleet/coder-fakes';
import { backendOver } from '../support/backend-over.js';

function setUp(generation: RecordedGeneration, overrides: FakeAnswers = {}, options: { cancelSettleTimeoutMs?: number } = {}) {
  const fake = recordedCoder(generation, overrides);
  const clock = new FakeClock();
  return { fake, clock, service: new FleetTaskService(backendOver(fake), { ...options, clock }) };
}

const running = (generation: RecordedGeneration) => async () => recordedAgentApiStatus(generation, 'running');

describe('a prompt', () => {
  it.each(['v2.30.0', 'v2.37.0'] as const)('on %s asks AgentAPI whether the agent works, not what its screen shows', async (generation) => {
    const { service, fake } = setUp(generation);

    await service.start('fix-login', 'Work');

    expect(fake.count('getAgentApiStatus')).toBe(1);
    expect(fake.count('getAgentApiMessages') + fake.count('getTaskLogs')).toBe(0);
  });

  it('answers the agent as the listing shows it, now busy', async () => {
    const agent = await setUp('v2.37.0').service.start('speedup-onboarding', 'Work');

    expect(agent).toEqual({
      id: recordedWorkspace('v2.37.0', 'speedup-onboarding').id,
      name: 'speedup-onboarding',
      status: 'busy',
      project: 'AgentAPI Agent',
      role: null,
      lastTask: { state: 'idle', message: 'Done: Investigate the feature flag client', at: '2025-06-02T05:38:00.000Z' },
      createdAt: '2025-06-01T21:08:00.000Z',
      updatedAt: '2025-06-01T21:08:38.000Z',
    });
  });
});

describe('a cancel', () => {
  it('polls AgentAPI every 200 ms up to the settle bound, then answers the agent still busy', async () => {
    const { service, fake, clock } = setUp('v2.37.0', { getAgentApiStatus: running('v2.37.0') });

    const agent = await service.cancel('fix-login');

    expect(agent.status).toBe('busy');
    expect(clock.time).toBe(3_000);
    expect(clock.sleeps).toEqual(Array.from({ length: 15 }, () => 200));
    // One read before the interrupt, then one at 0, 200, …, 3000 ms.
    expect(fake.count('getAgentApiStatus')).toBe(17);
  });

  it('takes the settle bound it was given', async () => {
    const { service, clock } = setUp('v2.37.0', { getAgentApiStatus: running('v2.37.0') }, { cancelSettleTimeoutMs: 1_000 });

    await service.cancel('fix-login');

    expect(clock.time).toBe(1_000);
  });

  it('answers the agent as the listing shows it, now idle', async () => {
    const { service } = setUp('v2.37.0', {
      getAgentApiStatus: (() => {
        let reads = 0;
        return async () => recordedAgentApiStatus('v2.37.0', (reads += 1) === 1 ? 'running' : 'stable');
      })(),
    });

    const agent = await service.cancel('refactor-billing');

    expect(agent).toMatchObject({ name: 'refactor-billing', status: 'idle', project: 'Claude Code', lastTask: { message: 'Running the test suite after the first change' } });
  });
});

describe('the history', () => {
  it.each([
    ['busy', 'fix-login'],
    ['idle', 'speedup-onboarding'],
  ])('of a %s agent whose AgentAPI app Coder does not show is empty, not an error', async (_status, name) => {
    const { service } = setUp('v2.37.0', { getWorkspaceByOwnerAndName: async () => withoutAgentApiApp(recordedWorkspace('v2.37.0', name)) });

    const page = await service.history(name);

    expect(page).toMatchObject({ agentName: name, items: [], total: 0 });
  });

  it('pages the statuses the agent reported, 5 a page when asked', async () => {
    const page = await setUp('v2.37.0').service.history('fix-login', { page: 2, pageSize: 5 });

    expect(page).toMatchObject({ agentName: 'fix-login', page: 2, pageSize: 5, hasPrevious: true, hasNext: true });
    expect(page.items).toHaveLength(5);
  });
});
