// The errors of the fleet's rules as a caller reads them: code, retryable, and the whole message, per situation.
import { WorkspaceBuildSchema, type Workspace } from '@fleet/coder-client';
import { FleetAgentService } from '../../src/services/fleet-agent-service.js';
import { FleetProjectService } from '../../src/services/fleet-project-service.js';
import { FleetTaskService } from '../../src/services/fleet-task-service.js';
import { type FakeAnswers, FakeClock, recordedAgentApiStatus, recordedBody, recordedCoder, recordedConflict, recordedCreatedWorkspace, recordedCreatedWorkspaceAsPolled, recordedStopBuilds, recordedWorkspace, withoutAgentApiApp } from '@fleet/coder-fakes';
import { backendOver } from '../support/backend-over.js';
import { fleetErrorOf } from '../support/fleet-error-of.js';
import { present } from '../support/present.js';

const GENERATION = 'v2.37.0';

function services(overrides: FakeAnswers = {}) {
  const fake = recordedCoder(GENERATION, overrides);
  const backend = backendOver(fake);
  const clock = new FakeClock();
  return {
    fake,
    agents: new FleetAgentService(backend, { clock }),
    tasks: new FleetTaskService(backend, { clock }),
    projects: new FleetProjectService(backend),
  };
}

/** fix-login as Coder shows it once `build` (a recorded build of another transition) is its latest. */
function fixLoginWith(build: Workspace['latest_build']): Workspace {
  return { ...recordedWorkspace(GENERATION, 'fix-login'), latest_build: build };
}

const queuedDelete = () => WorkspaceBuildSchema.parse(recordedBody(GENERATION, 'workspace-delete', 'POST', /\/builds$/));
const queuedStop = () => present(recordedStopBuilds(GENERATION)[0]);

/** Each lookup by name answers the workspace `workspace`. */
function lookingUp(workspace: Workspace): FakeAnswers {
  return { getWorkspaceByOwnerAndName: async () => workspace };
}

describe('an agent that is not online', () => {
  it.each([
    ['pending', true, () => recordedCreatedWorkspace(GENERATION), 'It is still starting: wait until it is idle (show_agent tells; create_agent and restart_agent can wait for it).'],
    ['starting', true, () => present(recordedCreatedWorkspaceAsPolled(GENERATION)[0]), 'It is still starting: wait until it is idle (show_agent tells; create_agent and restart_agent can wait for it).'],
    ['deleting', false, () => fixLoginWith(queuedDelete()), 'It is being deleted: create a new agent instead.'],
    ['stopping', false, () => fixLoginWith(queuedStop()), 'It is stopping: once it is stopped, restart_agent starts it again.'],
    ['stopped', false, () => recordedWorkspace(GENERATION, 'review-webhooks'), 'Start it again with restart_agent.'],
    ['failed', false, () => recordedWorkspace(GENERATION, 'test-cache'), 'Start it again with restart_agent.'],
  ] as const)('takes no task while %s (AGENT_OFFLINE, retryable %s), with advice for that status', async (status, retryable, workspace, advice) => {
    const { tasks, fake } = services(lookingUp(workspace()));

    const error = await fleetErrorOf(tasks.start('an-agent', 'Work'));

    expect([error.code, error.retryable, error.message]).toEqual(['AGENT_OFFLINE', retryable, `Agent "an-agent" is ${status}, not online, so it cannot take a task. ${advice}`]);
    expect(fake.count('getAgentApiStatus')).toBe(0);
  });

  it('has no log to read, saying where the conversation lives', async () => {
    const error = await fleetErrorOf(services().tasks.log('review-webhooks'));

    expect(error.message).toBe(
      'Agent "review-webhooks" is stopped, not online, so its log cannot be read (the conversation lives in the running agent). Start it again with restart_agent.',
    );
  });

  it('has no history to read once stopped, saying when Coder shows it', async () => {
    const error = await fleetErrorOf(services().tasks.history('review-webhooks'));

    expect([error.code, error.message]).toEqual([
      'AGENT_OFFLINE',
      'Agent "review-webhooks" is stopped, not online, so its history cannot be read (Coder shows it only while the workspace runs). Start it again with restart_agent.',
    ]);
  });

  it.each([
    ['pending', () => recordedCreatedWorkspace(GENERATION)],
    ['starting', () => present(recordedCreatedWorkspaceAsPolled(GENERATION)[0])],
  ] as const)('has an empty history while %s: it has simply reported nothing yet', async (_status, workspace) => {
    const page = await services(lookingUp(workspace())).tasks.history('fleet-rec-workspace');

    expect(page).toMatchObject({ agentName: 'fleet-rec-workspace', items: [], total: 0 });
  });

  it.each([
    ['stopped', 'review-webhooks', 'Start it again with restart_agent.'],
    ['failed', 'test-cache', 'Start it again with restart_agent.'],
  ] as const)('has nothing to cancel while %s (INVALID_STATE)', async (status, name, advice) => {
    const error = await fleetErrorOf(services().tasks.cancel(name));

    expect([error.code, error.retryable, error.message]).toEqual(['INVALID_STATE', false, `Agent "${name}" is ${status}, not busy, so there is nothing to cancel. ${advice}`]);
  });
});

describe('an online agent', () => {
  it('has nothing to cancel while idle, and says it has no task in progress', async () => {
    const error = await fleetErrorOf(services().tasks.cancel('speedup-onboarding'));

    expect(error.message).toBe('Agent "speedup-onboarding" is idle, not busy, so there is nothing to cancel. It has no task in progress.');
  });

  it('cancels an agent that waits for its user: Esc answers its question', async () => {
    const { tasks, fake } = services({
      getAgentApiStatus: async () => recordedAgentApiStatus(GENERATION, 'stable'),
      getAgentApiMessages: async () => [
        { id: 7, role: 'agent', content: '● Bash(rm -rf build)\n\n Do you want to proceed?\n ❯ 1. Yes\n   2. No', time: '2025-06-02T09:00:00Z' },
      ],
    });

    const agent = await tasks.cancel('fix-login');

    expect(agent.status).toBe('idle');
    expect(fake.count('interruptAgentApi')).toBe(1);
  });

  it('is busy for a prompt, with what to do about it', async () => {
    const { tasks } = services({ getAgentApiStatus: async () => recordedAgentApiStatus(GENERATION, 'running') });

    const error = await fleetErrorOf(tasks.start('fix-login', 'More work'));

    expect(error.message).toBe(
      'Agent "fix-login" is busy with a task: wait until it is idle (show_agent tells), or interrupt it with cancel_agent_task first.',
    );
  });

  it.each([
    ['start', (tasks: FleetTaskService) => tasks.start('fix-login', 'Work')],
    ['cancel', (tasks: FleetTaskService) => tasks.cancel('fix-login')],
    ['log', (tasks: FleetTaskService) => tasks.log('fix-login')],
  ] as const)('without an AgentAPI app Coder shows cannot %s (retryable AGENT_OFFLINE)', async (_operation, call) => {
    const withoutApp = withoutAgentApiApp(recordedWorkspace(GENERATION, 'fix-login'));
    const { tasks, fake } = services(lookingUp(withoutApp));

    const error = await fleetErrorOf(call(tasks));

    expect([error.code, error.retryable, error.message]).toEqual([
      'AGENT_OFFLINE',
      true,
      'Agent "fix-login" has no app served by AgentAPI on its latest build (none on port 3284 or with a /status healthcheck); it may still be starting. Try again shortly; restart_agent helps if it stays so.',
    ]);
    expect(fake.count('getAgentApiStatus') + fake.count('getAgentApiMessages')).toBe(0);
  });
});

describe('names and builds', () => {
  it('refuses an invalid name quoting it and Coder\'s rule', async () => {
    const error = await fleetErrorOf(services().agents.show('Bad Name!'));

    expect(error.message).toMatch(/^"Bad Name!" is not a valid agent name: .+\. Agent names follow Coder's workspace name rule: letters, digits and single hyphens between them/);
  });

  it('refuses a name that is no string, saying so', async () => {
    const error = await fleetErrorOf(services().agents.show(42 as never));

    expect([error.code, error.message]).toEqual(['INVALID_INPUT', expect.stringMatching(/^"42" is not a valid agent name: an agent name is a string\./)]);
  });

  it('refuses a task that is no string, saying what a task is', async () => {
    const error = await fleetErrorOf(services().tasks.start('fix-login', undefined as never));

    expect([error.code, error.message]).toEqual(['INVALID_INPUT', 'The task cannot be sent: a task is a string: write what the agent should do.']);
  });

  it('says there is no such agent, and where to see the agents there are', async () => {
    const error = await fleetErrorOf(services().agents.show('nobody'));

    expect(error.message).toBe('There is no agent named "nobody". list_agents shows the agents there are.');
  });

  it('says a plain workspace is no agent', async () => {
    const error = await fleetErrorOf(services().agents.delete('dev-box'));

    expect([error.code, error.message]).toEqual([
      'NOT_FOUND',
      '"dev-box" is a Coder workspace that runs no AgentAPI app, not an agent of the fleet. list_agents shows the agents there are.',
    ]);
  });

  it('says a build is in progress, with the build\'s status, when a restart comes during one', async () => {
    const { agents } = services(lookingUp(fixLoginWith(queuedStop())));

    const error = await fleetErrorOf(agents.restart('fix-login'));

    expect([error.code, error.retryable, error.message]).toEqual([
      'INVALID_STATE',
      true,
      'Agent "fix-login" cannot restart now: a build of its workspace is in progress (status pending). Wait until it is done (show_agent tells), then try again.',
    ]);
  });

  it('says a workspace holds a name Coder refused with 409, where the lookup had found none', async () => {
    const { agents } = services({ createWorkspace: async () => Promise.reject(recordedConflict(GENERATION)) });

    const error = await fleetErrorOf(agents.create({ name: 'new-agent', project: 'claude-code', task: 'Work' }));

    expect(error.message).toBe(
      'The name "new-agent" is taken by a workspace: choose another name, or delete_agent "new-agent" first if it is an agent you no longer need.',
    );
  });
});

describe('projects and roles', () => {
  it('says no project can run agents where no template runs AgentAPI', async () => {
    const { agents } = services({ getTemplateVersionResources: async () => [] });

    const error = await fleetErrorOf(agents.create({ name: 'new-agent', project: 'claude-code', task: 'Work' }));

    expect([error.code, error.message]).toEqual([
      'INVALID_INPUT',
      expect.stringMatching(/^Project "Claude Code" cannot run an agent: .* No project can run agents on this Coder: a template whose workspaces run AgentAPI \(Coder's claude-code v4 or agentapi module\) is needed\.$/),
    ]);
  });

  it('names a project by its name alone where its display name is the same', async () => {
    const { projects } = services({
      getTemplates: async (filter = {}) => {
        const templates = await recordedCoder(GENERATION).client.getTemplates(filter);
        return templates.map((template) => (template.name === 'claude-code' ? { ...template, display_name: '' } : template));
      },
    });

    const error = await fleetErrorOf(projects.roles('no-such-project'));

    expect(error.message).toBe(
      'There is no project "no-such-project". The projects are: AgentAPI Agent (agentapi-agent), claude-code, Research Agent (research-agent).',
    );
  });

  it('says a project has no roles when it has none, and to leave the role out', async () => {
    const { agents } = services({ getTemplateVersionPresets: async () => [] });

    const error = await fleetErrorOf(agents.create({ name: 'new-agent', project: 'claude-code', task: 'Work', role: 'Architect' }));

    expect([error.code, error.message]).toEqual(['NOT_FOUND', 'Project "Claude Code" has no role "Architect". Project "Claude Code" has no roles: leave the role out.']);
  });

  it('refuses a missing project before any request', async () => {
    const { agents, fake } = services();

    const error = await fleetErrorOf(agents.create({ name: 'new-agent', project: undefined as never, task: 'Work' }));

    expect([error.code, error.message]).toEqual(['INVALID_INPUT', 'The project is missing: name one from list_agent_projects (its name or display name).']);
    expect(fake.count('createWorkspace')).toBe(0);
  });
});
