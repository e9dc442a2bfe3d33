// Projects and roles read from Coder: templates, and the presets of their active versions.
import { CoderApiError, type Preset, type Template } from '@fleet/coder-client';
import type { Project, Role } from '@fleet/fleet-models';
import type { RepositoryCallOptions } from './agent-repository.js';
import { AI_PROMPT_PARAMETER } from './ai-prompt-parameter.js';
import type { FleetCoderClient } from './fleet-coder-client.js';
import type { ProjectCandidate, ProjectRepository } from './project-repository.js';
import type { TemplateVersionCache } from './template-version-cache.js';

/** The preset parameter that carries the role's instructions on a real deployment. */
const SYSTEM_PROMPT_PARAMETER = 'system_prompt';

export class CoderProjectRepository implements ProjectRepository {
  readonly #client: FleetCoderClient;
  readonly #versions: TemplateVersionCache;

  constructor(client: FleetCoderClient, versions: TemplateVersionCache) {
    this.#client = client;
    this.#versions = versions;
  }

  async list(options: RepositoryCallOptions = {}): Promise<ProjectCandidate[]> {
    const templates = await this.#client.getTemplates({}, { signal: options.signal });
    return Promise.all(
      templates.map(async (template) => ({
        project: projectOf(template),
        runsAgents: await this.#takesPrompt(template.active_version_id, options),
        deprecated: template.deprecated ?? false,
      })),
    );
  }

  async roles(project: Project, options: RepositoryCallOptions = {}): Promise<Role[]> {
    const presets = await this.#versions.presets(project.activeVersionId, { signal: options.signal });
    return presets.map((preset) => roleOf(preset, project));
  }

  async #takesPrompt(versionId: string, options: RepositoryCallOptions): Promise<boolean> {
    try {
      const parameters = await this.#versions.richParameters(versionId, { signal: options.signal });
      return parameters.some((parameter) => parameter.name === AI_PROMPT_PARAMETER);
    } catch (error) {
      // A version the user may not read cannot make the user's agents either.
      if (error instanceof CoderApiError && (error.status === 403 || error.status === 404)) {
        return false;
      }
      throw error;
    }
  }
}

function projectOf(template: Template): Project {
  return {
    name: template.name,
    displayName: template.display_name || template.name,
    description: template.description ?? '',
    templateId: template.id,
    activeVersionId: template.active_version_id,
    organizationId: template.organization_id,
  };
}

function roleOf(preset: Preset, project: Project): Role {
  return {
    name: preset.Name,
    project: project.displayName,
    description: preset.Description ?? '',
    isDefault: preset.Default ?? false,
    presetId: preset.ID,
    systemPrompt: preset.Parameters.find((parameter) => parameter.Name === SYSTEM_PROMPT_PARAMETER)?.Value ?? null,
  };
}
