// The agent rules on fake repositories: names, projects, roles, conflicts, waiting, delete and restart.
import type { AgentProgress } from '@fleet/fleet-models';
import { FleetAgentService } from '../../src/services/fleet-agent-service.js';
import {
  FakeAgentRepository,
  FakeClock,
  FakeProjectRepository,
  progressOfBuild,
  recordOfWorkspace,
  withBuild,
  type CallLog,
} from '../support/fake-repositories.js';
import {
  recordedCreateBuilds,
  recordedCreatedWorkspace,
  recordedRunningWorkspace,
  recordedStartBuild,
  recordedStopBuilds,
} from '../support/recorded-coder-data.js';
import { recordedApiError } from '../support/recorded-traffic.js';
import { fleetErrorOf } from '../support/fleet-error-of.js';
import { present } from '../support/present.js';

const GENERATION = 'v2.30.0';

function setUp(options: { waitTimeoutMs?: number } = {}) {
  const calls: CallLog = [];
  const agents = new FakeAgentRepository(GENERATION, calls);
  const projects = new FakeProjectRepository(GENERATION, calls);
  const clock = new FakeClock();
  const service = new FleetAgentService(agents, projects, { clock, ...options });
  return { calls, agents, projects, clock, service };
}


/** The create of the recordings, then Coder's answers while its build runs and its agent gets ready. */
function recordedCreation() {
  const created = recordOfWorkspace(GENERATION, recordedCreatedWorkspace(GENERATION));
  const [, starting, , connecting] = recordedCreateBuilds(GENERATION);
  const online = recordOfWorkspace(GENERATION, recordedRunningWorkspace(GENERATION));
  return {
    created,
    starting: withBuild(GENERATION, created, present(starting)),
    connecting: withBuild(GENERATION, created, present(connecting)),
    online,
  };
}

describe('FleetAgentService.list', () => {
  it('lists every agent, leaving out workspaces without one', async () => {
    const { service } = setUp();
    const names = (await service.list()).map((agent) => agent.name);
    expect(names).toEqual(expect.arrayContaining(['fix-login', 'refactor-billing', 'review-webhooks', 'test-cache']));
    expect(names).not.toContain('dev-box');
  });

  it('filters by status', async () => {
    const { service } = setUp();
    expect((await service.list({ status: 'busy' })).map((agent) => agent.name)).toEqual(['refactor-billing']);
  });

  it('filters by project, named by display name in any case', async () => {
    const { service } = setUp();
    const agents = await service.list({ project: 'RESEARCH AGENT' });
    expect(agents.map((agent) => agent.name)).toEqual(['docs-exports']);
  });

  it('refuses an unknown project with NOT_FOUND listing the projects there are', async () => {
    const { service } = setUp();
    const error = await fleetErrorOf(service.list({ project: 'nope' }));
    expect(error.code).toBe('NOT_FOUND');
    expect(error.message).toContain('Claude Code (claude-code), Research Agent (research-agent)');
  });

  it('refuses an unknown status with INVALID_INPUT before any request', async () => {
    const { service, calls } = setUp();
    const error = await fleetErrorOf(service.list({ status: 'sleeping' as never }));
    expect(error.code).toBe('INVALID_INPUT');
    expect(calls).toEqual([]);
  });

  it('turns a failing Coder into CODER_UNAVAILABLE', async () => {
    const { service, agents } = setUp();
    agents.listAnswer = () => Promise.reject(recordedApiError(GENERATION, 'server-error', 'GET', /workspaces$/));
    expect((await fleetErrorOf(service.list())).code).toBe('CODER_UNAVAILABLE');
  });
});

describe('FleetAgentService.show', () => {
  it('shows one agent with one lookup and the parameters its build was made with, its first task among them', async () => {
    const { service, calls } = setUp();
    const details = await service.show('fix-login');
    expect(details).toMatchObject({ name: 'fix-login', status: 'idle', project: 'Claude Code' });
    expect(details.parameters).toContainEqual({ name: 'AI Prompt', value: expect.any(String) });
    expect(calls).toEqual(['agents.findByName', 'agents.buildParameters']);
  });

  it.each([
    ['Bad Name!', 'INVALID_INPUT'],
    ['-leading', 'INVALID_INPUT'],
    ['a'.repeat(33), 'INVALID_INPUT'],
  ])('refuses the name %s with %s before any request', async (name, code) => {
    const { service, calls } = setUp();
    const error = await fleetErrorOf(service.show(name));
    expect(error.code).toBe(code);
    expect(error.message).toContain('letters, digits and single hyphens');
    expect(calls).toEqual([]);
  });

  it('answers NOT_FOUND for an unknown agent and for a workspace without one', async () => {
    const { service } = setUp();
    expect((await fleetErrorOf(service.show('nobody'))).code).toBe('NOT_FOUND');
    const plain = await fleetErrorOf(service.show('dev-box'));
    expect([plain.code, plain.message]).toEqual(['NOT_FOUND', expect.stringContaining('without an AI task')]);
  });

  it('answers UNAUTHORIZED when Coder refuses the token', async () => {
    const { service, agents } = setUp();
    agents.findByNameAnswer = () => Promise.reject(recordedApiError(GENERATION, 'errors', 'GET', /users\/me$/));
    expect((await fleetErrorOf(service.show('fix-login'))).code).toBe('UNAUTHORIZED');
  });
});

describe('FleetAgentService.create', () => {
  const request = { name: 'fleet-rec-workspace', project: 'claude-code', task: 'Say hello, then wait.' };

  it('creates from the project with its default role and returns as soon as Coder accepted the build', async () => {
    const { service, agents, projects, calls } = setUp();
    const { created } = recordedCreation();
    let asked: unknown;
    agents.createAnswer = async (agent) => {
      asked = agent;
      return created;
    };
    const details = await service.create(request);
    const implementer = (await projects.roles(projects.project('claude-code'))).find((role) => role.name === 'Implementer');
    expect(asked).toEqual({ name: request.name, task: request.task, project: projects.project('claude-code'), presetId: implementer?.presetId });
    expect(details.status).toBe('pending');
    expect(calls.filter((call) => call.startsWith('agents.'))).toEqual(['agents.findByName', 'agents.create']);
  });

  it('uses the named role, matched in any case', async () => {
    const { service, agents, projects } = setUp();
    let presetId: string | undefined;
    agents.createAnswer = async (agent) => {
      presetId = agent.presetId;
      return recordedCreation().created;
    };
    await service.create({ ...request, role: 'reviewer' });
    const reviewer = (await projects.roles(projects.project('claude-code'))).find((role) => role.name === 'Reviewer');
    expect(presetId).toBe(reviewer?.presetId);
  });

  it.each([
    [{ name: 'no_underscores' }, 'INVALID_INPUT', 'not a valid agent name'],
    [{ task: '   \n ' }, 'INVALID_INPUT', 'empty'],
    [{ task: '' }, 'INVALID_INPUT', 'empty'],
  ])('refuses %j with %s before any request', async (change, code, words) => {
    const { service, calls } = setUp();
    const error = await fleetErrorOf(service.create({ ...request, ...change }));
    expect([error.code, error.message]).toEqual([code, expect.stringContaining(words)]);
    expect(calls).toEqual([]);
  });

  it('refuses a name that is taken with CONFLICT, without creating', async () => {
    const { service, calls } = setUp();
    const error = await fleetErrorOf(service.create({ ...request, name: 'fix-login' }));
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toContain('"fix-login" is taken by an agent (idle)');
    expect(calls).not.toContain('agents.create');
  });

  it("turns Coder's 409 for a name taken meanwhile (a concurrent create) into CONFLICT", async () => {
    const { service, agents } = setUp();
    agents.createAnswer = () => Promise.reject(recordedApiError(GENERATION, 'workspace-conflict', 'POST', /workspaces$/));
    const error = await fleetErrorOf(service.create(request));
    expect([error.code, error.message]).toEqual(['CONFLICT', expect.stringContaining('is taken')]);
  });

  it('refuses an unknown project with NOT_FOUND listing the projects that can run agents', async () => {
    const { service } = setUp();
    const error = await fleetErrorOf(service.create({ ...request, project: 'kubernetes' }));
    expect(error.code).toBe('NOT_FOUND');
    expect(error.message).toContain('There is no project "kubernetes". The projects are: Claude Code (claude-code), Research Agent (research-agent).');
  });

  it('refuses a template that cannot run an agent with INVALID_INPUT naming the missing AI Prompt', async () => {
    const { service, calls } = setUp();
    const error = await fleetErrorOf(service.create({ ...request, project: 'Docker Dev' }));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toContain('"AI Prompt" parameter');
    expect(calls).not.toContain('agents.create');
  });

  it('refuses an unknown role with NOT_FOUND listing the roles of the project', async () => {
    const { service } = setUp();
    const error = await fleetErrorOf(service.create({ ...request, role: 'Architect' }));
    expect(error.code).toBe('NOT_FOUND');
    expect(error.message).toContain('Its roles are: Implementer, Reviewer, Tester.');
  });

  it('waits until the agent is online, reporting each step once and in order', async () => {
    const { service, agents, clock } = setUp();
    const { created, starting, connecting, online } = recordedCreation();
    agents.createAnswer = async () => created;
    agents.refreshed = [starting, starting, connecting, online];
    const steps: AgentProgress[] = [];
    const details = await service.create(request, { wait: true, onProgress: (progress) => steps.push(progress) });
    expect(['idle', 'busy']).toContain(details.status);
    expect(steps.map((step) => [step.step, step.progress, step.total])).toEqual([
      ['build_queued', 1, 4],
      ['build_running', 2, 4],
      ['agent_connecting', 3, 4],
      ['ready', 4, 4],
    ]);
    expect(clock.sleeps).toEqual([250, 500, 1000, 2000]);
  });

  it('stops waiting at the bound and returns the agent as it is, not online', async () => {
    const { service, agents, clock } = setUp({ waitTimeoutMs: 5_000 });
    const { created, connecting } = recordedCreation();
    agents.createAnswer = async () => created;
    agents.refreshed = [connecting];
    const details = await service.create(request, { wait: true });
    expect(details.status).toBe('starting');
    expect(clock.time).toBe(5_000);
  });

  it('stops waiting when the build fails and reports the failure with the job error', async () => {
    const { service, agents } = setUp();
    const { created } = recordedCreation();
    const failed = agents.record('test-cache');
    agents.createAnswer = async () => created;
    agents.refreshed = [failed];
    const steps: AgentProgress[] = [];
    const details = await service.create(request, { wait: true, onProgress: (progress) => steps.push(progress) });
    expect(details.status).toBe('failed');
    expect(steps.map((step) => step.step)).toEqual(['build_queued', 'failed']);
    expect(steps[1]?.message).toContain('no space left on device');
    expect(steps[1]?.progress).toBe(4);
  });

  it('answers NOT_FOUND when the agent vanishes while it is awaited', async () => {
    const { service, agents } = setUp();
    agents.createAnswer = async () => recordedCreation().created;
    agents.findById = () => Promise.reject(recordedApiError(GENERATION, 'workspace-delete', 'GET', /^\/api\/v2\/workspaces\//));
    const error = await fleetErrorOf(service.create(request, { wait: true }));
    expect([error.code, error.message]).toEqual(['NOT_FOUND', expect.stringContaining('"fleet-rec-workspace" no longer exists')]);
  });

  it('stops waiting when the caller aborts', async () => {
    const { service, agents } = setUp();
    const controller = new AbortController();
    const { created, starting } = recordedCreation();
    agents.createAnswer = async () => created;
    agents.findById = async () => {
      controller.abort(new Error('caller gave up'));
      return starting;
    };
    await expect(service.create(request, { wait: true, signal: controller.signal })).rejects.toThrow('caller gave up');
  });
});

describe('FleetAgentService.delete', () => {
  it('deletes whatever the state, a busy agent too, and returns it as deleting', async () => {
    const { service, calls } = setUp();
    const agent = await service.delete('refactor-billing');
    expect(agent).toMatchObject({ name: 'refactor-billing', status: 'deleting' });
    expect(calls).toEqual(['agents.findByName', 'agents.delete']);
  });

  it("turns Coder's 409 (a build in progress) into INVALID_STATE", async () => {
    const { service, agents } = setUp();
    agents.deleteAnswer = () => Promise.reject(recordedApiError(GENERATION, 'workspace-conflict', 'POST', /workspaces$/));
    const error = await fleetErrorOf(service.delete('fix-login'));
    expect([error.code, error.retryable]).toEqual(['INVALID_STATE', true]);
  });

  it('answers NOT_FOUND for an agent that is not there', async () => {
    const { service } = setUp();
    expect((await fleetErrorOf(service.delete('gone-agent'))).code).toBe('NOT_FOUND');
  });

  it('deletes an agent in the middle of a build once that build finished', async () => {
    const { service, agents, calls, clock } = setUp();
    const { starting } = recordedCreation();
    agents.records.set('fleet-rec-workspace', starting);
    agents.builds = recordedCreateBuilds(GENERATION).slice(1).map(progressOfBuild);
    const agent = await service.delete('fleet-rec-workspace');
    expect(agent.status).toBe('deleting');
    expect(calls.filter((call) => call === 'agents.findBuild').length).toBeGreaterThan(0);
    expect(calls[calls.length - 1]).toBe('agents.delete');
    expect(clock.sleeps[0]).toBe(250);
  });

  it('refuses with INVALID_STATE when the running build does not finish within the bound', async () => {
    const { service, agents, calls } = setUp({ waitTimeoutMs: 2_000 });
    const { starting } = recordedCreation();
    agents.records.set('fleet-rec-workspace', starting);
    agents.builds = [progressOfBuild(present(recordedCreateBuilds(GENERATION)[1]))];
    const error = await fleetErrorOf(service.delete('fleet-rec-workspace'));
    expect([error.code, error.retryable]).toEqual(['INVALID_STATE', true]);
    expect(calls).not.toContain('agents.delete');
  });

  it('leaves an agent that is being deleted already to its deletion', async () => {
    const { service, agents, calls } = setUp();
    const [deleteBuild] = recordedStopBuilds(GENERATION);
    agents.records.set('leaving', withBuild(GENERATION, agents.record('fix-login'), { ...present(deleteBuild), transition: 'delete', status: 'deleting' }));
    expect((await service.delete('leaving')).status).toBe('deleting');
    expect(calls).toEqual(['agents.findByName']);
  });
});

describe('FleetAgentService.restart', () => {
  it('stops a running agent, waits for the stop with cheap build reads, then starts it', async () => {
    const { service, agents, calls } = setUp();
    const [accepted, ...polled] = recordedStopBuilds(GENERATION);
    agents.stopAnswer = async () => progressOfBuild(present(accepted));
    agents.builds = polled.map(progressOfBuild);
    const started = withBuild(GENERATION, agents.record('fix-login'), recordedStartBuild(GENERATION));
    agents.startAnswer = async () => started;
    const details = await service.restart('fix-login');
    expect(details.build.id).toBe(recordedStartBuild(GENERATION).id);
    expect(calls).toEqual(['agents.findByName', 'agents.stop', ...polled.map(() => 'agents.findBuild'), 'agents.start']);
  });

  it('only starts a stopped agent, and with wait reports progress for the start', async () => {
    const { service, agents, calls } = setUp();
    const stopped = agents.record('review-webhooks');
    agents.startAnswer = async () => withBuild(GENERATION, stopped, recordedStartBuild(GENERATION));
    agents.refreshed = [recordOfWorkspace(GENERATION, recordedRunningWorkspace(GENERATION))];
    const steps: string[] = [];
    await service.restart('review-webhooks', { wait: true, onProgress: (progress) => steps.push(`${progress.step} ${progress.progress}/${progress.total}`) });
    expect(calls).toEqual(['agents.findByName', 'agents.start', 'agents.findById']);
    expect(steps).toEqual(['build_queued 1/4', 'build_running 2/4', 'agent_connecting 3/4', 'ready 4/4']);
  });

  it('reports both halves of a restart with growing progress', async () => {
    const { service, agents } = setUp();
    const [accepted, ...polled] = recordedStopBuilds(GENERATION);
    agents.stopAnswer = async () => progressOfBuild(present(accepted));
    agents.builds = polled.map(progressOfBuild);
    agents.startAnswer = async () => withBuild(GENERATION, agents.record('fix-login'), recordedStartBuild(GENERATION));
    agents.refreshed = [recordOfWorkspace(GENERATION, recordedRunningWorkspace(GENERATION))];
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
    const { service, agents, calls } = setUp({ waitTimeoutMs: 3_000 });
    const [accepted] = recordedStopBuilds(GENERATION);
    const running = recordedStopBuilds(GENERATION).find((build) => build.job.status === 'running');
    agents.stopAnswer = async () => progressOfBuild(present(accepted));
    agents.builds = [progressOfBuild(present(running))];
    agents.refreshed = [withBuild(GENERATION, agents.record('fix-login'), present(running))];
    const details = await service.restart('fix-login');
    expect(details.status).toBe('stopping');
    expect(calls).not.toContain('agents.start');
  });

  it('refuses with INVALID_STATE while a build is in progress', async () => {
    const { service, agents } = setUp();
    agents.records.set('fleet-rec-workspace', recordedCreation().starting);
    const error = await fleetErrorOf(service.restart('fleet-rec-workspace'));
    expect([error.code, error.message]).toEqual(['INVALID_STATE', expect.stringContaining('build of its workspace is in progress')]);
  });

  it('answers NOT_FOUND when the agent vanishes between the lookup and the stop', async () => {
    const { service, agents } = setUp();
    agents.stopAnswer = () => Promise.reject(recordedApiError(GENERATION, 'workspace-delete', 'GET', /^\/api\/v2\/workspaces\//));
    expect((await fleetErrorOf(service.restart('fix-login'))).code).toBe('NOT_FOUND');
  });
});
