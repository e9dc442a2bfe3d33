// The work rules on the real backends over recorded Coder data: who takes a task (AgentAPI decides), cancel, history and log.
import { readFileSync } from 'node:fs';
import type { AgentApiAppLocation } from '@fleet/coder-client';
import {
  agentApiBusyRefusal,
  appProxyTokenRefused,
  appProxyWorkspaceOffline,
  type FakeAnswers,
  FakeClock,
  inTurn,
  promptTimedOut,
  recordedAgentApiStatus,
  recordedAgentMessages,
  recordedApiError,
  recordedCoder,
  recordedCreatedWorkspaceAsPolled,
  recordedGone,
  type RecordedGeneration,
  recordedTaskLogs,
  recordedWorkspace,
  untilAborted,
} from '@fleet/coder-fakes';
import { FleetTaskService } from '../../src/services/fleet-task-service.js';
import { backendOver } from '../support/backend-over.js';
import { fleetErrorOf } from '../support/fleet-error-of.js';
import { present } from '../support/present.js';

const GENERATIONS = ['v2.27.1', 'v2.30.0', 'v2.37.0'] as const;

function setUp(generation: RecordedGeneration, overrides: FakeAnswers = {}, options: { cancelLookupTimeoutMs?: number } = {}) {
  const fake = recordedCoder(generation, overrides);
  const clock = new FakeClock();
  return { fake, clock, service: new FleetTaskService(backendOver(fake), { ...options, clock }) };
}

/** Where the recorded agent's AgentAPI answers, as the backend locates it. */
async function appOf(generation: RecordedGeneration, name: string): Promise<AgentApiAppLocation> {
  return present((await backendOver(recordedCoder(generation)).findAgent(name))?.app, `the AgentAPI app of ${name}`);
}

function running(generation: RecordedGeneration) {
  return recordedAgentApiStatus(generation, 'running');
}

function stable(generation: RecordedGeneration) {
  return recordedAgentApiStatus(generation, 'stable');
}

describe('FleetTaskService.start', () => {
  it.each(GENERATIONS)('on %s sends the prompt through AgentAPI once it says stable, and returns the agent busy', async (generation) => {
    const { service, fake } = setUp(generation);
    const agent = await service.start('fix-login', 'Fix the flaky login test');
    expect(agent).toMatchObject({ name: 'fix-login', status: 'busy' });
    expect(fake.argsOf('sendAgentApiMessage').map((args) => args.slice(0, 2))).toEqual([
      [await appOf(generation, 'fix-login'), { content: 'Fix the flaky login test', type: 'user' }],
    ]);
    expect(fake.count('getAgentApiStatus')).toBe(1);
  });

  it.each(GENERATIONS)('on %s is not held back by a stale `working` hint when AgentAPI says stable', async (generation) => {
    const { service, fake } = setUp(generation);
    expect(recordedWorkspace(generation, 'refactor-billing').latest_app_status?.state).toBe('working');
    expect((await service.start('refactor-billing', 'Next step')).status).toBe('busy');
    expect(fake.count('sendAgentApiMessage')).toBe(1);
  });

  it.each(GENERATIONS)('on %s refuses with AGENT_BUSY when AgentAPI says running, sending nothing', async (generation) => {
    const { service, fake } = setUp(generation, { getAgentApiStatus: async () => running(generation) });
    const error = await fleetErrorOf(service.start('fix-login', 'More work'));
    expect([error.code, error.retryable, error.message]).toEqual(['AGENT_BUSY', true, expect.stringContaining('cancel_agent_task')]);
    expect(fake.count('sendAgentApiMessage')).toBe(0);
  });

  it('answers AGENT_BUSY when AgentAPI refuses the prompt (huma 500) because the agent started working meanwhile', async () => {
    const refusal = await agentApiBusyRefusal(await appOf('v2.37.0', 'fix-login'));
    const { service } = setUp('v2.37.0', { sendAgentApiMessage: async () => Promise.reject(refusal) });
    expect((await fleetErrorOf(service.start('fix-login', 'Work'))).code).toBe('AGENT_BUSY');
  });

  it('refuses a stopped agent with AGENT_OFFLINE telling to restart it, asking AgentAPI nothing', async () => {
    const { service, fake } = setUp('v2.30.0');
    const error = await fleetErrorOf(service.start('review-webhooks', 'Work'));
    expect([error.code, error.retryable]).toEqual(['AGENT_OFFLINE', false]);
    expect(error.message).toContain('is stopped');
    expect(error.message).toContain('restart_agent');
    expect(fake.count('getAgentApiStatus')).toBe(0);
  });

  it('refuses a starting agent with retryable AGENT_OFFLINE telling to wait', async () => {
    const [built] = recordedCreatedWorkspaceAsPolled('v2.37.0');
    const { service } = setUp('v2.37.0', { getWorkspaceByOwnerAndName: async () => present(built) });
    const error = await fleetErrorOf(service.start('fleet-rec-workspace', 'Work'));
    expect([error.code, error.retryable, error.message]).toEqual(['AGENT_OFFLINE', true, expect.stringContaining('is starting')]);
  });

  it.each(['', '  ', '\n\t'])('refuses the empty task %j with INVALID_INPUT before any request', async (task) => {
    const { service, fake } = setUp('v2.37.0');
    expect((await fleetErrorOf(service.start('fix-login', task))).code).toBe('INVALID_INPUT');
    expect(fake.requestCounts()).toEqual({});
  });

  it.each([
    ['Summarise\u001b[201~\rrm -rf .', 'U+001B ESC at character 10'],
    ['stop\u0003', 'U+0003 ETX (Ctrl+C)'],
    ['a'.repeat(200 * 1024), 'at most 100 KB'],
  ])('refuses the task %#, which the task rule refuses, with INVALID_INPUT before any request', async (task, words) => {
    const { service, fake } = setUp('v2.37.0');
    const error = await fleetErrorOf(service.start('fix-login', task));
    expect([error.code, error.message]).toEqual(['INVALID_INPUT', expect.stringContaining(words)]);
    expect(fake.requestCounts()).toEqual({});
  });

  it("answers UNAUTHORIZED when Coder's app proxy refuses the token for AgentAPI (a redirect to sign-in)", async () => {
    const refusal = await appProxyTokenRefused(await appOf('v2.37.0', 'fix-login'), 'status');
    const { service } = setUp('v2.37.0', { getAgentApiStatus: async () => Promise.reject(refusal) });
    const error = await fleetErrorOf(service.start('fix-login', 'Work'));
    expect([error.code, error.retryable, error.message]).toEqual(['UNAUTHORIZED', false, expect.stringContaining('CODER_SESSION_TOKEN')]);
  });

  it("answers AGENT_OFFLINE when Coder's app proxy says the workspace is offline", async () => {
    const offline = await appProxyWorkspaceOffline(await appOf('v2.37.0', 'fix-login'), 'status');
    const { service } = setUp('v2.37.0', { getAgentApiStatus: async () => Promise.reject(offline) });
    const error = await fleetErrorOf(service.start('fix-login', 'Work'));
    expect([error.code, error.message]).toEqual(['AGENT_OFFLINE', expect.stringContaining('restart_agent')]);
  });

  it('answers a prompt that timed out after it was sent as not retryable, telling to check show_agent_log first', async () => {
    const timedOut = await promptTimedOut(await appOf('v2.37.0', 'fix-login'));
    expect(timedOut).toMatchObject({ name: 'CoderTimeoutError', mayHaveBeenApplied: true });
    const { service } = setUp('v2.37.0', { sendAgentApiMessage: async () => Promise.reject(timedOut) });
    const error = await fleetErrorOf(service.start('fix-login', 'Work'));
    expect([error.code, error.retryable]).toEqual(['CODER_UNAVAILABLE', false]);
    expect(error.message).toContain('check show_agent_log');
  });

  it('answers NOT_FOUND when the agent vanished and its app is gone', async () => {
    const gone = recordedGone('v2.37.0');
    const { service } = setUp('v2.37.0', { sendAgentApiMessage: async () => Promise.reject(gone) });
    expect((await fleetErrorOf(service.start('fix-login', 'Work'))).code).toBe('NOT_FOUND');
  });
});

describe('FleetTaskService.cancel', () => {
  it.each(GENERATIONS)('on %s sends exactly one interrupt for three parallel cancels of one agent', async (generation) => {
    const { service, fake } = setUp(generation, { getAgentApiStatus: inTurn(running(generation), stable(generation)) });
    const agents = await Promise.all([service.cancel('fix-login'), service.cancel('fix-login'), service.cancel('FIX-LOGIN')]);
    expect(fake.argsOf('interruptAgentApi').map((args) => args[0])).toEqual([await appOf(generation, 'fix-login')]);
    expect(agents.map((agent) => agent.status)).toEqual(['idle', 'idle', 'idle']);
  });

  it('a caller that gives up does not take the shared interrupt from the others', async () => {
    const { service, fake } = setUp('v2.30.0', { getAgentApiStatus: inTurn(running('v2.30.0'), stable('v2.30.0')) });
    const impatient = new AbortController();
    const first = service.cancel('fix-login', { signal: impatient.signal });
    const second = service.cancel('fix-login');
    impatient.abort(new Error('the client went away'));
    await expect(first).rejects.toThrow('the client went away');
    expect((await second).status).toBe('idle');
    expect(fake.count('interruptAgentApi')).toBe(1);
  });

  it('interrupts again on a later cancel, once the first one is done', async () => {
    const { service, fake } = setUp('v2.37.0', { getAgentApiStatus: inTurn(running('v2.37.0'), stable('v2.37.0'), running('v2.37.0'), stable('v2.37.0')) });
    await service.cancel('fix-login');
    await service.cancel('fix-login');
    expect(fake.count('interruptAgentApi')).toBe(2);
  });

  it.each(GENERATIONS)('on %s sends nothing to an agent AgentAPI says is stable, whatever its hint, and answers INVALID_STATE', async (generation) => {
    const { service, fake } = setUp(generation);
    expect(recordedWorkspace(generation, 'refactor-billing').latest_app_status?.state).toBe('working');
    const error = await fleetErrorOf(service.cancel('refactor-billing'));
    expect([error.code, error.message]).toEqual(['INVALID_STATE', expect.stringContaining('is idle, not busy')]);
    expect(fake.count('interruptAgentApi')).toBe(0);
  });

  it('interrupts an agent waiting for its user too (Esc answers its question with no), and returns it idle', async () => {
    // AgentAPI stable, its last agent message the captured permission dialog (test/fixtures/claude-code-screens).
    const dialog = readFileSync(new URL('../fixtures/claude-code-screens/agentapi-copilot-run-command-dialog-message.txt', import.meta.url), 'utf8');
    const messages = recordedAgentMessages('v2.37.0');
    const lastAgentMessage = present(messages.findLast((message) => message.role === 'agent'), 'an agent message');
    const { service, fake } = setUp('v2.37.0', {
      getAgentApiMessages: async () => messages.map((message) => (message === lastAgentMessage ? { ...message, content: dialog } : message)),
    });
    expect((await service.cancel('fix-login')).status).toBe('idle');
    expect(fake.count('interruptAgentApi')).toBe(1);
  });

  it('waits for the agent to stop working, polling AgentAPI every 200 ms', async () => {
    const { service, fake, clock } = setUp('v2.37.0', {
      getAgentApiStatus: inTurn(running('v2.37.0'), running('v2.37.0'), running('v2.37.0'), stable('v2.37.0')),
    });
    expect((await service.cancel('fix-login')).status).toBe('idle');
    expect(fake.count('getAgentApiStatus')).toBe(4);
    expect(clock.sleeps).toEqual([200, 200]);
  });

  it('returns the agent busy when it is still working after the settle bound', async () => {
    const { service, clock } = setUp('v2.37.0', { getAgentApiStatus: async () => running('v2.37.0') });
    expect((await service.cancel('fix-login')).status).toBe('busy');
    expect(clock.time).toBeLessThanOrEqual(3_000);
    expect(clock.time).toBeGreaterThan(2_000);
  });

  it.each(['review-webhooks', 'test-cache'])('refuses %s, which is not online, with INVALID_STATE, asking AgentAPI nothing', async (name) => {
    const { service, fake } = setUp('v2.30.0', { getAgentApiStatus: async () => running('v2.30.0') });
    const error = await fleetErrorOf(service.cancel(name));
    expect([error.code, error.message]).toEqual(['INVALID_STATE', expect.stringContaining('not busy')]);
    expect(fake.count('getAgentApiStatus') + fake.count('interruptAgentApi')).toBe(0);
  });

  it('gives up on a lookup that outlives its own deadline with retryable CODER_UNAVAILABLE, interrupting nothing', async () => {
    const { service, fake } = setUp(
      'v2.37.0',
      { getWorkspaceByOwnerAndName: untilAborted },
      { cancelLookupTimeoutMs: 20 },
    );
    const error = await fleetErrorOf(service.cancel('fix-login'));
    expect([error.code, error.retryable, error.message]).toEqual(['CODER_UNAVAILABLE', true, expect.stringContaining('20 ms')]);
    expect(fake.count('interruptAgentApi')).toBe(0);
  });
});

describe('FleetTaskService.history', () => {
  it.each(GENERATIONS)('on %s pages the reported statuses newest first, 20 a page by default', async (generation) => {
    const { service } = setUp(generation);
    const page = await service.history('refactor-billing');
    expect(page.items).toHaveLength(20);
    expect(page).toMatchObject({ page: 1, pageSize: 20, hasNext: true, hasPrevious: false });
    expect(page.total).toBeGreaterThan(200);
    expect(Date.parse(present(page.items[0]).createdAt)).toBeGreaterThanOrEqual(Date.parse(present(page.items[19]).createdAt));
  });

  it('answers a page past the end with no entries and the true total', async () => {
    const page = await setUp('v2.37.0').service.history('refactor-billing', { page: 1000, pageSize: 100 });
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
    const { service, fake } = setUp('v2.37.0');
    const error = await fleetErrorOf(service.history('refactor-billing', options));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message.toLowerCase()).toContain(words);
    expect(fake.requestCounts()).toEqual({});
  });

  it('answers AGENT_OFFLINE for a stopped agent, whose statuses Coder shows only while it runs', async () => {
    expect((await fleetErrorOf(setUp('v2.27.1').service.history('review-webhooks'))).code).toBe('AGENT_OFFLINE');
  });
});

describe('FleetTaskService.log', () => {
  it('on 2.30 pages the task’s log from Coder, newest first, one entry a page by default', async () => {
    const { service, fake } = setUp('v2.30.0');
    const logs = recordedTaskLogs('v2.30.0');
    const page = await service.log('fix-login');
    expect(page.items.map((entry) => entry.content)).toEqual([present(logs[logs.length - 1]).content]);
    expect(page).toMatchObject({ total: logs.length, page: 1, pageSize: 1, hasNext: logs.length > 1 });
    expect(fake.argsOf('getTaskLogs').map((args) => args.slice(0, 2))).toEqual([['me', recordedWorkspace('v2.30.0', 'fix-login').task_id]]);
    expect(fake.count('getAgentApiMessages')).toBe(0);
  });

  it.each(['v2.27.1', 'v2.37.0'] as const)('on %s pages the conversation from AgentAPI, newest first', async (generation) => {
    const { service, fake } = setUp(generation);
    const messages = recordedAgentMessages(generation);
    const page = await service.log('fix-login', { page: 2, pageSize: 2 });
    expect(page.items.map((entry) => entry.id)).toEqual(messages.slice(-4, -2).reverse().map((message) => String(message.id)));
    expect(page.hasPrevious).toBe(true);
    expect(fake.argsOf('getAgentApiMessages').map((args) => args[0])).toEqual([await appOf(generation, 'fix-login')]);
    expect(fake.count('getTaskLogs')).toBe(0);
  });

  it('answers AGENT_OFFLINE for an agent that is not online, reading nothing', async () => {
    const { service, fake } = setUp('v2.27.1');
    const error = await fleetErrorOf(service.log('test-cache'));
    expect([error.code, error.message]).toEqual(['AGENT_OFFLINE', expect.stringContaining('is failed')]);
    expect(fake.count('getAgentApiMessages') + fake.count('getTaskLogs')).toBe(0);
  });

  it('answers NOT_FOUND when the agent vanishes before its log is read', async () => {
    const { service } = setUp('v2.37.0', { getAgentApiMessages: async () => Promise.reject(recordedApiError('v2.37.0', 'errors', 'GET', /^\/api\/v2\/workspaces\/0{8}-/)) });
    expect((await fleetErrorOf(service.log('fix-login'))).code).toBe('NOT_FOUND');
  });
});
