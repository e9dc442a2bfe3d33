// What an agent's record holds, read from a recorded workspace or task per generation: every field the tools show.
import type { CoderTask, Workspace } from '@fleet/coder-client';
import type { AgentRecord } from '../../src/backends/fleet-backend.js';
import { type FakeAnswers, recordedCoder, type RecordedGeneration, recordedTasks, recordedWorkspace, withWorkspaceAgents } from '@fleet/coder-fakes';
import { backendOver } from '../support/backend-over.js';
import { present } from '../support/present.js';

const GENERATIONS = ['v2.27.1', 'v2.30.0', 'v2.37.0'] as const;

async function recordOf(generation: RecordedGeneration, name: string, overrides: FakeAnswers = {}): Promise<AgentRecord> {
  return present(await backendOver(recordedCoder(generation, overrides)).findAgent(name), `the record of ${name}`);
}

/** The record of the recorded workspace `name` as `change` makes it. */
async function recordOfChanged(name: string, change: (workspace: Workspace) => Workspace): Promise<AgentRecord> {
  const changed = change(recordedWorkspace('v2.37.0', name));
  return recordOf('v2.37.0', name, { getWorkspaceByOwnerAndName: async () => changed });
}

async function listed(generation: RecordedGeneration, name: string, overrides: FakeAnswers = {}) {
  const entries = await backendOver(recordedCoder(generation, overrides)).listAgents();
  return present(entries.find((entry) => entry.agent.name === name), `the listed ${name}`);
}

describe('an agent record from a workspace', () => {
  it.each(GENERATIONS)('on %s holds the running agent as the tools show it', async (generation) => {
    const record = await recordOf(generation, 'fix-login');

    expect(record.details).toEqual({
      id: '44791494-3573-44c6-a6b2-ea3022666278',
      name: 'fix-login',
      status: 'busy',
      project: 'Claude Code',
      role: 'Reviewer',
      lastTask: { state: 'working', message: 'Done: Harden the rate limiter middleware', at: '2025-06-02T05:35:01.500Z' },
      createdAt: '2025-06-01T20:58:00.000Z',
      updatedAt: '2025-06-01T20:58:38.000Z',
      workspaceId: '44791494-3573-44c6-a6b2-ea3022666278',
      url: 'http://127.0.0.1:39565/@fleet-dev/fix-login',
      owner: 'fleet-dev',
      build: { id: '91283ccf-dbd5-45a3-b419-b9af35ce5fde', number: 1, transition: 'start', status: 'running', jobStatus: 'succeeded', error: null },
      templateVersionId: '2561445f-d0c2-45ed-8528-df85588c6962',
      templateVersionName: 'quirky-turing-4c1',
      // The preset's values until show reads the build's own.
      parameters: [
        { name: 'system_prompt', value: 'You are the reviewer. Read the change, run the tests, and report problems with file and line; do not rewrite code.' },
        { name: 'model', value: 'claude-opus-4-1' },
      ],
      health: { healthy: true, agentStatus: 'connected', lifecycleState: 'ready', reason: null },
    });
    expect(record.presetId).toBe('5036c03f-9961-46f9-aa81-9ee1d4a20731');
    expect(record.app).toEqual({ owner: 'fleet-dev', workspace: 'fix-login', agent: 'main', slug: 'ccw', appId: '5513bcbf-d8dd-47d7-805f-33fddbb6e28c', subdomain: false });
  });

  it('holds the statuses the agent reported, newest first, each as the history shows it', async () => {
    const record = await recordOf('v2.37.0', 'fix-login');
    const statuses = present(recordedWorkspace('v2.37.0', 'fix-login').latest_build.resources[0]?.agents[0]?.apps[0]?.statuses);

    expect(record.history).toHaveLength(statuses.length);
    expect(record.history.slice(0, 2)).toEqual([
      { id: 'e2caaa3f-a875-408d-8d35-35dfc3a4820b', state: 'working', message: 'Done: Harden the rate limiter middleware', uri: null, needsUserAttention: false, createdAt: '2025-06-02T05:35:01.500Z' },
      { id: '15aabf3f-9f15-42ae-8cb8-6f3627d22cb5', state: 'idle', message: 'Starting: Harden the rate limiter middleware', uri: null, needsUserAttention: false, createdAt: '2025-06-02T05:35:00.000Z' },
    ]);
    const times = record.history.map((entry) => Date.parse(entry.createdAt));
    expect(times).toEqual([...times].sort((first, second) => second - first));
  });

  it('orders the history by time, not by the order Coder sent it in, and keeps a link and a call for attention', async () => {
    const record = await recordOfChanged('fix-login', (workspace) =>
      withWorkspaceAgents(workspace, (agent) => ({
        apps: agent.apps.map((app) => {
          const [newest, second, ...rest] = app.statuses ?? [];
          if (!newest || !second) return app;
          return { ...app, statuses: [{ ...second, uri: 'https://github.com/acme/webapp/pull/1820', needs_user_attention: true }, newest, ...rest] };
        }),
      })),
    );

    expect(record.history.slice(0, 2).map((entry) => [entry.id, entry.uri, entry.needsUserAttention])).toEqual([
      ['e2caaa3f-a875-408d-8d35-35dfc3a4820b', null, false],
      ['15aabf3f-9f15-42ae-8cb8-6f3627d22cb5', 'https://github.com/acme/webapp/pull/1820', true],
    ]);
  });

  it('holds a stopped agent without a workspace agent as unhealthy, saying why', async () => {
    const record = await recordOf('v2.37.0', 'review-webhooks');

    expect(record.details.health).toEqual({ healthy: false, agentStatus: null, lifecycleState: null, reason: 'no workspace agent runs: the workspace is not running' });
    expect(record.history).toEqual([]);
    expect(record.details).toMatchObject({ status: 'stopped', build: { transition: 'stop', number: 2 } });
  });

  it('holds a disconnected workspace agent as unhealthy with Coder\'s reason', async () => {
    const record = await recordOfChanged('fix-login', (workspace) =>
      withWorkspaceAgents(workspace, () => ({ status: 'disconnected', health: { healthy: false, reason: 'agent has lost connection' } })),
    );

    expect(record.details.status).toBe('starting');
    expect(record.details.health).toEqual({ healthy: false, agentStatus: 'disconnected', lifecycleState: 'ready', reason: 'agent has lost connection' });
  });

  it('falls back on the workspace health, then on the connection, where the agent reports no health', async () => {
    const unhealthyWorkspace = await recordOfChanged('fix-login', (workspace) => ({
      ...withWorkspaceAgents(workspace, () => ({ health: null })),
      health: { healthy: false, failing_agents: [] },
    }));
    const disconnected = await recordOfChanged('fix-login', (workspace) => {
      const { health: _health, ...withoutHealth } = withWorkspaceAgents(workspace, () => ({ health: null, status: 'timeout' }));
      return withoutHealth;
    });

    expect(unhealthyWorkspace.details.health).toEqual({ healthy: false, agentStatus: 'connected', lifecycleState: 'ready', reason: 'the workspace agent is connected' });
    expect(disconnected.details.health).toEqual({ healthy: false, agentStatus: 'timeout', lifecycleState: 'ready', reason: 'the workspace agent is timeout' });
  });

  it('reads an agent idle when its `working` report predates its latest start build (statuses survive restarts)', async () => {
    const record = await recordOfChanged('fix-login', (workspace) => ({ ...workspace, latest_build: { ...workspace.latest_build, created_at: '2025-06-02T06:00:00.000Z' } }));

    expect(record.details.status).toBe('idle');
    expect(record.details.lastTask).toEqual({ state: 'working', message: 'Done: Harden the rate limiter middleware', at: '2025-06-02T05:35:01.500Z' });
  });

  it('reads an agent starting while its AgentAPI app is still initializing', async () => {
    const record = await recordOfChanged('speedup-onboarding', (workspace) =>
      withWorkspaceAgents(workspace, (agent) => ({ apps: agent.apps.map((app) => ({ ...app, health: 'initializing' })) })),
    );

    expect(record.details.status).toBe('starting');
  });

  it('takes the workspace\'s latest app status when it is newer, unless it is another app\'s', async () => {
    const newer = (workspace: Workspace, appId: string | undefined) => ({
      ...workspace,
      latest_app_status: { ...present(workspace.latest_app_status), id: 'c0ffee00-0000-4000-8000-000000000001', app_id: appId, state: 'idle', message: 'All done', created_at: '2025-06-02T09:00:00.000Z' },
    });
    const appId = '5513bcbf-d8dd-47d7-805f-33fddbb6e28c';

    const ofItsApp = await recordOfChanged('fix-login', (workspace) => newer(workspace, appId));
    const ofNoApp = await recordOfChanged('fix-login', (workspace) => newer(workspace, undefined));
    const ofAnotherApp = await recordOfChanged('fix-login', (workspace) => newer(workspace, '0810e93b-bbdf-4719-b29b-7f8f136d8f23'));

    expect([ofItsApp.details.status, ofItsApp.details.lastTask?.message]).toEqual(['idle', 'All done']);
    expect([ofNoApp.details.status, ofNoApp.details.lastTask?.message]).toEqual(['idle', 'All done']);
    expect([ofAnotherApp.details.status, ofAnotherApp.details.lastTask?.message]).toEqual(['busy', 'Done: Harden the rate limiter middleware']);
  });

  it('names the project by the template name where the template has no display name, and a failed build by its error', async () => {
    const record = await recordOfChanged('test-cache', (workspace) => ({ ...workspace, template_display_name: '' }));

    expect(record.details).toMatchObject({
      project: 'claude-code',
      status: 'failed',
      lastTask: { state: 'idle', message: 'Done: Add tests for the feature flag client' },
      build: { jobStatus: 'failed', error: 'terraform apply: exit status 1\nError: creating Docker container: no space left on device' },
    });
  });
});

describe('an agent record from a workspace that leaves out what Coder may leave out', () => {
  it('holds no build number, version name, preset or role, and statuses without message or call for attention', async () => {
    const record = await recordOfChanged('fix-login', (workspace) => {
      const { build_number: _number, template_version_name: _versionName, ...build } = workspace.latest_build;
      const bare = withWorkspaceAgents({ ...workspace, latest_build: { ...build, template_version_preset_id: null } }, (agent) => ({
        apps: agent.apps.map((app) => ({
          ...app,
          statuses: (app.statuses ?? []).map(({ message: _message, needs_user_attention: _attention, ...status }) => status),
        })),
      }));
      const { message: _message, ...latest } = present(workspace.latest_app_status);
      return { ...bare, latest_app_status: latest };
    });

    expect(record.details).toMatchObject({
      role: null,
      build: { number: 0 },
      templateVersionName: null,
      parameters: [],
      lastTask: { state: 'working', message: '', at: '2025-06-02T05:35:01.500Z' },
    });
    expect(record.presetId).toBeNull();
    expect(record.history[0]).toMatchObject({ message: '', needsUserAttention: false });
  });
});

describe('a listed agent from a task', () => {
  it('on 2.30 holds the task as a summary, with its template, and no role', async () => {
    expect(await listed('v2.30.0', 'refactor-billing')).toEqual({
      agent: {
        id: '91e10224-0a65-422a-abb6-1c1cb1d0918c',
        name: 'refactor-billing',
        status: 'busy',
        project: 'Claude Code',
        role: null,
        lastTask: { state: 'working', message: 'Running the test suite after the first change', at: '2025-06-02T08:59:15.000Z' },
        createdAt: '2025-06-01T23:33:00.000Z',
        updatedAt: '2025-06-01T23:33:38.000Z',
      },
      templateId: '19cfe6bf-ecfc-47fb-9f7d-b62d59e672e3',
      templateName: 'claude-code',
    });
  });

  it('on 2.27 reads the workspace status from the experimental list\'s `status`', async () => {
    const statuses = await Promise.all(['docs-exports', 'review-webhooks', 'test-cache'].map(async (name) => (await listed('v2.27.1', name)).agent.status));

    expect(statuses).toEqual(['busy', 'stopped', 'failed']);
  });

  it('on 2.30 reads a task still initializing as starting, and a task without a workspace as pending', async () => {
    const changed = (change: (task: CoderTask) => CoderTask) => {
      const tasks = recordedTasks('v2.30.0').map((task) => (task.name === 'refactor-billing' ? change(task) : task));
      return { getTasks: async () => ({ tasks, count: tasks.length }) };
    };

    const initializing = await listed('v2.30.0', 'refactor-billing', changed((task) => ({ ...task, status: 'initializing' })));
    const noWorkspace = await listed(
      'v2.30.0',
      'refactor-billing',
      changed((task) => ({ ...task, status: 'pending', workspace_status: undefined, workspace_id: null, current_state: null })),
    );

    expect(initializing.agent.status).toBe('starting');
    expect(noWorkspace.agent).toMatchObject({ id: '386197bc-7299-4241-888c-d8315d9bc5e3', status: 'pending', lastTask: null });
  });

  it('on 2.30 names the agent by the task where it has no workspace name, and the project by the template name', async () => {
    const tasks = recordedTasks('v2.30.0').map((task) =>
      task.name === 'refactor-billing' ? { ...task, workspace_name: '', template_display_name: '', current_state: { ...present(task.current_state), message: undefined } } : task,
    );

    const entry = await listed('v2.30.0', 'refactor-billing', { getTasks: async () => ({ tasks, count: tasks.length }) });

    expect(entry.agent).toMatchObject({ name: 'refactor-billing', project: 'claude-code', lastTask: { state: 'working', message: '' } });
  });

  it('on 2.30 has no project where the task names no template', async () => {
    const tasks = recordedTasks('v2.30.0').map((task) =>
      task.name === 'refactor-billing' ? { ...task, template_display_name: undefined, template_name: undefined } : task,
    );

    const entry = await listed('v2.30.0', 'refactor-billing', { getTasks: async () => ({ tasks, count: tasks.length }) });

    expect([entry.agent.project, entry.templateName]).toEqual(['', '']);
  });
});
