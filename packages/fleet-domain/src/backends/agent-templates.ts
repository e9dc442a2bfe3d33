// Which templates can run a Claude Code agent, found the way each Coder generation allows; and their roles.
import { CoderApiError, resourcesServeAgentApi, type AgentApiAppHints, type Preset, type Template } from '@fleet/coder-client';
import type { Project, Role } from '@fleet/fleet-models';
import { isMissingError } from '../errors/is-missing-error.js';
import type { BackendCallOptions, ProjectCandidate } from './fleet-backend.js';
import type { FleetCoderClient } from './fleet-coder-client.js';
import type { TemplateVersionCache } from './template-version-cache.js';

/** The preset parameter that carries the role's instructions on a real deployment. */
const SYSTEM_PROMPT_PARAMETER = 'system_prompt';
/** Coder's template filter for AI-task templates: 2.24 until the `has_ai_task` columns were dropped (coder/coder PR #29085). */
const AI_TASK_TEMPLATES_QUERY = 'has-ai-task:true';

export interface AgentTemplatesOptions {
  hints: AgentApiAppHints;
  /** The release still has the `has-ai-task` filter (2.24–2.36); asking a later one is a 400. */
  hasAiTaskFilter: boolean;
}

/**
 * A template can run an agent when its active version holds an app served by AgentAPI (every
 * generation; the version's resources never change, so they are cached), or when Coder lists it as
 * an AI-task template (where it still can). Never by an `AI Prompt` parameter: optional from 2.28,
 * unused from 2.30.
 */
export class AgentTemplates {
  readonly #client: FleetCoderClient;
  readonly #versions: TemplateVersionCache;
  readonly #options: AgentTemplatesOptions;

  constructor(client: FleetCoderClient, versions: TemplateVersionCache, options: AgentTemplatesOptions) {
    this.#client = client;
    this.#versions = versions;
    this.#options = options;
  }

  async list(options: BackendCallOptions = {}): Promise<ProjectCandidate[]> {
    const signal = options.signal;
    const [templates, aiTaskTemplateIds] = await Promise.all([
      this.#client.getTemplates({}, { signal }),
      this.#aiTaskTemplateIds(options),
    ]);
    return Promise.all(
      templates.map(async (template) => ({
        project: projectOf(template),
        runsAgents: aiTaskTemplateIds.has(template.id) || (await this.versionServesAgentApi(template.active_version_id, options)),
        deprecated: template.deprecated ?? false,
      })),
    );
  }

  /** Whether the template version's agents serve an AgentAPI app. A version the user may not read runs none of the user's agents. */
  async versionServesAgentApi(versionId: string, options: BackendCallOptions = {}): Promise<boolean> {
    try {
      return resourcesServeAgentApi(await this.#versions.resources(versionId, { signal: options.signal }), this.#options.hints);
    } catch (error) {
      if (isMissingError(error) || isForbidden(error)) {
        return false;
      }
      throw error;
    }
  }

  async roles(project: Project, options: BackendCallOptions = {}): Promise<Role[]> {
    const presets = await this.#versions.presets(project.activeVersionId, { signal: options.signal });
    return presets.map((preset) => roleOf(preset, project));
  }

  /** The presets of a version, or none when it can no longer be read (the role is then unknown, not the agent). */
  async presetsOf(versionId: string, options: BackendCallOptions = {}): Promise<Preset[]> {
    try {
      return await this.#versions.presets(versionId, { signal: options.signal });
    } catch (error) {
      if (isMissingError(error)) {
        return [];
      }
      throw error;
    }
  }

  async #aiTaskTemplateIds(options: BackendCallOptions): Promise<ReadonlySet<string>> {
    if (!this.#options.hasAiTaskFilter) {
      return new Set();
    }
    const templates = await this.#client.getTemplates({ q: AI_TASK_TEMPLATES_QUERY }, { signal: options.signal });
    return new Set(templates.map((template) => template.id));
  }
}

function isForbidden(error: unknown): boolean {
  return error instanceof CoderApiError && error.status === 403;
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
