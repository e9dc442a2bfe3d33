// Replays templates, template versions, their rich parameters and presets on every recorded server.
import { CoderClient, resourcesServeAgentApi } from '../../src/index.js';
import { everyRecordingSet } from '../support/recordings.js';
import { replay, replayToken, replayUrl, type Replay } from '../support/replay.js';

describe.each(everyRecordingSet())('templates on %s', (_name, set) => {
  let session: Replay;
  const client = new CoderClient({ url: replayUrl, token: replayToken });

  beforeEach(() => {
    session = replay(set, 'templates');
  });
  afterEach(async () => {
    await session.stop();
  });

  it('lists templates, all and by organization, and reads one by id and by name', async () => {
    const templates = await client.getTemplates();
    const first = templates[0];
    if (!first) {
      throw new Error('the recording holds no template');
    }

    const ofOrganization = await client.getTemplates({ organization: first.organization_id });
    const byId = await client.getTemplate(first.id);
    const byName = await client.getTemplateByName(first.organization_id, first.name);

    expect(ofOrganization.map((template) => template.id)).toContain(first.id);
    expect(byId.id).toBe(first.id);
    expect(byName.id).toBe(first.id);
  });

  it('finds a template whose active version runs AgentAPI and has presets setting system_prompt, with or without an AI Prompt', async () => {
    const templates = await client.getTemplates();
    const found: { name: string; takesAiPrompt: boolean }[] = [];

    for (const template of templates) {
      const version = await client.getTemplateVersion(template.active_version_id);
      const parameters = await client.getTemplateVersionRichParameters(version.id);
      const presets = await client.getTemplateVersionPresets(version.id);
      const resources = await client.getTemplateVersionResources(version.id);
      const systemPrompts = presets.every((preset) => preset.Parameters.some((parameter) => parameter.Name === 'system_prompt'));
      if (resourcesServeAgentApi(resources) && presets.length > 0 && systemPrompts) {
        found.push({ name: template.name, takesAiPrompt: parameters.some((parameter) => parameter.name === 'AI Prompt') });
      }
      expect(version.job.status).toBe('succeeded');
    }

    expect(found.length).toBeGreaterThan(0);
    // The prompt parameter is 2.27's way; from 2.29 the prompt reaches a template through coder_task.
    expect(found.every((template) => template.takesAiPrompt === set.name.includes('v2.27'))).toBe(true);
  });
});
