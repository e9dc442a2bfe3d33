// Projects and roles on the real backends over recorded Coder data: which templates can run agents, per generation.
import {
  type FakeAnswers,
  recordedCoder,
  type RecordedGeneration,
  recordedNotFound,
  recordedRichParameters,
  recordedTemplate,
  recordedTemplateVersionResources,
} from '@fleet/coder-fakes';
import { FleetProjectService } from '../../src/services/fleet-project-service.js';
import { fleetErrorOf } from '../support/fleet-error-of.js';
import { backendOver } from '../support/backend-over.js';

const GENERATIONS = ['v2.27.1', 'v2.30.0', 'v2.37.0'] as const;
/** The recorded templates with an AgentAPI app (port 3284, a /status healthcheck); docker-dev has none. */
const AGENT_PROJECTS = ['agentapi-agent', 'claude-code', 'research-agent'];

function setUp(generation: RecordedGeneration, overrides: FakeAnswers = {}) {
  const fake = recordedCoder(generation, overrides);
  return { fake, service: new FleetProjectService(backendOver(fake)) };
}

/** Every rich parameter of a version but `AI Prompt`: a template made for 2.30+, whose tasks take the prompt through coder_task. */
function withoutAiPrompt(generation: RecordedGeneration): FakeAnswers {
  return {
    getTemplateVersionRichParameters: async (versionId) =>
      recordedRichParameters(generation, versionId).filter((parameter) => parameter.name !== 'AI Prompt'),
  };
}

describe('FleetProjectService.list', () => {
  it.each(GENERATIONS)('on %s lists the templates whose active version runs an AgentAPI app, and only those', async (generation) => {
    const { service } = setUp(generation);
    expect((await service.list()).map((project) => project.name)).toEqual(AGENT_PROJECTS);
  });

  it.each(GENERATIONS)('on %s recognises them without an `AI Prompt` parameter, reading no rich parameter', async (generation) => {
    const { service, fake } = setUp(generation, withoutAiPrompt(generation));
    expect((await service.list()).map((project) => project.name)).toEqual(AGENT_PROJECTS);
    expect(fake.count('getTemplateVersionRichParameters')).toBe(0);
  });

  it.each(['v2.27.1', 'v2.30.0'] as const)('on %s also asks Coder for its AI-task templates', async (generation) => {
    const { service, fake } = setUp(generation);
    await service.list();
    expect(fake.argsOf('getTemplates').map((args) => args[0])).toEqual(expect.arrayContaining([{}, { q: 'has-ai-task:true' }]));
  });

  it('on 2.37 never sends a has-ai-task query, which that release refuses', async () => {
    const { service, fake } = setUp('v2.37.0');
    await service.list();
    expect(fake.argsOf('getTemplates').map((args) => args[0])).toEqual([{}]);
    expect(fake.count('getTemplateVersionResources')).toBe(4);
  });

  it('on 2.37 leaves out a template whose version Coder does not find for the user', async () => {
    const researchVersion = recordedTemplate('v2.37.0', 'research-agent').active_version_id;
    const { service } = setUp('v2.37.0', {
      getTemplateVersionResources: async (versionId) => {
        if (versionId === researchVersion) {
          throw recordedNotFound('v2.37.0');
        }
        return recordedTemplateVersionResources('v2.37.0', versionId);
      },
    });
    expect((await service.list()).map((project) => project.name)).toEqual(['agentapi-agent', 'claude-code']);
  });
});

describe('FleetProjectService.roles', () => {
  it('lists the roles of a project named by display name, in any case', async () => {
    const { service } = setUp('v2.37.0');
    const roles = await service.roles('research AGENT');
    expect(roles.map((role) => role.name)).toEqual(['Researcher', 'Writer']);
    expect(roles.every((role) => role.project === 'Research Agent')).toBe(true);
  });

  it('refuses an unknown project with NOT_FOUND listing the projects there are', async () => {
    const error = await fleetErrorOf(setUp('v2.30.0').service.roles('terraform'));
    expect([error.code, error.message]).toEqual(['NOT_FOUND', expect.stringContaining('The projects are: AgentAPI Agent (agentapi-agent), Claude Code (claude-code), Research Agent (research-agent).')]);
  });

  it.each(GENERATIONS)('on %s refuses a template without an AgentAPI app with INVALID_INPUT naming what it lacks', async (generation) => {
    const error = await fleetErrorOf(setUp(generation).service.roles('docker-dev'));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toContain('Project "Docker Dev" cannot run an agent');
    expect(error.message).toContain('no app served by AgentAPI (an app on port 3284 or with a /status healthcheck');
  });

  it('refuses an empty project with INVALID_INPUT before any request', async () => {
    const { service, fake } = setUp('v2.30.0');
    expect((await fleetErrorOf(service.roles('  '))).code).toBe('INVALID_INPUT');
    expect(fake.requestCounts()).toEqual({});
  });
});
