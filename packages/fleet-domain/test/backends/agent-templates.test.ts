// Projects and roles from Coder's templates: what a project and a role hold, and template versions Coder will not show.
import { CoderApiError, type Template } from '@fleet/coder-client';
import { FleetAgentService } from '../../src/services/fleet-agent-service.js';
import { FleetProjectService } from '../../src/services/fleet-project-service.js';
import { type FakeAnswers, FakeClock, recordedApiError, recordedCoder, type RecordedGeneration, recordedNotFound, recordedTemplate, recordedTemplates, recordedTemplateVersionResources, recordedWorkspace } from '@fleet/coder-fakes';
import { backendOver } from '../support/backend-over.js';
import { fleetErrorOf } from '../support/fleet-error-of.js';

const GENERATION = 'v2.37.0';

function setUp(overrides: FakeAnswers = {}, generation: RecordedGeneration = GENERATION) {
  const fake = recordedCoder(generation, overrides);
  const backend = backendOver(fake);
  return { fake, projects: new FleetProjectService(backend), agents: new FleetAgentService(backend, { clock: new FakeClock() }) };
}

/** The recorded templates, `name` changed by `change`. */
function templatesWith(name: string, change: (template: Template) => Template): FakeAnswers {
  return { getTemplates: async () => recordedTemplates(GENERATION).map((template) => (template.name === name ? change(template) : template)) };
}

/** Resources as recorded, but `status` for the active version of `template` (Coder refusing to show it). */
function versionRefused(template: string, failure: () => unknown): FakeAnswers {
  const versionId = recordedTemplate(GENERATION, template).active_version_id;
  return {
    getTemplateVersionResources: async (id) => {
      if (id === versionId) throw failure();
      return recordedTemplateVersionResources(GENERATION, id);
    },
  };
}

describe('projects', () => {
  it('hold what the tools show of a template', async () => {
    const { projects } = setUp();

    const listed = await projects.list();

    expect(listed.find((project) => project.name === 'claude-code')).toEqual({
      name: 'claude-code',
      displayName: 'Claude Code',
      description: 'A Docker workspace with Claude Code running behind AgentAPI, ready for AI tasks.',
      templateId: recordedTemplate(GENERATION, 'claude-code').id,
      activeVersionId: '2561445f-d0c2-45ed-8528-df85588c6962',
      organizationId: 'a4e7560e-3094-448e-b887-0c89bfed1d5d',
    });
  });

  it('take the name where a template has no display name, and no description where it has none', async () => {
    const { projects } = setUp(templatesWith('claude-code', (template) => ({ ...template, display_name: '', description: undefined })));

    const listed = await projects.list();

    expect(listed.find((project) => project.name === 'claude-code')).toMatchObject({ displayName: 'claude-code', description: '' });
  });

  it('leave out a deprecated template, which also cannot be picked', async () => {
    const { projects, agents } = setUp(templatesWith('research-agent', (template) => ({ ...template, deprecated: true })));

    expect((await projects.list()).map((project) => project.name)).toEqual(['agentapi-agent', 'claude-code']);
    const error = await fleetErrorOf(agents.create({ name: 'new-agent', project: 'Research Agent', task: 'Work' }));
    expect([error.code, error.message]).toEqual(['NOT_FOUND', 'There is no project "Research Agent". The projects are: AgentAPI Agent (agentapi-agent), Claude Code (claude-code).']);
  });

  it('leave out a template whose version the user may not read (403)', async () => {
    const versionId = recordedTemplate(GENERATION, 'research-agent').active_version_id;
    const forbidden = () => new CoderApiError({ method: 'GET', path: `/api/v2/templateversions/${versionId}/resources`, status: 403, message: 'Forbidden.' });
    const { projects } = setUp(versionRefused('research-agent', forbidden));

    expect((await projects.list()).map((project) => project.name)).toEqual(['agentapi-agent', 'claude-code']);
  });

  it('fail with CODER_UNAVAILABLE when Coder fails to show a version', async () => {
    const { projects } = setUp(versionRefused('research-agent', () => recordedApiError(GENERATION, 'server-error', 'GET', /workspaces$/)));

    expect((await fleetErrorOf(projects.list())).code).toBe('CODER_UNAVAILABLE');
  });

  it('on 2.30 include a template Coder lists as an AI-task template though its version shows no AgentAPI app', async () => {
    const { projects } = setUp({ getTemplateVersionResources: async () => [] }, 'v2.30.0');

    expect((await projects.list()).map((project) => project.name)).toEqual(['agentapi-agent', 'claude-code', 'research-agent']);
  });

  it('on 2.37 have no AI-task templates to fall back on: a version without an AgentAPI app runs no agent', async () => {
    const { projects } = setUp({ getTemplateVersionResources: async () => [] });

    expect(await projects.list()).toEqual([]);
  });
});

describe('roles', () => {
  it('hold what the tools show of a preset: its instructions, whether it is the default, and its project', async () => {
    const { projects } = setUp();

    const roles = await projects.roles('claude-code');

    expect(roles).toEqual([
      {
        name: 'Implementer',
        project: 'Claude Code',
        description: 'Implements features and fixes with tests.',
        isDefault: true,
        presetId: '8a796a3c-55f4-4597-89d0-489b2e5d4533',
        systemPrompt: 'You are the implementer. Make the smallest change that solves the task, add tests, keep the public API stable.',
      },
      {
        name: 'Reviewer',
        project: 'Claude Code',
        description: 'Reviews changes and reports findings.',
        isDefault: false,
        presetId: '5036c03f-9961-46f9-aa81-9ee1d4a20731',
        systemPrompt: 'You are the reviewer. Read the change, run the tests, and report problems with file and line; do not rewrite code.',
      },
      expect.objectContaining({ name: 'Tester', isDefault: false }),
    ]);
  });

  it('have no instructions, no description and are not the default where the preset says nothing of them', async () => {
    const { projects } = setUp({
      getTemplateVersionPresets: async () => [{ ID: '8a796a3c-55f4-4597-89d0-489b2e5d4533', Name: 'Implementer', Parameters: [{ Name: 'model', Value: 'claude-sonnet-4-5' }] }],
    });

    expect(await projects.roles('claude-code')).toEqual([
      { name: 'Implementer', project: 'Claude Code', description: '', isDefault: false, presetId: '8a796a3c-55f4-4597-89d0-489b2e5d4533', systemPrompt: null },
    ]);
  });

  it('are read once per template version, a failed read being asked again', async () => {
    const failure = recordedApiError(GENERATION, 'server-error', 'GET', /workspaces$/);
    let reads = 0;
    const { projects } = setUp({
      getTemplateVersionPresets: async () => {
        reads += 1;
        if (reads === 1) throw failure;
        return [];
      },
    });

    expect((await fleetErrorOf(projects.roles('claude-code'))).code).toBe('CODER_UNAVAILABLE');
    await Promise.all([projects.roles('claude-code'), projects.roles('Claude Code')]);
    await projects.roles('claude-code');

    expect(reads).toBe(2);
  });

  it("leave an agent's role unknown, not the agent, when its version's presets are gone", async () => {
    const { agents } = setUp({ getTemplateVersionPresets: async () => Promise.reject(recordedNotFound(GENERATION)) });

    const details = await agents.show('fix-login');

    expect(details).toMatchObject({ name: 'fix-login', role: null });
  });

  it("fail to show an agent when Coder fails to show its version's presets", async () => {
    const { agents } = setUp({ getTemplateVersionPresets: async () => Promise.reject(recordedApiError(GENERATION, 'server-error', 'GET', /workspaces$/)) });

    expect((await fleetErrorOf(agents.show('fix-login'))).code).toBe('CODER_UNAVAILABLE');
    expect(recordedWorkspace(GENERATION, 'fix-login').latest_build.template_version_preset_id).toBeTruthy();
  });
});
