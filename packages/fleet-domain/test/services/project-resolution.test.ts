// How a project named by a caller is found, and what creating an agent reads of its template version per generation.
import { FleetAgentService } from '../../src/services/fleet-agent-service.js';
import { FleetProjectService } from '../../src/services/fleet-project-service.js';
import { type FakeAnswers, FakeClock, inTurn, recordedCoder, recordedCreatedWorkspace, recordedCreatedWorkspaceAsPolled, type RecordedGeneration, recordedTemplate } from '@fleet/coder-fakes';
import { backendOver } from '../support/backend-over.js';
import { fleetErrorOf } from '../support/fleet-error-of.js';

function setUp(generation: RecordedGeneration, overrides: FakeAnswers = {}) {
  const fake = recordedCoder(generation, overrides);
  const backend = backendOver(fake);
  return { fake, agents: new FleetAgentService(backend, { clock: new FakeClock() }), projects: new FleetProjectService(backend) };
}

describe('a project named by the caller', () => {
  it('is found by its name or display name with spaces around it, in any case', async () => {
    const { projects } = setUp('v2.37.0');

    const byName = await projects.roles('  CLAUDE-CODE ');
    const byDisplayName = await projects.roles('\tresearch agent\n');

    expect(byName.map((role) => role.project)).toEqual(['Claude Code', 'Claude Code', 'Claude Code']);
    expect(byDisplayName.map((role) => role.name)).toEqual(['Researcher', 'Writer']);
  });

  it('that runs no agents filters a listing to nothing, where creating refuses it', async () => {
    const { agents } = setUp('v2.30.0');

    const list = await agents.list({ project: 'docker-dev' });

    expect(list.page).toMatchObject({ items: [], total: 0 });
    expect(list.counts.total).toBe(0);
  });

  it.each([42, '   '])('is refused with INVALID_INPUT when it is %j, before any request', async (project) => {
    const { projects, fake } = setUp('v2.37.0');

    const error = await fleetErrorOf(projects.roles(project as string));

    expect([error.code, error.message]).toEqual(['INVALID_INPUT', 'The project is missing: name one from list_agent_projects (its name or display name).']);
    expect(fake.requestCounts()).toEqual({});
  });
});

describe('creating an agent reads of its template version', () => {
  it('on 2.27 its rich parameters once for any number of creates', async () => {
    const { agents, fake } = setUp('v2.27.1', { createWorkspace: async () => recordedCreatedWorkspace('v2.27.1') });

    await agents.create({ name: 'first-agent', project: 'claude-code', task: 'Work' });
    await agents.create({ name: 'second-agent', project: 'claude-code', task: 'Work' });

    expect(fake.argsOf('getTemplateVersionRichParameters').map((args) => args[0])).toEqual([recordedTemplate('v2.27.1', 'claude-code').active_version_id]);
  });

  it('on 2.37 no rich parameter: that release takes no prompt through one', async () => {
    const { agents, fake } = setUp('v2.37.0', {
      createWorkspace: async () => recordedCreatedWorkspace('v2.37.0'),
      getWorkspace: inTurn(...recordedCreatedWorkspaceAsPolled('v2.37.0')),
    });

    await agents.create({ name: 'fleet-rec-workspace', project: 'claude-code', task: 'Work' });

    expect(fake.count('getTemplateVersionRichParameters')).toBe(0);
    expect(fake.argsOf('createWorkspace')[0]?.[2]).not.toHaveProperty('rich_parameter_values');
  });
});
