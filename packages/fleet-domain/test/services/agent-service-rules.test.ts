// More of the agent rules over recorded Coder data: filters, the order of create's checks, roles, deletes during builds, restarts' time bound, named waits.
import { WorkspaceBuildSchema, type CoderTask, type Workspace } from '@fleet/coder-client';
import type { AgentProgress } from '@fleet/fleet-models';
import { FleetAgentService } from '../../src/services/fleet-agent-service.js';
import { type FakeAnswers, FakeClock, inTurn, recordedAgentApiStatus, recordedApiError, recordedBody, recordedCoder, recordedCreateBuilds, recordedCreatedWorkspace, recordedCreatedWorkspaceAsPolled, type RecordedGeneration, recordedPresets, recordedStartBuild, recordedStopBuilds, recordedTasks, recordedTemplate, recordedWorkspace, recordedWorkspaces, withWorkspaceAgents } from '@fleet/coder-fakes';
import { backendOver } from '../support/backend-over.js';
import { fleetErrorOf } from '../support/fleet-error-of.js';
import { present } from '../support/present.js';

function setUp(generation: RecordedGeneration, overrides: FakeAnswers = {}, options: { waitTimeoutMs?: number } = {}) {
  const fake = recordedCoder(generation, overrides);
  const clock = new FakeClock();
  return { fake, clock, service: new FleetAgentService(backendOver(fake), { clock, ...options }) };
}

function withBuild(generation: RecordedGeneration, name: string, build: Workspace['latest_build']): Workspace {
  return { ...recordedWorkspace(generation, name), latest_build: build };
}

function presetId(generation: RecordedGeneration, role: string): string {
  const version = recordedTemplate(generation, 'claude-code').active_version_id;
  return present(recordedPresets(generation, version).find((preset) => preset.Name === role)?.ID, `the preset ${role}`);
}

const request = { name: 'fleet-rec-workspace', project: 'claude-code', task: 'Say hello, then wait.' };

describe('listing', () => {
  it('on 2.30 filters by project by template name where the task list gives no template id', async () => {
    const tasks: CoderTask[] = recordedTasks('v2.30.0').map((task) => ({ ...task, template_id: undefined }));
    const { service } = setUp('v2.30.0', { getTasks: async () => ({ tasks, count: tasks.length }) });

    const list = await service.list({ project: 'research-agent' });

    expect(list.page.items.map((agent) => agent.name)).toEqual(['docs-exports']);
  });

  it('on 2.30 pages the agents of a project and status, counting the project\'s agents by status', async () => {
    const { service } = setUp('v2.30.0');

    const list = await service.list({ project: 'claude-code', status: 'busy', pageSize: 1 });

    expect(list.page).toMatchObject({ total: 2, page: 1, pageSize: 1, hasNext: true });
    expect(list.page.items.map((agent) => agent.status)).toEqual(['busy']);
    expect(list.counts).toMatchObject({ total: 4, online: 2 });
    expect(list.counts.byStatus).toMatchObject({ busy: 2, stopped: 1, failed: 1, idle: 0 });
  });

  it.each(['v2.30.0', 'v2.37.0'] as const)('on %s lists and counts no agents for a project that runs none, though it has workspaces', async (generation) => {
    const devBox = recordedWorkspace(generation, 'dev-box');
    const plain = `owner:me template:"${devBox.template_name}"`;
    // Coder's answers on 2.37: the template's one workspace, dev-box, running.
    const counts: Record<string, number> = { [plain]: 1, [`${plain} status:running`]: 1 };
    const { service } = setUp(generation, {
      getWorkspaces: async (filter = {}) => {
        if (filter.q === 'owner:me') return { workspaces: recordedWorkspaces(generation), count: recordedWorkspaces(generation).length };
        if (filter.limit === 1 && filter.offset === 0) return { workspaces: [], count: counts[filter.q ?? ''] ?? 0 };
        return { workspaces: filter.q?.startsWith(plain) ? [devBox] : [], count: 1 };
      },
    });

    const list = await service.list({ project: 'Docker Dev' });

    expect(list.page).toEqual({ items: [], total: 0, page: 1, pageSize: 20, hasNext: false, hasPrevious: false });
    expect(list.counts).toMatchObject({ total: 0, online: 0 });
  });

  it('refuses a page request out of bounds, saying the bounds, before any request', async () => {
    const { service, fake } = setUp('v2.30.0');

    const error = await fleetErrorOf(service.list({ pageSize: 0 }));

    expect([error.code, error.message]).toEqual(['INVALID_INPUT', expect.stringMatching(/^Invalid page request: .+\. Pages start at 1 and hold 1 to 100 entries\.$/)]);
    expect(fake.requestCounts()).toEqual({});
  });

  it('names the statuses there are when refusing an unknown one', async () => {
    const error = await fleetErrorOf(setUp('v2.30.0').service.list({ status: 'sleeping' as never }));

    expect(error.message).toBe(
      'Unknown agent status "sleeping": use one of pending, starting, idle, busy, waiting, stopping, stopped, failed, canceling, canceled, deleting.',
    );
  });
});

describe('showing', () => {
  it("reads the parameters of the agent's latest build", async () => {
    const { service, fake } = setUp('v2.37.0');

    await service.show('fix-login');

    expect(fake.argsOf('getWorkspaceBuildParameters').map((args) => args[0])).toEqual([recordedWorkspace('v2.37.0', 'fix-login').latest_build.id]);
  });

  it('shows an agent waiting when its screen asks its user a question', async () => {
    const { service } = setUp('v2.37.0', {
      getAgentApiMessages: async () => [{ id: 9, role: 'agent', content: '● Bash(rm -rf build)\n\n Do you want to proceed?\n ❯ 1. Yes\n   2. No', time: '2025-06-02T09:00:00Z' }],
    });

    expect((await service.show('fix-login')).status).toBe('waiting');
  });

  it('shows an agent waiting when its newest app status asks for its user\'s attention, whatever its screen', async () => {
    const attention = withWorkspaceAgents(recordedWorkspace('v2.37.0', 'fix-login'), (agent) => ({
      apps: agent.apps.map((app) => {
        const [newest, ...older] = app.statuses ?? [];
        return newest ? { ...app, statuses: [{ ...newest, needs_user_attention: true }, ...older] } : app;
      }),
    }));
    const { service } = setUp('v2.37.0', { getWorkspaceByOwnerAndName: async () => attention });

    expect((await service.show('fix-login')).status).toBe('waiting');
    expect((await setUp('v2.37.0').service.show('fix-login')).status).toBe('idle');
  });
});

describe('creating', () => {
  it('refuses a taken name before telling that the project is unknown', async () => {
    const error = await fleetErrorOf(setUp('v2.37.0').service.create({ ...request, name: 'fix-login', project: 'nope' }));

    expect(error.code).toBe('CONFLICT');
  });

  it('fails with the lookup\'s failure before anything else', async () => {
    const failure = recordedApiError('v2.37.0', 'server-error', 'GET', /workspaces$/);
    const { service, fake } = setUp('v2.37.0', { getWorkspaceByOwnerAndName: async () => Promise.reject(failure) });

    expect((await fleetErrorOf(service.create({ ...request, project: 'nope' }))).code).toBe('CODER_UNAVAILABLE');
    expect(fake.count('createWorkspace')).toBe(0);
  });

  it('returns at once where Coder took the first task, without polling', async () => {
    const { service, fake, clock } = setUp('v2.27.1', { createWorkspace: async () => recordedCreatedWorkspace('v2.27.1') });

    const result = await service.create(request);

    expect(result).toMatchObject({ firstTask: 'handed_to_coder', agent: { status: 'pending' } });
    expect(fake.count('getWorkspace')).toBe(0);
    expect(clock.sleeps).toEqual([]);
  });

  it.each([
    ['  Reviewer ', 'Reviewer'],
    ['', 'Implementer'],
    [undefined, 'Implementer'],
  ])('takes the role %j as %s (the default where none is named)', async (role, preset) => {
    const { service, fake } = setUp('v2.27.1', { createWorkspace: async () => recordedCreatedWorkspace('v2.27.1') });

    await service.create({ ...request, ...(role === undefined ? {} : { role }) });

    expect(present(fake.argsOf('createWorkspace')[0])[2]).toMatchObject({ template_version_preset_id: presetId('v2.27.1', preset) });
  });

  it('sends no preset where the project has no default role and none was asked', async () => {
    const version = recordedTemplate('v2.37.0', 'claude-code').active_version_id;
    const { service, fake } = setUp('v2.37.0', {
      createWorkspace: async () => recordedCreatedWorkspace('v2.37.0'),
      getWorkspace: inTurn(...recordedCreatedWorkspaceAsPolled('v2.37.0')),
      getTemplateVersionPresets: async () => recordedPresets('v2.37.0', version).map((preset) => ({ ...preset, Default: false })),
    });

    await service.create(request);

    expect(present(fake.argsOf('createWorkspace')[0])[2]).toEqual({ name: request.name, template_version_id: version });
  });
});

describe('deleting', () => {
  it('deletes an agent whose build in the way ended failed', async () => {
    const created = recordedCreatedWorkspace('v2.37.0');
    const [pending] = recordedCreateBuilds('v2.37.0');
    const failed = { ...present(pending), status: 'failed' as const, job: { ...present(pending).job, status: 'failed' as const, error: 'terraform apply: exit status 1' } };
    const deleteBuild = WorkspaceBuildSchema.parse(recordedBody('v2.37.0', 'workspace-delete', 'POST', /\/builds$/));
    const { service, fake } = setUp('v2.37.0', {
      getWorkspaceByOwnerAndName: async () => created,
      getWorkspaceBuild: async () => failed,
      deleteWorkspace: async () => deleteBuild,
    });

    expect((await service.delete('fleet-rec-workspace')).status).toBe('deleting');
    expect(fake.argsOf('getWorkspaceBuild').map((args) => args[0])).toEqual([created.latest_build.id]);
    expect(fake.count('deleteWorkspace')).toBe(1);
  });

  it('says which build is in the way when it gives up waiting for it', async () => {
    const created = recordedCreatedWorkspace('v2.37.0');
    const { service } = setUp(
      'v2.37.0',
      { getWorkspaceByOwnerAndName: async () => created, getWorkspaceBuild: async () => present(recordedCreateBuilds('v2.37.0')[1]) },
      { waitTimeoutMs: 2_000 },
    );

    const error = await fleetErrorOf(service.delete('fleet-rec-workspace'));

    expect(error.message).toBe(
      'Agent "fleet-rec-workspace" cannot be deleted now: a build of its workspace is in progress (status pending). Wait until it is done (show_agent tells), then try again.',
    );
  });

  it('deletes a stopped agent at once, reading no build', async () => {
    const deleteBuild = WorkspaceBuildSchema.parse(recordedBody('v2.37.0', 'workspace-delete', 'POST', /\/builds$/));
    const { service, fake } = setUp('v2.37.0', { deleteWorkspace: async () => deleteBuild });

    const agent = await service.delete('review-webhooks');

    expect(agent).toEqual({
      id: recordedWorkspace('v2.37.0', 'review-webhooks').id,
      name: 'review-webhooks',
      status: 'deleting',
      project: 'Claude Code',
      role: expect.any(String),
      lastTask: { state: 'working', message: 'Done: Document the onboarding wizard', at: '2025-06-02T05:53:01.500Z' },
      createdAt: '2025-06-01T22:19:00.000Z',
      updatedAt: '2025-06-02T06:54:38.000Z',
    });
    expect(fake.count('getWorkspaceBuild')).toBe(0);
  });
});

describe('restarting', () => {
  it('only starts a failed agent, reporting the start alone', async () => {
    const started = recordedStartBuild('v2.37.0');
    const [, ...asPolled] = recordedCreatedWorkspaceAsPolled('v2.37.0');
    const { service, fake } = setUp('v2.37.0', { startWorkspace: async () => started, getWorkspace: inTurn(withBuild('v2.37.0', 'test-cache', started), ...asPolled) });
    const steps: AgentProgress[] = [];

    await service.restart('test-cache', { wait: true, onProgress: (step) => steps.push(step) });

    expect(fake.count('stopWorkspace')).toBe(0);
    expect(steps.map((step) => `${step.step} ${step.progress}/${step.total}`)).toEqual(['build_queued 1/4', 'build_running 2/4', 'agent_connecting 3/4', 'ready 4/4']);
  });

  it('returns once Coder accepted the start without wait, polling nothing after it', async () => {
    const started = recordedStartBuild('v2.37.0');
    const { service, fake } = setUp('v2.37.0', { startWorkspace: async () => started, getWorkspace: async () => withBuild('v2.37.0', 'review-webhooks', started) });

    const details = await service.restart('review-webhooks');

    expect(details).toMatchObject({ status: 'pending', build: { id: started.id, transition: 'start' } });
    expect(fake.count('getWorkspace')).toBe(1);
  });

  it('waits for the start only for what is left of the bound after the stop', async () => {
    const [accepted, ...polled] = recordedStopBuilds('v2.37.0');
    const started = recordedStartBuild('v2.37.0');
    const [built] = recordedCreatedWorkspaceAsPolled('v2.37.0');
    const { service, clock } = setUp(
      'v2.37.0',
      {
        stopWorkspace: async () => present(accepted),
        getWorkspaceBuild: inTurn(...polled),
        startWorkspace: async () => started,
        getWorkspace: inTurn(withBuild('v2.37.0', 'fix-login', started), present(built)),
      },
      { waitTimeoutMs: 5_000 },
    );

    const details = await service.restart('fix-login', { wait: true });

    expect(details.status).toBe('starting');
    expect(clock.time).toBe(5_000);
  });

  it('refuses with INVALID_STATE while a stop runs, naming the status', async () => {
    const stopping = present(recordedStopBuilds('v2.37.0').find((build) => build.job.status === 'running'));
    const { service, fake } = setUp('v2.37.0', { getWorkspaceByOwnerAndName: async () => withBuild('v2.37.0', 'fix-login', stopping) });

    const error = await fleetErrorOf(service.restart('fix-login'));

    expect([error.code, error.message]).toEqual(['INVALID_STATE', expect.stringContaining('(status stopping)')]);
    expect(fake.count('stopWorkspace')).toBe(0);
  });
});

describe('waiting for named agents', () => {
  it('looks each name up once, whatever its case (the last spelling), and keeps the order of the names', async () => {
    const { service, fake } = setUp('v2.30.0', { getAgentApiStatus: async () => recordedAgentApiStatus('v2.30.0', 'running') });
    const names = ['speedup-onboarding', 'test-cache', 'review-webhooks', 'docs-exports', 'fix-login', 'refactor-billing', 'FIX-LOGIN'];

    const outcome = await service.waitFor({ names, all: false, timeoutMs: 1_000 });

    expect(outcome.agents.map((agent) => agent.name)).toEqual(names.slice(0, 6));
    expect(fake.argsOf('getWorkspaceByOwnerAndName').map((args) => args[1])).toEqual([
      'speedup-onboarding',
      'test-cache',
      'review-webhooks',
      'docs-exports',
      'FIX-LOGIN',
      'refactor-billing',
    ]);
    expect(outcome.met).toBe(true);
  });

  it('refuses a plain workspace among the names, naming it', async () => {
    const error = await fleetErrorOf(setUp('v2.30.0').service.waitFor({ names: ['fix-login', 'dev-box'] }));

    expect([error.code, error.message]).toEqual(['NOT_FOUND', 'There is no agent named "dev-box". list_agents shows the agents there are.']);
  });

  it('refuses an invalid name before any request', async () => {
    const { service, fake } = setUp('v2.30.0');

    expect((await fleetErrorOf(service.waitFor({ names: ['fix-login', 'Bad Name!'] }))).code).toBe('INVALID_INPUT');
    expect(fake.requestCounts()).toEqual({});
  });
});
