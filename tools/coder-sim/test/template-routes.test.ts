// Templates, their versions, rich parameters and presets, with their 400s and 404s.
import type { CoderError, Template } from './support/coder-shapes.js';
import { openSession, type SimulatorSession } from './support/simulator-session.js';

interface Preset {
  ID: string;
  Name: string;
  Default: boolean;
  Parameters: { Name: string; Value: string }[];
}

interface RichParameter {
  name: string;
  required: boolean;
  default_value: string;
}

describe('template routes', () => {
  let session: SimulatorSession;
  let templates: Template[];

  beforeAll(async () => {
    session = await openSession();
    templates = await session.getJson<Template[]>('/api/v2/templates');
  });

  afterAll(() => session.close());

  function template(name: string): Template {
    const found = templates.find((candidate) => candidate.name === name);
    if (!found) {
      throw new Error(`No template ${name}.`);
    }
    return found;
  }

  it('lists three templates that can run an agent and one that cannot', () => {
    expect(templates.map((candidate) => candidate.name).sort()).toEqual([
      'agentapi-agent',
      'claude-code',
      'docker-dev',
      'research-agent',
    ]);
    expect(template('claude-code').display_name).toBe('Claude Code');
  });

  it('gets a template by id, 400 for a malformed id and 404 for an unknown one', async () => {
    const byId = await session.getJson<Template>(`/api/v2/templates/${template('docker-dev').id}`);
    const malformed = await session.call('GET', '/api/v2/templates/not-a-uuid');
    const unknown = await session.call('GET', '/api/v2/templates/00000000-0000-4000-8000-000000000001');

    expect(byId.name).toBe('docker-dev');
    expect(malformed.status).toBe(400);
    expect((malformed.json as CoderError).message).toBe('Invalid UUID "not-a-uuid".');
    expect(unknown.status).toBe(404);
  });

  it('gets a template by organization and name, and lists the organization templates', async () => {
    const organizationId = template('claude-code').organization_id;

    const byName = await session.getJson<Template>(`/api/v2/organizations/${organizationId}/templates/claude-code`);
    const listed = await session.getJson<Template[]>(`/api/v2/organizations/coder/templates`);
    const missing = await session.call('GET', `/api/v2/organizations/${organizationId}/templates/nope`);

    expect(byName.id).toBe(template('claude-code').id);
    expect(listed).toHaveLength(4);
    expect(missing.status).toBe(404);
  });

  it('on 2.29+ the Claude Code template has no "AI Prompt" parameter (coder_task carries the prompt); on 2.27 it has', async () => {
    const current = await session.getJson<RichParameter[]>(
      `/api/v2/templateversions/${template('claude-code').active_version_id}/rich-parameters`,
    );
    const plainParameters = await session.getJson<RichParameter[]>(
      `/api/v2/templateversions/${template('docker-dev').active_version_id}/rich-parameters`,
    );
    const old = await openSession({ coderVersion: 'v2.27.1' });
    try {
      const oldTemplates = await old.getJson<Template[]>('/api/v2/templates');
      const oldClaude = oldTemplates.find((candidate) => candidate.name === 'claude-code') as Template;
      const oldParameters = await old.getJson<RichParameter[]>(`/api/v2/templateversions/${oldClaude.active_version_id}/rich-parameters`);
      expect(oldParameters.map((parameter) => parameter.name)).toEqual(expect.arrayContaining(['AI Prompt', 'system_prompt']));
    } finally {
      await old.close();
    }

    expect(current.map((parameter) => parameter.name)).toEqual(expect.arrayContaining(['system_prompt']));
    expect(current.map((parameter) => parameter.name)).not.toContain('AI Prompt');
    expect(plainParameters.map((parameter) => parameter.name)).not.toContain('AI Prompt');
  });

  it('presets use capitalised field names and set system_prompt; Implementer is the default', async () => {
    const presets = await session.getJson<Preset[]>(`/api/v2/templateversions/${template('claude-code').active_version_id}/presets`);

    expect(presets.map((preset) => preset.Name)).toEqual(['Implementer', 'Reviewer', 'Tester']);
    expect(presets.find((preset) => preset.Default)?.Name).toBe('Implementer');
    for (const preset of presets) {
      expect(preset.Parameters.map((parameter) => parameter.Name)).toContain('system_prompt');
    }
    const plain = await session.getJson<Preset[]>(`/api/v2/templateversions/${template('docker-dev').active_version_id}/presets`);
    expect(plain).toEqual([]);
  });

  it('gets a template version by id and 404s an unknown one', async () => {
    const version = await session.getJson<{ id: string; template_id: string; job: { status: string } }>(
      `/api/v2/templateversions/${template('claude-code').active_version_id}`,
    );
    const unknown = await session.call('GET', '/api/v2/templateversions/00000000-0000-4000-8000-000000000002/presets');

    expect(version.template_id).toBe(template('claude-code').id);
    expect(version.job.status).toBe('succeeded');
    expect(unknown.status).toBe(404);
  });
});
