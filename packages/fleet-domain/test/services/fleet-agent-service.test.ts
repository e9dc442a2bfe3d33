// The agent rules on the real backends over recorded Coder data: list, show, create per generation, delete and restart.
import { WorkspaceBuildSchema } from '@fleet/coder-client';
import type { AgentProgress } from '@fleet/fleet-models';
import {
  appProxyAppUnreachable,
  appProxyTokenRefused,
  type FakeAnswers,
  FakeClock,
  inTurn,
  recordedAgentApiStatus,
  recordedApiError,
  recordedBody,
  recordedBuildParameters,
  recordedCoder,
  recordedConflict,
  recordedCreateBuilds,
  recordedCreatedTask,
  recordedCreatedWorkspace,
  recordedCreatedWorkspaceAsPolled,
  recordedCreation,
  recordedCreateRequest,
  recordedExchange,
  recordedGone,
  type RecordedGeneration,
  recordedPresets,
  recordedRichParameters,
  recordedStartBuild,
  recordedStartOf,
  recordedStopBuilds,
  recordedTemplate,
  recordedWorkspace,
  recordedWorkspaces,
  recordedWorkspaceWithBuild,
} from '@fleet/coder-fakes';
import { FleetAgentService } from '../../src/services/fleet-agent-service.js';
import { backendOver } from '../support/backend-over.js';
import { fleetErrorOf } from '../support/fleet-error-of.js';
import { present } from '../support/present.js';

const GENERATIONS = ['v2.27.1', 'v2.30.0', 'v2.37.0'] as const;

function setUp(generation: RecordedGeneration, overrides: FakeAnswers = {}, options: { waitTimeoutMs?: number } = {}) {
  const fake = recordedCoder(generation, overrides);
  const clock = new FakeClock();
  const service = new FleetAgentService(backendOver(fake), { clock, ...options });
  return { fake, clock, service };
}

/** AgentAPI's `/status` answers as recorded while the agent started: running three times, then stable. */
function agentApiSettling(generation: RecordedGeneration): FakeAnswers {
  const running = recordedAgentApiStatus(generation, 'running');
  return { getAgentApiStatus: inTurn(running, running, running, recordedAgentApiStatus(generation, 'stable')) };
}

function withoutAiPrompt(generation: RecordedGeneration): FakeAnswers {
  return {
    getTemplateVersionRichParameters: async (versionId) =>
      recordedRichParameters(generation, versionId).filter((parameter) => parameter.name !== 'AI Prompt'),
  };
}

function presetId(generation: RecordedGeneration, role: string): string | undefined {
  const version = recordedTemplate(generation, 'claude-code').active_version_id;
  return recordedPresets(generation, version).find((preset) => preset.Name === role)?.ID;
}

/** Generations whose light list Fleet reads whole; 2.37+ pages through Coder's counts (tested below and against the simulator). */
const WHOLE_LIST_GENERATIONS = ['v2.27.1', 'v2.30.0'] as const;

describe('FleetAgentService.list', () => {
  it.each(WHOLE_LIST_GENERATIONS)('on %s lists every agent, leaving out the plain workspace', async (generation) => {
    const { service } = setUp(generation);
    const names = (await service.list()).page.items.map((agent) => agent.name);
    expect(names.sort()).toEqual(['docs-exports', 'fix-login', 'refactor-billing', 'review-webhooks', 'speedup-onboarding', 'test-cache']);
  });

  it.each(WHOLE_LIST_GENERATIONS)('on %s pages the agents and counts the whole fleet by status in every answer', async (generation) => {
    const { service } = setUp(generation);
    const all = (await service.list()).page.items;
    const second = await service.list({ page: 2, pageSize: 4 });
    expect(second.page.items).toEqual(all.slice(4, 8));
    expect(second.page).toMatchObject({ total: 6, page: 2, pageSize: 4, hasNext: false, hasPrevious: true });
    const stopped = await service.list({ status: 'stopped', pageSize: 1 });
    expect(stopped.counts).toEqual(second.counts);
    expect(stopped.counts.total).toBe(6);
    expect(stopped.counts.byStatus.stopped).toBe(1);
    expect(Object.values(stopped.counts.byStatus).reduce<number>((sum, count) => sum + (count ?? 0), 0)).toBe(6);
  });

  it.each(WHOLE_LIST_GENERATIONS)('on %s filters by status, reading no AgentAPI', async (generation) => {
    const { service, fake } = setUp(generation);
    expect((await service.list({ status: 'stopped' })).page.items.map((agent) => agent.name)).toEqual(['review-webhooks']);
    expect(fake.count('getAgentApiStatus')).toBe(0);
  });

  it.each(WHOLE_LIST_GENERATIONS)('on %s filters by project, named by display name in any case', async (generation) => {
    const { service } = setUp(generation);
    const list = await service.list({ project: 'RESEARCH AGENT' });
    expect(list.page.items.map((agent) => agent.name)).toEqual(['docs-exports']);
    expect(list.counts.total).toBe(1);
  });

  describe('on v2.37.0, where Coder has no light list', () => {
    const owned = 'owner:me template:"claude-code"';
    /** Coder's answers in this scenario: 30 claude-code agents (20 running, 10 stopped), none of the other agent templates. */
    const counts: Record<string, number> = { [owned]: 30, [`${owned} status:running`]: 20, [`${owned} status:stopped`]: 10 };
    const pageOfTwo = recordedWorkspaces('v2.37.0').filter((workspace) => workspace.template_name === 'claude-code').slice(0, 2);

    function pagedCoder() {
      const queries: string[] = [];
      const { service, fake } = setUp('v2.37.0', {
        getWorkspaces: async (filter = {}) => {
          queries.push(`${filter.q ?? ''} limit=${filter.limit ?? '-'} offset=${filter.offset ?? '-'}`);
          if (filter.limit === 1) return { workspaces: [], count: counts[filter.q ?? ''] ?? 0 };
          return { workspaces: pageOfTwo, count: 30 };
        },
      });
      return { service, fake, queries };
    }

    it('reads one page and Coder\'s counts, never the whole fleet', async () => {
      const { service, queries } = pagedCoder();

      const list = await service.list({ page: 2, pageSize: 20 });

      expect(list.page).toMatchObject({ total: 30, page: 2, pageSize: 20, hasNext: false, hasPrevious: true });
      expect(list.page.items.map((agent) => agent.name)).toEqual(pageOfTwo.map((workspace) => workspace.name));
      expect(list.counts).toMatchObject({ total: 30, online: 20 });
      expect(list.counts.byStatus).toMatchObject({ stopped: 10, idle: null, busy: null, waiting: null, failed: 0 });
      // One count per agent template, nine statuses of the one in use, and the page: every request bounded.
      expect(queries).toHaveLength(3 + 9 + 1);
      expect(queries.filter((query) => query.endsWith('limit=1 offset=0'))).toHaveLength(12);
      expect(queries.at(-1)).toBe(`${owned} limit=10 offset=20`);
    });

    it('pages a status Coder can filter on through Coder, and reads every agent for one it cannot', async () => {
      const stopped = pagedCoder();
      await stopped.service.list({ status: 'stopped', pageSize: 5 });
      expect(stopped.queries).toContain(`${owned} status:stopped limit=5 offset=0`);

      const idle = pagedCoder();
      await idle.service.list({ status: 'idle' });
      expect(idle.queries).toEqual(['owner:me limit=50 offset=0']);
    });
  });

  it('refuses an unknown project with NOT_FOUND listing the projects there are', async () => {
    const error = await fleetErrorOf(setUp('v2.37.0').service.list({ project: 'nope' }));
    expect([error.code, error.message]).toEqual(['NOT_FOUND', expect.stringContaining('AgentAPI Agent (agentapi-agent), Claude Code (claude-code), Research Agent (research-agent)')]);
  });

  it('refuses an unknown status with INVALID_INPUT before any request', async () => {
    const { service, fake } = setUp('v2.30.0');
    expect((await fleetErrorOf(service.list({ status: 'sleeping' as never }))).code).toBe('INVALID_INPUT');
    expect(fake.requestCounts()).toEqual({});
  });

  it('turns a failing Coder into CODER_UNAVAILABLE', async () => {
    const failure = recordedApiError('v2.37.0', 'server-error', 'GET', /workspaces$/);
    const { service } = setUp('v2.37.0', { getWorkspaces: async () => Promise.reject(failure) });
    expect((await fleetErrorOf(service.list())).code).toBe('CODER_UNAVAILABLE');
  });
});

describe('FleetAgentService.show', () => {
  it.each(GENERATIONS)('on %s shows a stale `working` hint as idle when AgentAPI says stable', async (generation) => {
    const { service, fake } = setUp(generation);
    expect(recordedWorkspace(generation, 'refactor-billing').latest_app_status?.state).toBe('working');
    const details = await service.show('refactor-billing');
    expect(details.status).toBe('idle');
    expect(fake.count('getAgentApiStatus')).toBe(1);
  });

  it.each(GENERATIONS)('on %s shows an agent busy when AgentAPI says running, whatever it last reported', async (generation) => {
    const { service } = setUp(generation, { getAgentApiStatus: async () => recordedAgentApiStatus(generation, 'running') });
    const hinted = await backendOver(recordedCoder(generation)).findAgent('speedup-onboarding');
    expect(hinted?.details.status).toBe('idle');
    expect((await service.show('speedup-onboarding')).status).toBe('busy');
  });

  it('shows the parameters the build was made with, its first task among them', async () => {
    const { service } = setUp('v2.30.0');
    const details = await service.show('fix-login');
    expect(details).toMatchObject({ name: 'fix-login', project: 'Claude Code', role: 'Reviewer' });
    expect(details.parameters).toEqual(recordedBuildParameters('v2.30.0').map((parameter) => ({ name: parameter.name, value: parameter.value })));
  });

  it('shows a stopped agent as Coder sees it, asking AgentAPI nothing', async () => {
    const { service, fake } = setUp('v2.37.0');
    expect((await service.show('review-webhooks')).status).toBe('stopped');
    expect(fake.count('getAgentApiStatus')).toBe(0);
  });

  it('still shows an agent whose AgentAPI does not answer, marked unhealthy with the reason', async () => {
    const app = present((await backendOver(recordedCoder('v2.37.0')).findAgent('fix-login'))?.app);
    const unreachable = await appProxyAppUnreachable(app, 'status');
    const { service } = setUp('v2.37.0', { getAgentApiStatus: async () => Promise.reject(unreachable) });
    const details = await service.show('fix-login');
    expect(details.health.healthy).toBe(false);
    expect(details.health.reason).toContain("does not answer through Coder's app proxy");
  });

  it('does not hide a refused token behind an unhealthy agent: show answers UNAUTHORIZED', async () => {
    const app = present((await backendOver(recordedCoder('v2.37.0')).findAgent('fix-login'))?.app);
    const refusal = await appProxyTokenRefused(app, 'status');
    const { service } = setUp('v2.37.0', { getAgentApiStatus: async () => Promise.reject(refusal) });
    expect((await fleetErrorOf(service.show('fix-login'))).code).toBe('UNAUTHORIZED');
  });

  it.each(['Bad Name!', '-leading', 'a'.repeat(33)])('refuses the name %s with INVALID_INPUT before any request', async (name) => {
    const { service, fake } = setUp('v2.30.0');
    const error = await fleetErrorOf(service.show(name));
    expect([error.code, error.message]).toEqual(['INVALID_INPUT', expect.stringContaining('letters, digits and single hyphens')]);
    expect(fake.requestCounts()).toEqual({});
  });

  it.each(GENERATIONS)('on %s answers NOT_FOUND for an unknown agent and for the plain workspace', async (generation) => {
    const { service } = setUp(generation);
    expect((await fleetErrorOf(service.show('nobody'))).code).toBe('NOT_FOUND');
    const plain = await fleetErrorOf(service.show('dev-box'));
    expect([plain.code, plain.message]).toEqual(['NOT_FOUND', expect.stringContaining('runs no AgentAPI app')]);
  });

  it('answers UNAUTHORIZED when Coder refuses the token', async () => {
    const refused = recordedApiError('v2.37.0', 'errors', 'GET', /users\/me$/);
    const { service } = setUp('v2.37.0', { getWorkspaceByOwnerAndName: async () => Promise.reject(refused) });
    expect((await fleetErrorOf(service.show('fix-login'))).code).toBe('UNAUTHORIZED');
  });
});

describe('FleetAgentService.create', () => {
  const request = { name: 'fleet-rec-workspace', project: 'claude-code', task: 'Say hello, then wait.' };

  it('on 2.30 creates a Coder task with the first task as its input, and returns once Coder accepted it', async () => {
    const created = recordedCreatedTask('v2.30.0');
    // The tasks recording never read the task's workspace: the recorded create of the same version and preset stands in for it.
    const { service, fake } = setUp('v2.30.0', { createTask: async () => created, getWorkspace: async () => recordedCreatedWorkspace('v2.30.0') });
    const taskRequest = { name: 'fleet-rec-task', project: 'claude-code', task: 'Write a haiku about fleets.' };
    const result = await service.create(taskRequest);
    expect(fake.argsOf('createTask').map((args) => args.slice(0, 2))).toEqual([
      ['me', recordedExchange('v2.30.0', 'tasks', 'POST', /\/tasks\/me$/).requestBody],
    ]);
    expect(fake.count('createWorkspace')).toBe(0);
    expect(fake.argsOf('getWorkspace').map((args) => args[0])).toEqual([created.workspace_id]);
    expect(result.firstTask).toBe('handed_to_coder');
    expect(result.agent.status).toBe('pending');
    expect(fake.count('sendAgentApiMessage')).toBe(0);
  });

  it('on 2.27 hands the first task to Coder in the `AI Prompt` parameter of the template version', async () => {
    const { service, fake } = setUp('v2.27.1', recordedCreation('v2.27.1'));
    const result = await service.create(request);
    const [organization, user, body] = present(fake.argsOf('createWorkspace')[0]);
    expect([organization, user]).toEqual([recordedTemplate('v2.27.1', 'claude-code').organization_id, 'me']);
    expect(body).toEqual(recordedCreateRequest('v2.27.1'));
    expect(body).toMatchObject({ rich_parameter_values: [{ name: 'AI Prompt', value: request.task }] });
    expect(result).toMatchObject({ firstTask: 'handed_to_coder', agent: { status: 'pending' } });
    expect(fake.count('createTask')).toBe(0);
  });

  it('on 2.27 sends no `AI Prompt` where the template version has none, and delivers the task through AgentAPI', async () => {
    const { service, fake } = setUp('v2.27.1', { ...recordedCreation('v2.27.1'), ...withoutAiPrompt('v2.27.1'), ...agentApiSettling('v2.27.1') });
    const result = await service.create(request);
    expect(present(fake.argsOf('createWorkspace')[0])[2]).not.toHaveProperty('rich_parameter_values');
    expect(result.firstTask).toBe('sent');
    expect(fake.argsOf('sendAgentApiMessage').map((args) => args[1])).toEqual([{ content: request.task, type: 'user' }]);
  });

  it('on 2.37 creates the workspace without a prompt, then sends the task through AgentAPI once it is stable', async () => {
    const { service, fake } = setUp('v2.37.0', { ...recordedCreation('v2.37.0'), ...agentApiSettling('v2.37.0') });
    const steps: AgentProgress[] = [];
    const result = await service.create(request, { onProgress: (progress) => steps.push(progress) });
    const body = present(fake.argsOf('createWorkspace')[0])[2];
    expect(body).toEqual({ name: request.name, template_version_id: recordedTemplate('v2.37.0', 'claude-code').active_version_id, template_version_preset_id: presetId('v2.37.0', 'Implementer') });
    expect(fake.count('getAgentApiStatus')).toBe(4);
    expect(fake.argsOf('sendAgentApiMessage').map((args) => args[1])).toEqual([{ content: request.task, type: 'user' }]);
    expect(result).toMatchObject({ firstTask: 'sent', agent: { name: request.name, status: 'busy' } });
    expect(steps.map((step) => `${step.step} ${step.progress}/${step.total}`)).toEqual([
      'build_queued 1/5',
      'build_running 2/5',
      'agent_connecting 3/5',
      'ready 4/5',
      'first_task_sent 5/5',
    ]);
  });

  it('on 2.37 does not deliver the task when the wait ends before AgentAPI is stable', async () => {
    const running = recordedAgentApiStatus('v2.37.0', 'running');
    const { service, fake, clock } = setUp(
      'v2.37.0',
      { ...recordedCreation('v2.37.0'), getAgentApiStatus: async () => running },
      { waitTimeoutMs: 20_000 },
    );
    const result = await service.create(request);
    expect(result.firstTask).toBe('not_delivered');
    expect(fake.count('sendAgentApiMessage')).toBe(0);
    expect(clock.time).toBe(20_000);
  });

  it('on 2.37 does not deliver the task to an agent whose build failed', async () => {
    const { service, fake } = setUp('v2.37.0', {
      createWorkspace: async () => recordedCreatedWorkspace('v2.37.0'),
      getWorkspace: async () => recordedWorkspace('v2.37.0', 'test-cache'),
    });
    const result = await service.create(request);
    expect(result).toMatchObject({ firstTask: 'not_delivered', agent: { status: 'failed' } });
    expect(fake.count('getAgentApiStatus')).toBe(0);
  });

  it('uses the named role, matched in any case', async () => {
    const { service, fake } = setUp('v2.27.1', recordedCreation('v2.27.1'));
    await service.create({ ...request, role: 'reviewer' });
    expect(present(fake.argsOf('createWorkspace')[0])[2]).toMatchObject({ template_version_preset_id: presetId('v2.27.1', 'Reviewer') });
  });

  it.each([
    [{ name: 'no_underscores' }, 'not a valid agent name'],
    [{ task: '   \n ' }, 'empty'],
    [{ task: '' }, 'empty'],
    [{ task: 'Review\u001b[201~' }, 'U+001B ESC at character 7'],
    [{ task: 'Review \u202egnp.exe' }, 'U+202E RIGHT-TO-LEFT OVERRIDE'],
  ])('refuses %j with INVALID_INPUT before any request', async (change, words) => {
    const { service, fake } = setUp('v2.37.0');
    const error = await fleetErrorOf(service.create({ ...request, ...change }));
    expect([error.code, error.message]).toEqual(['INVALID_INPUT', expect.stringContaining(words)]);
    expect(fake.requestCounts()).toEqual({});
  });

  it('refuses a task past 100 KB with INVALID_INPUT saying the limit and its size, before any request', async () => {
    const { service, fake } = setUp('v2.37.0');
    const error = await fleetErrorOf(service.create({ ...request, task: 'x'.repeat(300 * 1024) }));
    expect([error.code, error.message]).toEqual(['INVALID_INPUT', expect.stringContaining('at most 100 KB (102,400 bytes of UTF-8) and this one has 300 KB')]);
    expect(fake.requestCounts()).toEqual({});
  });

  it.each([
    ['fix-login', 'an agent ('],
    ['dev-box', 'a workspace without an agent'],
  ])('refuses the taken name %s with CONFLICT saying what holds it, without creating', async (name, holder) => {
    const { service, fake } = setUp('v2.37.0');
    const error = await fleetErrorOf(service.create({ ...request, name }));
    expect([error.code, error.message]).toEqual(['CONFLICT', expect.stringContaining(`"${name}" is taken by ${holder}`)]);
    expect(fake.count('createWorkspace')).toBe(0);
  });

  it.each([
    ['v2.27.1', 'createWorkspace'],
    ['v2.30.0', 'createTask'],
    ['v2.37.0', 'createWorkspace'],
  ] as const)("on %s turns Coder's 409 to %s (a concurrent create) into CONFLICT", async (generation, method) => {
    const { service } = setUp(generation, { [method]: async () => Promise.reject(recordedConflict(generation)) });
    const error = await fleetErrorOf(service.create(request));
    expect([error.code, error.message]).toEqual(['CONFLICT', expect.stringContaining('is taken')]);
  });

  it('refuses an unknown project with NOT_FOUND listing the projects that can run agents', async () => {
    const error = await fleetErrorOf(setUp('v2.37.0').service.create({ ...request, project: 'kubernetes' }));
    expect(error.code).toBe('NOT_FOUND');
    expect(error.message).toContain('There is no project "kubernetes". The projects are: AgentAPI Agent (agentapi-agent), Claude Code (claude-code), Research Agent (research-agent).');
  });

  it.each(GENERATIONS)('on %s refuses a template without an AgentAPI app with INVALID_INPUT naming what it lacks', async (generation) => {
    const { service, fake } = setUp(generation);
    const error = await fleetErrorOf(service.create({ ...request, project: 'Docker Dev' }));
    expect([error.code, error.message]).toEqual(['INVALID_INPUT', expect.stringContaining('has no app served by AgentAPI')]);
    expect(fake.count('createWorkspace') + fake.count('createTask')).toBe(0);
  });

  it('refuses an unknown role with NOT_FOUND listing the roles of the project', async () => {
    const error = await fleetErrorOf(setUp('v2.30.0').service.create({ ...request, role: 'Architect' }));
    expect([error.code, error.message]).toEqual(['NOT_FOUND', expect.stringContaining('Its roles are: Implementer, Reviewer, Tester.')]);
  });

  it('with wait, waits until the agent is online, reporting each step once and in order', async () => {
    const { service, clock, fake } = setUp('v2.27.1', recordedCreation('v2.27.1'));
    const steps: AgentProgress[] = [];
    const result = await service.create(request, { wait: true, onProgress: (progress) => steps.push(progress) });
    expect(result.firstTask).toBe('handed_to_coder');
    expect(['idle', 'busy']).toContain(result.agent.status);
    expect(steps.map((step) => `${step.step} ${step.progress}/${step.total}`)).toEqual([
      'build_queued 1/4',
      'build_running 2/4',
      'agent_connecting 3/4',
      'ready 4/4',
    ]);
    // One read of the workspace after each pause, the pauses doubling from 250 ms.
    expect(clock.sleeps).toEqual([250, 500, 1000].slice(0, fake.count('getWorkspace')));
  });

  it('stops waiting at the bound and returns the agent as it is, not online', async () => {
    const [built] = recordedCreatedWorkspaceAsPolled('v2.27.1');
    const { service, clock } = setUp(
      'v2.27.1',
      { createWorkspace: async () => recordedCreatedWorkspace('v2.27.1'), getWorkspace: async () => present(built) },
      { waitTimeoutMs: 5_000 },
    );
    const result = await service.create(request, { wait: true });
    expect(result.agent.status).toBe('starting');
    expect(clock.time).toBe(5_000);
  });

  it('stops waiting when the build fails and reports the failure with the job error', async () => {
    const { service } = setUp('v2.27.1', {
      createWorkspace: async () => recordedCreatedWorkspace('v2.27.1'),
      getWorkspace: async () => recordedWorkspace('v2.27.1', 'test-cache'),
    });
    const steps: AgentProgress[] = [];
    const result = await service.create(request, { wait: true, onProgress: (progress) => steps.push(progress) });
    expect(result.agent.status).toBe('failed');
    expect(steps.map((step) => step.step)).toEqual(['build_queued', 'failed']);
    expect(steps[1]?.message).toContain('no space left on device');
  });

  it('answers NOT_FOUND when the agent vanishes while it is awaited', async () => {
    const gone = recordedGone('v2.37.0');
    const { service } = setUp('v2.37.0', { createWorkspace: async () => recordedCreatedWorkspace('v2.37.0'), getWorkspace: async () => Promise.reject(gone) });
    const error = await fleetErrorOf(service.create(request, { wait: true }));
    expect([error.code, error.message]).toEqual(['NOT_FOUND', expect.stringContaining('"fleet-rec-workspace" no longer exists')]);
  });

  it('stops waiting when the caller aborts', async () => {
    const controller = new AbortController();
    const [built] = recordedCreatedWorkspaceAsPolled('v2.37.0');
    const { service } = setUp('v2.37.0', {
      createWorkspace: async () => recordedCreatedWorkspace('v2.37.0'),
      getWorkspace: async () => {
        controller.abort(new Error('caller gave up'));
        return present(built);
      },
    });
    await expect(service.create(request, { wait: true, signal: controller.signal })).rejects.toThrow('caller gave up');
  });
});

describe('FleetAgentService.delete', () => {
  it.each([
    ['v2.27.1', 'deleteWorkspace'],
    ['v2.30.0', 'deleteTask'],
    ['v2.37.0', 'deleteWorkspace'],
  ] as const)('on %s deletes a busy agent through %s and returns it as deleting', async (generation, method) => {
    const deleteBuild = WorkspaceBuildSchema.parse(recordedBody(generation, 'workspace-delete', 'POST', /\/builds$/));
    const { service, fake } = setUp(generation, { deleteWorkspace: async () => deleteBuild, deleteTask: async () => undefined });
    const agent = await service.delete('refactor-billing');
    expect(agent).toMatchObject({ name: 'refactor-billing', status: 'deleting' });
    expect(fake.count(method)).toBe(1);
    expect(fake.count('deleteWorkspace') + fake.count('deleteTask')).toBe(1);
  });

  it.each(['v2.27.1', 'v2.37.0'] as const)("on %s turns Coder's 409 (a build in progress) into INVALID_STATE", async (generation) => {
    const { service } = setUp(generation, { deleteWorkspace: async () => Promise.reject(recordedConflict(generation)) });
    const error = await fleetErrorOf(service.delete('fix-login'));
    expect([error.code, error.retryable]).toEqual(['INVALID_STATE', true]);
  });

  it("on v2.30.0 turns Coder's 409 to the task delete (a build in progress) into INVALID_STATE", async () => {
    const { service } = setUp('v2.30.0', { deleteTask: async () => Promise.reject(recordedConflict('v2.30.0')) });
    const error = await fleetErrorOf(service.delete('fix-login'));
    expect([error.code, error.retryable]).toEqual(['INVALID_STATE', true]);
  });

  it('answers NOT_FOUND for an agent that is not there', async () => {
    expect((await fleetErrorOf(setUp('v2.37.0').service.delete('gone-agent'))).code).toBe('NOT_FOUND');
  });

  it('deletes an agent in the middle of a build once that build finished, polling the build alone', async () => {
    const created = recordedCreatedWorkspace('v2.37.0');
    const deleteBuild = WorkspaceBuildSchema.parse(recordedBody('v2.37.0', 'workspace-delete', 'POST', /\/builds$/));
    const { service, fake, clock } = setUp('v2.37.0', {
      getWorkspaceByOwnerAndName: async () => created,
      getWorkspaceBuild: inTurn(...recordedCreateBuilds('v2.37.0').slice(1)),
      deleteWorkspace: async () => deleteBuild,
    });
    expect((await service.delete('fleet-rec-workspace')).status).toBe('deleting');
    expect(fake.count('getWorkspaceBuild')).toBeGreaterThan(0);
    expect(fake.argsOf('deleteWorkspace').map((args) => args[0])).toEqual([created.id]);
    expect(clock.sleeps[0]).toBe(250);
  });

  it('refuses with INVALID_STATE when the running build does not finish within the bound', async () => {
    const { service, fake } = setUp(
      'v2.37.0',
      {
        getWorkspaceByOwnerAndName: async () => recordedCreatedWorkspace('v2.37.0'),
        getWorkspaceBuild: async () => present(recordedCreateBuilds('v2.37.0')[1]),
      },
      { waitTimeoutMs: 2_000 },
    );
    const error = await fleetErrorOf(service.delete('fleet-rec-workspace'));
    expect([error.code, error.retryable]).toEqual(['INVALID_STATE', true]);
    expect(fake.count('deleteWorkspace')).toBe(0);
  });

  it('leaves an agent that is being deleted already to its deletion', async () => {
    const deleteBuild = WorkspaceBuildSchema.parse(recordedBody('v2.37.0', 'workspace-delete', 'POST', /\/builds$/));
    const { service, fake } = setUp('v2.37.0', { getWorkspaceByOwnerAndName: async () => recordedWorkspaceWithBuild('v2.37.0', 'fix-login', deleteBuild) });
    expect((await service.delete('fix-login')).status).toBe('deleting');
    expect(fake.count('deleteWorkspace')).toBe(0);
  });
});

describe('FleetAgentService.restart', () => {
  function recordedRestart(generation: RecordedGeneration): FakeAnswers {
    const [accepted, ...polled] = recordedStopBuilds(generation);
    const started = recordedStartBuild(generation);
    return {
      stopWorkspace: async () => present(accepted),
      getWorkspaceBuild: inTurn(...polled),
      startWorkspace: async () => started,
      getWorkspace: async () => recordedWorkspaceWithBuild(generation, 'fix-login', started),
    };
  }

  it.each(GENERATIONS)('on %s stops a running agent, waits for the stop with build reads, then starts it', async (generation) => {
    const { service, fake } = setUp(generation, recordedRestart(generation));
    const details = await service.restart('fix-login');
    expect(details.build.id).toBe(recordedStartBuild(generation).id);
    const workspaceId = recordedWorkspace(generation, 'fix-login').id;
    expect(fake.argsOf('stopWorkspace').map((args) => args[0])).toEqual([workspaceId]);
    expect(fake.argsOf('startWorkspace').map((args) => args[0])).toEqual([workspaceId]);
    expect(fake.count('getWorkspaceBuild')).toBe(recordedStopBuilds(generation).length - 1);
  });

  it('only starts a stopped agent, and with wait reports progress for the start', async () => {
    const { service, fake } = setUp('v2.37.0', recordedStartOf('v2.37.0', 'review-webhooks'));
    const steps: string[] = [];
    await service.restart('review-webhooks', { wait: true, onProgress: (progress) => steps.push(`${progress.step} ${progress.progress}/${progress.total}`) });
    expect(fake.count('stopWorkspace')).toBe(0);
    expect(steps).toEqual(['build_queued 1/4', 'build_running 2/4', 'agent_connecting 3/4', 'ready 4/4']);
  });

  it('reports both halves of a restart with growing progress', async () => {
    const [, ...asPolled] = recordedCreatedWorkspaceAsPolled('v2.37.0');
    const restart = recordedRestart('v2.37.0');
    const { service } = setUp('v2.37.0', { ...restart, getWorkspace: inTurn(recordedWorkspaceWithBuild('v2.37.0', 'fix-login', recordedStartBuild('v2.37.0')), ...asPolled) });
    const steps: AgentProgress[] = [];
    await service.restart('fix-login', { wait: true, onProgress: (progress) => steps.push(progress) });
    expect(steps.map((step) => `${step.step} ${step.progress}/${step.total}`)).toEqual([
      'build_queued 1/6',
      'build_running 2/6',
      'build_queued 3/6',
      'build_running 4/6',
      'agent_connecting 5/6',
      'ready 6/6',
    ]);
    expect(steps[0]?.message).toContain('Stop build');
  });

  it('does not start again when the stop does not finish within the bound, and returns the agent as it is', async () => {
    const stops = recordedStopBuilds('v2.37.0');
    const stopping = present(stops.find((build) => build.job.status === 'running'));
    const { service, fake } = setUp(
      'v2.37.0',
      { stopWorkspace: async () => present(stops[0]), getWorkspaceBuild: async () => stopping, getWorkspace: async () => recordedWorkspaceWithBuild('v2.37.0', 'fix-login', stopping) },
      { waitTimeoutMs: 3_000 },
    );
    expect((await service.restart('fix-login')).status).toBe('stopping');
    expect(fake.count('startWorkspace')).toBe(0);
  });

  it.each(GENERATIONS)("on %s turns Coder's 409 to the stop (a build in progress) into INVALID_STATE", async (generation) => {
    const { service } = setUp(generation, { stopWorkspace: async () => Promise.reject(recordedConflict(generation)) });
    const error = await fleetErrorOf(service.restart('fix-login'));
    expect([error.code, error.retryable, error.message]).toEqual(['INVALID_STATE', true, expect.stringContaining('build of its workspace is in progress')]);
  });

  it('refuses with INVALID_STATE while a build is in progress, before any build request', async () => {
    const { service, fake } = setUp('v2.37.0', { getWorkspaceByOwnerAndName: async () => recordedCreatedWorkspace('v2.37.0') });
    const error = await fleetErrorOf(service.restart('fleet-rec-workspace'));
    expect([error.code, error.message]).toEqual(['INVALID_STATE', expect.stringContaining('build of its workspace is in progress')]);
    expect(fake.count('stopWorkspace') + fake.count('startWorkspace')).toBe(0);
  });

  it('answers NOT_FOUND when the agent vanishes between the lookup and the stop', async () => {
    const gone = recordedGone('v2.37.0');
    const { service } = setUp('v2.37.0', { stopWorkspace: async () => Promise.reject(gone) });
    expect((await fleetErrorOf(service.restart('fix-login'))).code).toBe('NOT_FOUND');
  });
});
