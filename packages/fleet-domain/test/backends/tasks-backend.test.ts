// Coder 2.29–2.36, where agents are Coder tasks: the Tasks API where an agent has a task, the workspace level where it has none.
import type { CoderTask, Workspace } from '@fleet/coder-client';
import { FleetAgentService } from '../../src/services/fleet-agent-service.js';
import { FleetTaskService } from '../../src/services/fleet-task-service.js';
import { type FakeAnswers, FakeClock, recordedAgentMessages, recordedApiError, recordedCoder, recordedCreatedTask, recordedCreatedWorkspace, recordedExchange, recordedTasks, recordedWorkspace, withWorkspaceAgents } from '@fleet/coder-fakes';
import { backendOver } from '../support/backend-over.js';
import { fleetErrorOf } from '../support/fleet-error-of.js';
import { present } from '../support/present.js';

const GENERATION = 'v2.30.0';
const FIX_LOGIN_APP_ID = '5513bcbf-d8dd-47d7-805f-33fddbb6e28c';

function setUp(overrides: FakeAnswers = {}) {
  const fake = recordedCoder(GENERATION, overrides);
  const backend = backendOver(fake);
  const clock = new FakeClock();
  return { fake, agents: new FleetAgentService(backend, { clock }), tasks: new FleetTaskService(backend, { clock }) };
}

function recordedTask(name: string): CoderTask {
  return present(recordedTasks(GENERATION).find((task) => task.name === name), `the recorded task ${name}`);
}

/** fix-login whose AgentAPI app AgentAPI's signature misses (another port, no `/status` healthcheck). */
function fixLoginWithUnrecognisedApp(): Workspace {
  return withWorkspaceAgents(recordedWorkspace(GENERATION, 'fix-login'), (agent) => ({
    apps: agent.apps.map((app) => (app.id === FIX_LOGIN_APP_ID ? { ...app, url: 'http://localhost:8080/', healthcheck: undefined } : app)),
  }));
}

/** fix-login as a plain workspace agent on 2.30: made before the Tasks API, no task behind it. */
function fixLoginWithoutTask(): Workspace {
  return { ...recordedWorkspace(GENERATION, 'fix-login'), task_id: null };
}

describe('the Tasks API backend', () => {
  it("locates AgentAPI by the task's app where the workspace's apps do not show it, and sends the prompt there", async () => {
    const workspace = fixLoginWithUnrecognisedApp();
    const { tasks, fake } = setUp({
      getWorkspaceByOwnerAndName: async () => workspace,
      getWorkspace: async () => workspace,
      getTask: async () => recordedTask('fix-login'),
    });

    await tasks.start('fix-login', 'Work');

    expect(fake.argsOf('getTask').map((args) => args.slice(0, 2))).toEqual([['me', workspace.task_id]]);
    expect(fake.argsOf('getWorkspace').map((args) => args[0])).toEqual([workspace.id]);
    expect(fake.argsOf('sendAgentApiMessage').map((args) => args[0])).toEqual([expect.objectContaining({ appId: FIX_LOGIN_APP_ID, slug: 'ccw', workspace: 'fix-login' })]);
  });

  it('answers AGENT_OFFLINE when neither the workspace nor the task names an AgentAPI app', async () => {
    const workspace = fixLoginWithUnrecognisedApp();
    const { tasks, fake } = setUp({
      getWorkspaceByOwnerAndName: async () => workspace,
      getTask: async () => ({ ...recordedTask('fix-login'), workspace_app_id: null }),
    });

    const error = await fleetErrorOf(tasks.start('fix-login', 'Work'));

    expect([error.code, error.message]).toEqual(['AGENT_OFFLINE', expect.stringContaining('has no app served by AgentAPI')]);
    expect(fake.count('getWorkspace') + fake.count('sendAgentApiMessage')).toBe(0);
  });

  it('reads a task agent\'s log from the task, even where the workspace shows no AgentAPI app', async () => {
    const { tasks, fake } = setUp({ getWorkspaceByOwnerAndName: async () => fixLoginWithUnrecognisedApp() });

    const page = await tasks.log('fix-login');

    expect(page.total).toBeGreaterThan(0);
    expect(fake.count('getTaskLogs')).toBe(1);
    expect(fake.count('getTask') + fake.count('getAgentApiMessages')).toBe(0);
  });

  it('reads the log of an agent without a task from AgentAPI, newest first, and answers its input as input', async () => {
    const { tasks, fake } = setUp({ getWorkspaceByOwnerAndName: async () => fixLoginWithoutTask() });
    const messages = recordedAgentMessages(GENERATION);

    const page = await tasks.log('fix-login', { pageSize: 100 });

    expect(fake.count('getTaskLogs')).toBe(0);
    expect(page.items.map((entry) => entry.id)).toEqual(messages.map((message) => String(message.id)).reverse());
    expect(page.items.map((entry) => entry.type)).toEqual(messages.map((message) => (message.role === 'user' ? 'input' : 'output')).reverse());
    expect(page.items.at(-1)).toEqual({ id: String(messages[0]?.id), type: 'output', content: messages[0]?.content, time: messages[0]?.time });
  });

  it("reads a task's log entries as input and output, newest first", async () => {
    const { tasks } = setUp();

    const page = await tasks.log('fix-login', { pageSize: 100 });

    const logs = (await recordedCoder(GENERATION).client.getTaskLogs('me', 'any')).logs;
    expect(page.items).toEqual(
      logs.map((entry) => ({ id: String(entry.id), type: entry.type === 'input' ? 'input' : 'output', content: entry.content, time: entry.time })).reverse(),
    );
    expect(new Set(page.items.map((entry) => entry.type))).toEqual(new Set(['input', 'output']));
  });

  it('deletes an agent without a task as a workspace', async () => {
    const { agents, fake } = setUp({
      getWorkspaceByOwnerAndName: async () => fixLoginWithoutTask(),
      deleteWorkspace: async () => recordedCreatedWorkspace(GENERATION).latest_build,
    });

    await agents.delete('fix-login');

    expect(fake.argsOf('deleteWorkspace').map((args) => args[0])).toEqual([recordedWorkspace(GENERATION, 'fix-login').id]);
    expect(fake.count('deleteTask')).toBe(0);
  });

  it('deletes a task agent through its task', async () => {
    const { agents, fake } = setUp({ deleteTask: async () => undefined });

    await agents.delete('fix-login');

    expect(fake.argsOf('deleteTask').map((args) => args.slice(0, 2))).toEqual([['me', recordedWorkspace(GENERATION, 'fix-login').task_id]]);
  });

  it("says the build in the way when Coder refuses a task's delete with 409", async () => {
    const conflict = recordedApiError(GENERATION, 'workspace-conflict', 'POST', /workspaces$/);
    const { agents } = setUp({ deleteTask: async () => Promise.reject(conflict) });

    const error = await fleetErrorOf(agents.delete('fix-login'));

    expect(error.message).toBe(
      'Agent "fix-login" cannot be deleted now: a build of its workspace is in progress (status running). Wait until it is done (show_agent tells), then try again.',
    );
  });

  it("passes on any other failure of a task's delete", async () => {
    const failure = recordedApiError(GENERATION, 'server-error', 'GET', /workspaces$/);
    const { agents } = setUp({ deleteTask: async () => Promise.reject(failure) });

    expect((await fleetErrorOf(agents.delete('fix-login'))).code).toBe('CODER_UNAVAILABLE');
  });

  it.each([
    ['its workspace name', (task: CoderTask): CoderTask => task],
    ["the agent's name where it names no workspace", (task: CoderTask): CoderTask => ({ ...task, workspace_name: '' })],
  ])('finds the workspace of a created task that does not say its id by %s', async (_by, change) => {
    const created = change({ ...recordedCreatedTask(GENERATION), workspace_id: null });
    let lookups = 0;
    const { agents, fake } = setUp({
      createTask: async () => created,
      // Before the create the name is free; afterwards it is the created workspace.
      getWorkspaceByOwnerAndName: async () => {
        lookups += 1;
        if (lookups === 1) throw recordedApiError(GENERATION, 'errors', 'GET', /^\/api\/v2\/workspaces\/0{8}-/);
        return recordedCreatedWorkspace(GENERATION);
      },
    });

    const result = await agents.create({ name: 'fleet-rec-task', project: 'claude-code', task: 'Write a haiku about fleets.' });

    expect(result).toMatchObject({ firstTask: 'handed_to_coder', agent: { name: recordedCreatedWorkspace(GENERATION).name } });
    expect(fake.argsOf('getWorkspaceByOwnerAndName').map((args) => args.slice(0, 2))).toEqual([
      ['me', 'fleet-rec-task'],
      ['me', 'fleet-rec-task'],
    ]);
    expect(fake.count('getWorkspace')).toBe(0);
  });

  it('sends no preset with a task when the project has no default role and none was asked', async () => {
    const { agents, fake } = setUp({
      createTask: async () => recordedCreatedTask(GENERATION),
      getWorkspace: async () => recordedCreatedWorkspace(GENERATION),
      getTemplateVersionPresets: async () => [],
    });

    await agents.create({ name: 'fleet-rec-task', project: 'claude-code', task: 'Write a haiku about fleets.' });

    const body = present(fake.argsOf('createTask')[0])[1];
    expect(body).not.toHaveProperty('template_version_preset_id');
    expect(body).toEqual({ input: 'Write a haiku about fleets.', name: 'fleet-rec-task', template_version_id: (recordedExchange(GENERATION, 'tasks', 'POST', /\/tasks\/me$/).requestBody as { template_version_id: string }).template_version_id });
  });

  it("passes on a task create's failure other than a conflict", async () => {
    const invalid = recordedApiError(GENERATION, 'errors', 'POST', /workspaces$/);
    const { agents } = setUp({ createTask: async () => Promise.reject(invalid) });

    const error = await fleetErrorOf(agents.create({ name: 'fleet-rec-task', project: 'claude-code', task: 'Work' }));

    expect(error.code).toBe('INVALID_INPUT');
  });
});
