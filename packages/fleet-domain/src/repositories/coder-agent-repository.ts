// Agents read from and changed in Coder: workspaces for everything, tasks where the release lists them cheaply.
import type { Preset, Workspace, WorkspaceBuild } from '@fleet/coder-client';
import { isMissingError } from '../errors/is-missing-error.js';
import { agentRecordFromWorkspace } from './agent-from-workspace.js';
import { listedAgentFromTask } from './agent-from-task.js';
import { summaryOf, type AgentRecord, type ListedAgent } from './agent-record.js';
import type { AgentRepository, BuildProgress, NewAgent, RepositoryCallOptions } from './agent-repository.js';
import { AI_PROMPT_PARAMETER } from './ai-prompt-parameter.js';
import { CURRENT_USER, type FleetCoderClient } from './fleet-coder-client.js';
import type { TemplateVersionCache } from './template-version-cache.js';

/** Every workspace of the user that runs an AI task; without `limit` Coder answers all in one response. */
const AGENT_WORKSPACES_QUERY = `owner:${CURRENT_USER} has-ai-task:true`;
const AGENT_TASKS_QUERY = `owner:${CURRENT_USER}`;

export class CoderAgentRepository implements AgentRepository {
  readonly #client: FleetCoderClient;
  readonly #versions: TemplateVersionCache;
  readonly #coderUrl: string;

  constructor(client: FleetCoderClient, versions: TemplateVersionCache, coderUrl: string) {
    this.#client = client;
    this.#versions = versions;
    this.#coderUrl = coderUrl.replace(/\/+$/, '');
  }

  async findByName(name: string, options: RepositoryCallOptions = {}): Promise<AgentRecord | undefined> {
    let workspace: Workspace;
    try {
      workspace = await this.#client.getWorkspaceByOwnerAndName(CURRENT_USER, name, { signal: options.signal });
    } catch (error) {
      if (isMissingError(error)) {
        return undefined;
      }
      throw error;
    }
    return this.#toRecord(workspace, options);
  }

  async findById(workspaceId: string, options: RepositoryCallOptions = {}): Promise<AgentRecord> {
    const workspace = await this.#client.getWorkspace(workspaceId, { signal: options.signal });
    return this.#toRecord(workspace, options);
  }

  async buildParameters(record: AgentRecord, options: RepositoryCallOptions = {}): Promise<{ name: string; value: string }[]> {
    const parameters = await this.#client.getWorkspaceBuildParameters(record.details.build.id, { signal: options.signal });
    return parameters.map((parameter) => ({ name: parameter.name, value: parameter.value }));
  }

  async list(options: RepositoryCallOptions = {}): Promise<ListedAgent[]> {
    const signal = options.signal;
    if ((await this.#client.getTasksApi({ signal })) === 'v2') {
      const page = await this.#client.getTasks({ q: AGENT_TASKS_QUERY }, { signal });
      return page.tasks.map(listedAgentFromTask);
    }
    const { workspaces } = await this.#client.getWorkspaces({ q: AGENT_WORKSPACES_QUERY }, { signal });
    // One presets request per template version with a role in use, and none once cached.
    const versionIds = [
      ...new Set(
        workspaces
          .filter((workspace) => workspace.latest_build.template_version_preset_id)
          .map((workspace) => workspace.latest_build.template_version_id),
      ),
    ];
    const presetsByVersion = new Map(
      await Promise.all(versionIds.map(async (versionId) => [versionId, await this.#presetsOf(versionId, options)] as const)),
    );
    return workspaces.map((workspace) => {
      const presets = presetsByVersion.get(workspace.latest_build.template_version_id) ?? [];
      const record = agentRecordFromWorkspace(workspace, { coderUrl: this.#coderUrl, preset: presetOf(workspace, presets) });
      return {
        agent: summaryOf(record.details),
        templateId: workspace.template_id,
        templateName: workspace.template_name,
      };
    });
  }

  async create(agent: NewAgent, options: RepositoryCallOptions = {}): Promise<AgentRecord> {
    const signal = options.signal;
    const versionId = agent.project.activeVersionId;
    const preset = agent.presetId ? { template_version_preset_id: agent.presetId } : {};
    if ((await this.#client.getTasksApi({ signal })) === 'v2') {
      const task = await this.#client.createTask(
        CURRENT_USER,
        { input: agent.task, name: agent.name, template_version_id: versionId, ...preset },
        { signal },
      );
      // The task answer lacks the build, the agent and the preset: read the workspace it made.
      const workspace = task.workspace_id
        ? await this.#client.getWorkspace(task.workspace_id, { signal })
        : await this.#client.getWorkspaceByOwnerAndName(CURRENT_USER, task.workspace_name || agent.name, { signal });
      return this.#toRecord(workspace, options);
    }
    const workspace = await this.#client.createWorkspace(
      agent.project.organizationId,
      CURRENT_USER,
      {
        name: agent.name,
        template_version_id: versionId,
        ...preset,
        rich_parameter_values: [{ name: AI_PROMPT_PARAMETER, value: agent.task }],
      },
      { signal },
    );
    return this.#toRecord(workspace, options);
  }

  async delete(record: AgentRecord, options: RepositoryCallOptions = {}): Promise<void> {
    const signal = options.signal;
    if (record.taskId && (await this.#client.getTasksApi({ signal })) === 'v2') {
      await this.#client.deleteTask(CURRENT_USER, record.taskId, { signal });
      return;
    }
    await this.#client.deleteWorkspace(record.workspace.id, { signal });
  }

  async stop(record: AgentRecord, options: RepositoryCallOptions = {}): Promise<BuildProgress> {
    return progressOf(await this.#client.stopWorkspace(record.workspace.id, { signal: options.signal }));
  }

  async start(record: AgentRecord, options: RepositoryCallOptions = {}): Promise<AgentRecord> {
    const build = await this.#client.startWorkspace(record.workspace.id, undefined, { signal: options.signal });
    const previousPresetId = record.workspace.latest_build.template_version_preset_id;
    const latestBuild: WorkspaceBuild = {
      ...build,
      template_version_preset_id: build.template_version_preset_id ?? previousPresetId,
    };
    // The new build is all that changed: no need to read the whole workspace again.
    return this.#toRecord({ ...record.workspace, latest_build: latestBuild }, options);
  }

  async findBuild(buildId: string, options: RepositoryCallOptions = {}): Promise<BuildProgress> {
    return progressOf(await this.#client.getWorkspaceBuild(buildId, { signal: options.signal }));
  }

  async #toRecord(workspace: Workspace, options: RepositoryCallOptions): Promise<AgentRecord> {
    const presets = workspace.latest_build.template_version_preset_id
      ? await this.#presetsOf(workspace.latest_build.template_version_id, options)
      : [];
    return agentRecordFromWorkspace(workspace, { coderUrl: this.#coderUrl, preset: presetOf(workspace, presets) });
  }

  async #presetsOf(versionId: string, options: RepositoryCallOptions): Promise<Preset[]> {
    try {
      return await this.#versions.presets(versionId, { signal: options.signal });
    } catch (error) {
      // A version the user may not read any more leaves the role unknown, not the agent.
      if (isMissingError(error)) {
        return [];
      }
      throw error;
    }
  }
}

function presetOf(workspace: Workspace, presets: readonly Preset[]): Preset | undefined {
  const presetId = workspace.latest_build.template_version_preset_id;
  return presetId ? presets.find((preset) => preset.ID === presetId) : undefined;
}

function progressOf(build: WorkspaceBuild): BuildProgress {
  return {
    id: build.id,
    transition: build.transition,
    status: build.status,
    jobStatus: build.job.status,
    error: build.job.error || null,
  };
}
