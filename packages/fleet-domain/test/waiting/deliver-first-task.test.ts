// The first task where Coder has no prompt channel (2.37+): Fleet sends it once AgentAPI is stable, and only then.
import type { AgentApiAppLocation } from '@fleet/coder-client';
import type { AgentProgress } from '@fleet/fleet-models';
import { FleetAgentService } from '../../src/services/fleet-agent-service.js';
import { agentApiBusyRefusal, appProxyAppUnreachable, type FakeAnswers, FakeClock, inTurn, recordedAgentApiStatus, recordedCoder, recordedCreatedWorkspace, recordedCreatedWorkspaceAsPolled, withoutAgentApiApp } from '@fleet/coder-fakes';
import { backendOver } from '../support/backend-over.js';
import { fleetErrorOf } from '../support/fleet-error-of.js';
import { present } from '../support/present.js';

const GENERATION = 'v2.37.0';
const request = { name: 'fleet-rec-workspace', project: 'claude-code', task: 'Say hello, then wait.' };

function setUp(overrides: FakeAnswers, options: { waitTimeoutMs?: number } = {}) {
  const fake = recordedCoder(GENERATION, {
    createWorkspace: async () => recordedCreatedWorkspace(GENERATION),
    getWorkspace: inTurn(...recordedCreatedWorkspaceAsPolled(GENERATION)),
    ...overrides,
  });
  const clock = new FakeClock();
  return { fake, clock, service: new FleetAgentService(backendOver(fake), { clock, ...options }) };
}

/** Where the created agent's AgentAPI answers once it is online, as the backend locates it. */
async function appOfCreated(): Promise<AgentApiAppLocation> {
  const online = present(recordedCreatedWorkspaceAsPolled(GENERATION).at(-1));
  const backend = backendOver(recordedCoder(GENERATION, { getWorkspaceByOwnerAndName: async () => online }));
  return present((await backend.findAgent(online.name))?.app, 'the AgentAPI app of the created agent');
}

/** Answers each call with the next of `answers` (a function may throw), the last one repeating. */
function inTurnOrFail<Value>(...answers: (() => Promise<Value>)[]): () => Promise<Value> {
  let next = 0;
  return () => present(answers[Math.min(next++, answers.length - 1)])();
}

describe('delivering the first task', () => {
  it('waits out an AgentAPI that does not answer yet while it starts, then sends the task once', async () => {
    const unreachable = await appProxyAppUnreachable(await appOfCreated(), 'status');
    const { service, fake } = setUp({
      getAgentApiStatus: inTurnOrFail(
        () => Promise.reject(unreachable),
        () => Promise.reject(unreachable),
        async () => recordedAgentApiStatus(GENERATION, 'stable'),
      ),
    });

    const result = await service.create(request);

    expect(result).toMatchObject({ firstTask: 'sent', agent: { status: 'busy' } });
    expect(fake.count('getAgentApiStatus')).toBe(3);
    expect(fake.argsOf('sendAgentApiMessage').map((args) => args[1])).toEqual([{ content: request.task, type: 'user' }]);
  });

  it('reports the task sent as the last step, by the agent’s name', async () => {
    const { service } = setUp({});
    const progress: AgentProgress[] = [];

    await service.create(request, { onProgress: (step) => progress.push(step) });

    expect(progress.at(-1)).toEqual({ step: 'first_task_sent', progress: 5, total: 5, message: 'Sent "fleet-rec-workspace" its first task.' });
  });

  it('leaves the task undelivered, without a step, when AgentAPI refuses it because the agent already works', async () => {
    const refusal = await agentApiBusyRefusal(await appOfCreated());
    const { service } = setUp({ sendAgentApiMessage: async () => Promise.reject(refusal) });
    const progress: AgentProgress[] = [];

    const result = await service.create(request, { onProgress: (step) => progress.push(step) });

    expect(result).toMatchObject({ firstTask: 'not_delivered', agent: { status: 'idle' } });
    expect(progress.map((step) => step.step)).toEqual(['build_queued', 'build_running', 'agent_connecting', 'ready']);
  });

  it('sends nothing to an online agent whose workspace shows no AgentAPI app', async () => {
    const withoutApp = recordedCreatedWorkspaceAsPolled(GENERATION).map(withoutAgentApiApp);
    const { service, fake } = setUp({ getWorkspace: inTurn(...withoutApp) });

    const result = await service.create(request);

    expect(result).toMatchObject({ firstTask: 'not_delivered', agent: { status: 'idle' } });
    expect(fake.count('getAgentApiStatus') + fake.count('sendAgentApiMessage')).toBe(0);
  });

  it('fails with what AgentAPI answered when the prompt itself fails otherwise', async () => {
    const unreachable = await appProxyAppUnreachable(await appOfCreated(), 'prompt');
    const { service } = setUp({ sendAgentApiMessage: async () => Promise.reject(unreachable) });

    const error = await fleetErrorOf(service.create(request));

    expect([error.code, error.retryable]).toEqual(['AGENT_OFFLINE', true]);
  });
});
