// The fleet on Coder's workspace level, which every release has: 2.27–2.28 and 2.37+ use it whole.
import {
  CoderApiError,
  type AgentApiAppHints,
  type AgentMessage,
  type Preset,
  type Workspace,
  type WorkspaceBuild,
} from '@fleet/coder-client';
import type { AgentStatus, LogEntry, Project, Role } from '@fleet/fleet-models';
import { isMissingError } from '../errors/is-missing-error.js';
import { agentGone, agentNameTaken, buildInProgress } from '../errors/rule-errors.js';
import { statusUnderBuild } from '../status/derive-agent-status.js';
import { agentRecordFromWorkspace, workspaceShowsAgent } from './agent-from-workspace.js';
import { AI_PROMPT_PARAMETER } from './ai-prompt-parameter.js';
import type { AgentTemplates } from './agent-templates.js';
import { isCountableFilter, readCountedPage } from './counted-workspace-pages.js';
import { inBatches } from './in-batches.js';
import type {
  AgentApiHandle,
  AgentPageAnswer,
  AgentPageRequest,
  AgentApiState,
  AgentRecord,
  BackendCallOptions,
  BuildProgress,
  CreatedRecord,
  FleetBackend,
  ListedAgent,
  NewAgent,
  ProjectCandidate,
} from './fleet-backend.js';
import { summaryOf } from './fleet-backend.js';
import { CURRENT_USER, type FleetCoderClient } from './fleet-coder-client.js';
import { readAllPages } from './read-all-pages.js';
import type { TemplateVersionCache } from './template-version-cache.js';

interface VersionNeeds {
  presets: boolean;
  agentApi: boolean;
}

interface VersionFacts {
  presets: readonly Preset[];
  servesAgentApi: boolean;
}

/** The user's workspaces; which of them are agents is told by their template versions (no `has-ai-task` filter after 2.36). */
const OWN_WORKSPACES_QUERY = `owner:${CURRENT_USER}`;
/**
 * Workspaces a page. A real workspace weighs 50–140 KB (every app status it ever had rides
 * along), so a page is a few MB and a fleet of any size is read in bounded pieces.
 */
export const WORKSPACE_PAGE_SIZE = 50;
const RELIST_IN_FLIGHT = 3;

/** AgentAPI's words when it refuses a prompt because the agent is working (coder/agentapi lib/httpapi/server.go). */
const AGENT_BUSY_REFUSAL = /waiting for user input/i;

export interface WorkspaceBackendOptions {
  client: FleetCoderClient;
  versions: TemplateVersionCache;
  templates: AgentTemplates;
  /** Coder's URL, for the agents' dashboard links. */
  coderUrl: string;
  hints: AgentApiAppHints;
  /** The release takes the first prompt through an `AI Prompt` parameter, where the template has one (2.27–2.28). */
  promptParameter: boolean;
}

export class WorkspaceBackend implements FleetBackend {
  protected readonly client: FleetCoderClient;
  protected readonly templates: AgentTemplates;
  readonly #versions: TemplateVersionCache;
  readonly #coderUrl: string;
  readonly #hints: AgentApiAppHints;
  readonly #promptParameter: boolean;

  constructor(options: WorkspaceBackendOptions) {
    this.client = options.client;
    this.templates = options.templates;
    this.#versions = options.versions;
    this.#coderUrl = options.coderUrl.replace(/\/+$/, '');
    this.#hints = options.hints;
    this.#promptParameter = options.promptParameter;
  }

  async findAgent(name: string, options: BackendCallOptions = {}): Promise<AgentRecord | undefined> {
    let workspace: Workspace;
    try {
      workspace = await this.client.getWorkspaceByOwnerAndName(CURRENT_USER, name, { signal: options.signal });
    } catch (error) {
      if (isMissingError(error)) {
        return undefined;
      }
      throw error;
    }
    return this.recordOf(workspace, options);
  }

  async refreshAgent(record: AgentRecord, options: BackendCallOptions = {}): Promise<AgentRecord> {
    try {
      return await this.recordOf(await this.client.getWorkspace(record.details.workspaceId, { signal: options.signal }), options);
    } catch (error) {
      throw isMissingError(error) ? agentGone(record.details.name) : error;
    }
  }

  async listAgents(options: BackendCallOptions = {}): Promise<ListedAgent[]> {
    const signal = options.signal;
    const agents = await readAllPages(async (page) => {
      const answer = await this.client.getWorkspaces({ q: OWN_WORKSPACES_QUERY, ...page }, { signal });
      // Only the summaries are kept, so a page's megabytes are freed before the next ones arrive.
      return { items: await this.#listedAgentsOf(answer.workspaces, options), count: answer.count, received: answer.workspaces.length };
    }, WORKSPACE_PAGE_SIZE);
    return withoutRepeats(agents);
  }

  /** Only these workspaces, by Coder's `id:` filter, a page of ids a request (three in flight). */
  async relistAgents(ids: readonly string[], options: BackendCallOptions = {}): Promise<ListedAgent[]> {
    const chunks = Array.from({ length: Math.ceil(ids.length / WORKSPACE_PAGE_SIZE) }, (_, index) =>
      ids.slice(index * WORKSPACE_PAGE_SIZE, (index + 1) * WORKSPACE_PAGE_SIZE),
    );
    const read = await inBatches(chunks, RELIST_IN_FLIGHT, async (chunk) => {
      const query = `${OWN_WORKSPACES_QUERY} id:${chunk.join(',')}`;
      const answer = await this.client.getWorkspaces({ q: query, limit: chunk.length, offset: 0 }, { signal: options.signal });
      return this.#listedAgentsOf(answer.workspaces, options);
    });
    return read.flat();
  }

  /**
   * Coder's own paging and counts, over the workspaces of the templates that run agents (a workspace
   * weighs 50–140 KB, so one page must not cost the fleet); `undefined` for a status filter that
   * needs every agent's own state.
   */
  async listAgentPage(request: AgentPageRequest, options: BackendCallOptions = {}): Promise<AgentPageAnswer | undefined> {
    if (!isCountableFilter(request.status)) {
      return undefined;
    }
    const projects =
      request.project !== undefined
        ? [request.project]
        : (await this.templates.list(options)).filter((candidate) => candidate.runsAgents).map((candidate) => candidate.project);
    return readCountedPage(request, { client: this.client, projects, toAgents: (workspaces, call) => this.#listedAgentsOf(workspaces, call) }, options);
  }

  async createAgent(agent: NewAgent, options: BackendCallOptions = {}): Promise<CreatedRecord> {
    const signal = options.signal;
    const versionId = agent.project.activeVersionId;
    const takesPrompt = this.#promptParameter && (await this.#hasPromptParameter(versionId, options));
    let workspace: Workspace;
    try {
      workspace = await this.client.createWorkspace(
        agent.project.organizationId,
        CURRENT_USER,
        {
          name: agent.name,
          template_version_id: versionId,
          ...(agent.presetId ? { template_version_preset_id: agent.presetId } : {}),
          ...(takesPrompt ? { rich_parameter_values: [{ name: AI_PROMPT_PARAMETER, value: agent.task }] } : {}),
        },
        { signal },
      );
    } catch (error) {
      throw isConflict(error) ? agentNameTaken(agent.name, undefined) : error;
    }
    return { record: await this.recordOf(workspace, options, true), firstTask: takesPrompt ? 'handed_to_coder' : 'not_delivered' };
  }

  async deleteAgent(record: AgentRecord, options: BackendCallOptions = {}): Promise<AgentStatus> {
    const build = await this.#build(record, 'be deleted', () => this.client.deleteWorkspace(record.details.workspaceId, { signal: options.signal }));
    return statusUnderBuild(build);
  }

  async stopAgent(record: AgentRecord, options: BackendCallOptions = {}): Promise<BuildProgress> {
    const build = await this.#build(record, 'restart', () => this.client.stopWorkspace(record.details.workspaceId, { signal: options.signal }));
    return progressOf(build);
  }

  async startAgent(record: AgentRecord, options: BackendCallOptions = {}): Promise<AgentRecord> {
    await this.#build(record, 'restart', () => this.client.startWorkspace(record.details.workspaceId, undefined, { signal: options.signal }));
    return this.refreshAgent(record, options);
  }

  async readBuild(buildId: string, options: BackendCallOptions = {}): Promise<BuildProgress> {
    return progressOf(await this.client.getWorkspaceBuild(buildId, { signal: options.signal }));
  }

  async buildParameters(record: AgentRecord, options: BackendCallOptions = {}): Promise<{ name: string; value: string }[]> {
    const parameters = await this.client.getWorkspaceBuildParameters(record.details.build.id, { signal: options.signal });
    return parameters.map((parameter) => ({ name: parameter.name, value: parameter.value }));
  }

  async locateAgentApi(record: AgentRecord): Promise<AgentApiHandle | undefined> {
    return record.app;
  }

  async agentApiState(app: AgentApiHandle, options: BackendCallOptions = {}): Promise<AgentApiState> {
    const answer = await this.client.getAgentApiStatus(app, { signal: options.signal });
    return answer.status === 'running' ? 'running' : 'stable';
  }

  async sendPrompt(app: AgentApiHandle, prompt: string, options: BackendCallOptions = {}): Promise<'accepted' | 'busy'> {
    try {
      await this.client.sendAgentApiMessage(app, { content: prompt, type: 'user' }, { signal: options.signal });
      return 'accepted';
    } catch (error) {
      if (error instanceof CoderApiError && error.status === 500 && AGENT_BUSY_REFUSAL.test(`${error.detail ?? ''} ${describeValidations(error)}`)) {
        return 'busy';
      }
      throw error;
    }
  }

  async interrupt(app: AgentApiHandle, options: BackendCallOptions = {}): Promise<void> {
    await this.client.interruptAgentApi(app, { signal: options.signal });
  }

  async log(record: AgentRecord, options: BackendCallOptions = {}): Promise<LogEntry[] | undefined> {
    const app = await this.locateAgentApi(record);
    if (!app) {
      return undefined;
    }
    const messages = await this.client.getAgentApiMessages(app, { signal: options.signal });
    return messages.map(logEntryFromMessage).reverse();
  }

  listProjects(options: BackendCallOptions = {}): Promise<ProjectCandidate[]> {
    return this.templates.list(options);
  }

  roles(project: Project, options: BackendCallOptions = {}): Promise<Role[]> {
    return this.templates.roles(project, options);
  }

  /** The fleet's record of one workspace, with its history. */
  protected async recordOf(workspace: Workspace, options: BackendCallOptions, knownAgent = false): Promise<AgentRecord> {
    const facts = await this.#versionFacts(workspace.latest_build.template_version_id, needsOf([workspace], this.#hints, knownAgent), options);
    return this.#recordWith(workspace, facts, { knownAgent, withHistory: true });
  }

  async #listedAgentsOf(workspaces: readonly Workspace[], options: BackendCallOptions): Promise<ListedAgent[]> {
    // Once per template version of the page, not once per workspace: a page holds few versions.
    const versionIds = [...new Set(workspaces.map((workspace) => workspace.latest_build.template_version_id))];
    const factsByVersion = new Map(
      await Promise.all(
        versionIds.map(async (versionId) => {
          const ofVersion = workspaces.filter((workspace) => workspace.latest_build.template_version_id === versionId);
          return [versionId, await this.#versionFacts(versionId, needsOf(ofVersion, this.#hints, false), options)] as const;
        }),
      ),
    );
    return workspaces.flatMap((workspace) => {
      const facts = factsByVersion.get(workspace.latest_build.template_version_id) ?? { presets: [], servesAgentApi: false };
      const record = this.#recordWith(workspace, facts, { knownAgent: false, withHistory: false });
      return record.runsAgent
        ? [{ agent: summaryOf(record.details), templateId: workspace.template_id, templateName: workspace.template_name }]
        : [];
    });
  }

  /**
   * What a template version tells about its workspaces, read only where needed (and cached, since
   * versions never change): its presets, for a workspace built with one; whether it runs AgentAPI,
   * for a workspace that does not show it itself (a stopped one on 2.37+).
   */
  async #versionFacts(versionId: string, needs: VersionNeeds, options: BackendCallOptions): Promise<VersionFacts> {
    const [presets, servesAgentApi] = await Promise.all([
      needs.presets ? this.templates.presetsOf(versionId, options) : [],
      needs.agentApi ? this.templates.versionServesAgentApi(versionId, options) : false,
    ]);
    return { presets, servesAgentApi };
  }

  #recordWith(workspace: Workspace, facts: VersionFacts, how: { knownAgent: boolean; withHistory: boolean }): AgentRecord {
    const presetId = workspace.latest_build.template_version_preset_id;
    return agentRecordFromWorkspace(workspace, {
      coderUrl: this.#coderUrl,
      preset: presetId ? facts.presets.find((preset) => preset.ID === presetId) : undefined,
      hints: this.#hints,
      runsAgent: how.knownAgent || workspaceShowsAgent(workspace, this.#hints) || facts.servesAgentApi,
      withHistory: how.withHistory,
    });
  }

  async #hasPromptParameter(versionId: string, options: BackendCallOptions): Promise<boolean> {
    const parameters = await this.#versions.richParameters(versionId, { signal: options.signal });
    return parameters.some((parameter) => parameter.name === AI_PROMPT_PARAMETER);
  }

  /** Coder answers 409 to a build while another one runs: say so in the fleet's words. */
  async #build(record: AgentRecord, action: string, change: () => Promise<WorkspaceBuild>): Promise<WorkspaceBuild> {
    try {
      return await change();
    } catch (error) {
      if (isConflict(error)) {
        throw buildInProgress(record.details.name, record.details.build.status, action);
      }
      if (isMissingError(error)) {
        throw agentGone(record.details.name);
      }
      throw error;
    }
  }
}

function needsOf(workspaces: readonly Workspace[], hints: AgentApiAppHints, knownAgent: boolean): VersionNeeds {
  return {
    presets: workspaces.some((workspace) => workspace.latest_build.template_version_preset_id),
    agentApi: !knownAgent && workspaces.some((workspace) => !workspaceShowsAgent(workspace, hints)),
  };
}

/** Where Coder has a light list, the agents to read again are that list, kept to their ids. */
export async function relistFromLightList(backend: FleetBackend, ids: readonly string[], options: BackendCallOptions): Promise<ListedAgent[]> {
  const wanted = new Set(ids);
  return (await backend.listAgents(options)).filter((entry) => wanted.has(entry.agent.id));
}

/** Offset paging over a list that changes meanwhile can show an agent twice: keep its first sighting. */
export function withoutRepeats(agents: readonly ListedAgent[]): ListedAgent[] {
  const seen = new Set<string>();
  return agents.filter((entry) => !seen.has(entry.agent.id) && Boolean(seen.add(entry.agent.id)));
}

function isConflict(error: unknown): boolean {
  return error instanceof CoderApiError && error.status === 409;
}

function describeValidations(error: CoderApiError): string {
  return error.validations.map((validation) => validation.detail).join(' ');
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

function logEntryFromMessage(message: AgentMessage): LogEntry {
  return { id: String(message.id), type: message.role === 'user' ? 'input' : 'output', content: message.content, time: message.time };
}
