// Projects and roles read through a fake client answering recorded templates, parameters and presets.
import { CoderApiError } from '@fleet/coder-client';
import { CoderProjectRepository } from '../../src/repositories/coder-project-repository.js';
import { TemplateVersionCache } from '../../src/repositories/template-version-cache.js';
import { recordedCoder } from '../support/recorded-coder.js';
import { recordedRichParameters } from '../support/recorded-coder-data.js';
import { present } from '../support/present.js';

describe('CoderProjectRepository', () => {
  it('lists every template with whether its active version takes an AI Prompt', async () => {
    const fake = recordedCoder('v2.30.0');
    const candidates = await new CoderProjectRepository(fake.client, new TemplateVersionCache(fake.client)).list();
    expect(candidates.map((candidate) => [candidate.project.name, candidate.project.displayName, candidate.runsAgents])).toEqual([
      ['claude-code', 'Claude Code', true],
      ['docker-dev', 'Docker Dev', false],
      ['research-agent', 'Research Agent', true],
    ]);
  });

  it("reads each version's parameters once across listings (they never change)", async () => {
    const fake = recordedCoder('v2.30.0');
    const repository = new CoderProjectRepository(fake.client, new TemplateVersionCache(fake.client));
    await repository.list();
    await repository.list();
    expect(fake.count('getTemplates')).toBe(2);
    expect(fake.count('getTemplateVersionRichParameters')).toBe(3);
  });

  it('forgets a failed read so that the next listing tries again', async () => {
    let failures = 1;
    const fake = recordedCoder('v2.30.0', {
      getTemplateVersionRichParameters: async (versionId) => {
        if (failures-- > 0) {
          throw new CoderApiError({ method: 'GET', path: `/api/v2/templateversions/${versionId}/rich-parameters`, status: 503, message: 'Unavailable' });
        }
        return recordedRichParameters('v2.30.0', versionId);
      },
    });
    const repository = new CoderProjectRepository(fake.client, new TemplateVersionCache(fake.client));
    await expect(repository.list()).rejects.toBeInstanceOf(CoderApiError);
    await expect(repository.list()).resolves.toHaveLength(3);
  });

  it('reads the roles of a project from its presets: default, description and system prompt', async () => {
    const fake = recordedCoder('v2.37.0');
    const repository = new CoderProjectRepository(fake.client, new TemplateVersionCache(fake.client));
    const claude = (await repository.list()).find((candidate) => candidate.project.name === 'claude-code')?.project;
    const roles = await repository.roles(present(claude));
    expect(roles.map((role) => [role.name, role.isDefault])).toEqual([
      ['Implementer', true],
      ['Reviewer', false],
      ['Tester', false],
    ]);
    expect(roles[0]).toMatchObject({ project: 'Claude Code', presetId: expect.any(String) });
    expect(roles.every((role) => typeof role.systemPrompt === 'string' && role.systemPrompt.length > 0)).toBe(true);
  });
});
