// The work rules on fake repositories: who takes a task, what may be cancelled, history and log pages.
import { FleetTaskService } from '../../src/services/fleet-task-service.js';
import { FakeAgentRepository, FakeClock, FakeTaskRepository, recordOfWorkspace, withBuild, type CallLog } from '../support/fake-repositories.js';
import {
  recordedAgentMessages,
  recordedCreateBuilds,
  recordedCreatedWorkspace,
} from '../support/recorded-coder-data.js';
import { recordedApiError } from '../support/recorded-traffic.js';
import { fleetErrorOf } from '../support/fleet-error-of.js';
import { present } from '../support/present.js';

const GENERATION = 'v2.27.1';

function setUp(options: { cancelLookupTimeoutMs?: number } = {}) {
  const calls: CallLog = [];
  const agents = new FakeAgentRepository(GENERATION, calls);
  const tasks = new FakeTaskRepository(calls);
  const clock = new FakeClock();
  return { calls, agents, tasks, clock, service: new FleetTaskService(agents, tasks, { ...options, clock }) };
}


function startingAgent() {
  const created = recordOfWorkspace(GENERATION, recordedCreatedWorkspace(GENERATION));
  return withBuild(GENERATION, created, present(recordedCreateBuilds(GENERATION)[3]));
}

describe('FleetTaskService.start', () => {
  it('sends the prompt to an idle agent through its AgentAPI app and returns it busy', async () => {
    const { service, tasks, agents, calls } = setUp();
    let sent: unknown;
    tasks.sendPromptAnswer = async (app, prompt) => {
      sent = [app, prompt];
      return true;
    };
    const agent = await service.start('fix-login', 'Fix the flaky login test');
    expect(agent).toMatchObject({ name: 'fix-login', status: 'busy' });
    expect(sent).toEqual([agents.record('fix-login').app, 'Fix the flaky login test']);
    expect(calls).toEqual(['agents.findByName', 'tasks.locateAgentApi', 'tasks.sendPrompt']);
  });

  it('refuses a busy agent with AGENT_BUSY, sending nothing', async () => {
    const { service, calls } = setUp();
    const error = await fleetErrorOf(service.start('refactor-billing', 'More work'));
    expect([error.code, error.message]).toEqual(['AGENT_BUSY', expect.stringContaining('cancel_agent_task')]);
    expect(calls).not.toContain('tasks.sendPrompt');
  });

  it('refuses a stopped agent with AGENT_OFFLINE giving its status and telling to restart it', async () => {
    const { service } = setUp();
    const error = await fleetErrorOf(service.start('review-webhooks', 'Work'));
    expect(error.code).toBe('AGENT_OFFLINE');
    expect(error.message).toContain('is stopped');
    expect(error.message).toContain('restart_agent');
    expect(error.retryable).toBe(false);
  });

  it('refuses a starting agent with retryable AGENT_OFFLINE telling to wait', async () => {
    const { service, agents } = setUp();
    agents.records.set('fleet-rec-workspace', startingAgent());
    const error = await fleetErrorOf(service.start('fleet-rec-workspace', 'Work'));
    expect([error.code, error.retryable, error.message]).toEqual(['AGENT_OFFLINE', true, expect.stringContaining('is starting')]);
  });

  it('answers AGENT_BUSY when AgentAPI refuses the prompt because the agent started working meanwhile', async () => {
    const { service, tasks } = setUp();
    tasks.sendPromptAnswer = () => Promise.reject(recordedApiError(GENERATION, 'agent-api', 'POST', /\/message$/, 1));
    expect((await fleetErrorOf(service.start('fix-login', 'Work'))).code).toBe('AGENT_BUSY');
  });

  it.each(['', '  ', '\n\t'])('refuses the empty task %j with INVALID_INPUT before any request', async (task) => {
    const { service, calls } = setUp();
    expect((await fleetErrorOf(service.start('fix-login', task))).code).toBe('INVALID_INPUT');
    expect(calls).toEqual([]);
  });

  it('answers NOT_FOUND when the agent vanished and its app is gone', async () => {
    const { service, tasks } = setUp();
    tasks.sendPromptAnswer = () =>
      Promise.reject(recordedApiError(GENERATION, 'workspace-delete', 'GET', /^\/api\/v2\/workspaces\//));
    expect((await fleetErrorOf(service.start('fix-login', 'Work'))).code).toBe('NOT_FOUND');
  });
});

describe('FleetTaskService.cancel', () => {
  it('interrupts a busy agent after one lookup and returns it idle once AgentAPI says it stopped', async () => {
    const { service, calls } = setUp();
    const agent = await service.cancel('refactor-billing');
    expect([agent.name, agent.status]).toEqual(['refactor-billing', 'idle']);
    expect(calls).toEqual(['agents.findByName', 'tasks.locateAgentApi', 'tasks.interrupt', 'tasks.isWorking']);
  });

  it('waits for the agent to stop working, polling AgentAPI', async () => {
    const { service, tasks, clock, calls } = setUp();
    let answers = [true, true, false];
    tasks.isWorkingAnswer = async () => {
      const [working = false, ...rest] = answers;
      answers = rest;
      return working;
    };
    const agent = await service.cancel('refactor-billing');
    expect(agent.status).toBe('idle');
    expect(calls.filter((call) => call === 'tasks.isWorking')).toHaveLength(3);
    expect(clock.sleeps).toEqual([200, 200]);
  });

  it('returns the agent busy when it is still working after the settle bound', async () => {
    const { service, tasks, clock } = setUp();
    tasks.isWorkingAnswer = async () => true;
    const agent = await service.cancel('refactor-billing');
    expect(agent.status).toBe('busy');
    expect(clock.time).toBeLessThanOrEqual(3_000);
    expect(clock.time).toBeGreaterThan(2_000);
  });

  it.each(['fix-login', 'review-webhooks', 'test-cache'])('refuses %s, which is not busy, with INVALID_STATE', async (name) => {
    const { service, calls } = setUp();
    const error = await fleetErrorOf(service.cancel(name));
    expect([error.code, error.message]).toEqual(['INVALID_STATE', expect.stringContaining('not busy')]);
    expect(calls).not.toContain('tasks.interrupt');
  });

  it('gives up on a lookup that outlives its own deadline with retryable CODER_UNAVAILABLE', async () => {
    const { service, agents, calls } = setUp({ cancelLookupTimeoutMs: 20 });
    agents.findByNameAnswer = (_name, options) =>
      new Promise((_resolve, reject) => options.signal?.addEventListener('abort', () => reject(options.signal?.reason)));
    const error = await fleetErrorOf(service.cancel('refactor-billing'));
    expect([error.code, error.retryable, error.message]).toEqual(['CODER_UNAVAILABLE', true, expect.stringContaining('20 ms')]);
    expect(calls).not.toContain('tasks.interrupt');
  });
});

describe('FleetTaskService.history', () => {
  it('pages the reported statuses newest first, 20 a page by default', async () => {
    const { service } = setUp();
    const page = await service.history('refactor-billing');
    expect(page.items).toHaveLength(20);
    expect(page).toMatchObject({ page: 1, pageSize: 20, hasNext: true, hasPrevious: false });
    expect(page.total).toBeGreaterThan(200);
    expect(Date.parse(present(page.items[0]).createdAt)).toBeGreaterThanOrEqual(Date.parse(present(page.items[19]).createdAt));
  });

  it('answers a page past the end with no entries and the true total', async () => {
    const { service } = setUp();
    const page = await service.history('refactor-billing', { page: 1000, pageSize: 100 });
    expect(page.items).toEqual([]);
    expect(page.total).toBeGreaterThan(200);
    expect([page.hasNext, page.hasPrevious]).toEqual([false, true]);
  });

  it.each([
    [{ pageSize: 0 }, 'page_size must be at least 1'],
    [{ pageSize: 101 }, 'page_size must be at most 100'],
    [{ page: 0 }, 'page starts at 1'],
    [{ page: 1.5 }, 'expected int'],
  ])('refuses %j with INVALID_INPUT before any request', async (options, words) => {
    const { service, calls } = setUp();
    const error = await fleetErrorOf(service.history('refactor-billing', options));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message.toLowerCase()).toContain(words);
    expect(calls).toEqual([]);
  });

  it('answers AGENT_OFFLINE for a stopped agent, whose statuses Coder shows only while it runs', async () => {
    const { service } = setUp();
    expect((await fleetErrorOf(service.history('review-webhooks'))).code).toBe('AGENT_OFFLINE');
  });
});

describe('FleetTaskService.log', () => {
  const entries = recordedAgentMessages(GENERATION)
    .map((message) => ({ id: String(message.id), type: message.role === 'user' ? ('input' as const) : ('output' as const), content: message.content, time: message.time }))
    .reverse();

  it('pages the conversation newest first, one entry a page by default', async () => {
    const { service, tasks } = setUp();
    tasks.logAnswer = async () => entries;
    const page = await service.log('fix-login');
    expect(page.items).toEqual([entries[0]]);
    expect(page).toMatchObject({ total: entries.length, page: 1, pageSize: 1, hasNext: entries.length > 1 });
  });

  it('answers the second page of two-entry pages', async () => {
    const { service, tasks } = setUp();
    tasks.logAnswer = async () => entries;
    const page = await service.log('fix-login', { page: 2, pageSize: 2 });
    expect(page.items).toEqual(entries.slice(2, 4));
    expect(page.hasPrevious).toBe(true);
  });

  it('answers AGENT_OFFLINE for an agent that is not online, reading nothing', async () => {
    const { service, calls } = setUp();
    const error = await fleetErrorOf(service.log('test-cache'));
    expect([error.code, error.message]).toEqual(['AGENT_OFFLINE', expect.stringContaining('is failed')]);
    expect(calls).not.toContain('tasks.log');
  });

  it('answers NOT_FOUND when the agent vanishes before its log is read', async () => {
    const { service, tasks } = setUp();
    tasks.logAnswer = () => Promise.reject(recordedApiError(GENERATION, 'errors', 'GET', /^\/api\/v2\/workspaces\/0{8}-/));
    expect((await fleetErrorOf(service.log('fix-login'))).code).toBe('NOT_FOUND');
  });
});
