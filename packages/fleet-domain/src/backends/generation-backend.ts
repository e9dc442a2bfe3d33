// Chooses the backend of the Coder generation once, from buildinfo, and hands every call to it.
import { LearnedOnce, tasksApiForVersion, type AgentApiAppHints } from '@fleet/coder-client';
import type { AgentStatus, LogEntry, Project, Role } from '@fleet/fleet-models';
import { AgentTemplates } from './agent-templates.js';
import { ExperimentalTasksBackend } from './experimental-tasks-backend.js';
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
import type { FleetCoderClient } from './fleet-coder-client.js';
import { TasksBackend } from './tasks-backend.js';
import { TemplateVersionCache } from './template-version-cache.js';
import { WorkspaceBackend } from './workspace-backend.js';

export interface BackendSettings {
  client: FleetCoderClient;
  coderUrl: string;
  hints: AgentApiAppHints;
}

/**
 * The backend for a Coder version: 2.27–2.28 the workspace level listed through the experimental
 * task list, with the `AI Prompt` parameter as the prompt channel; 2.29–2.36 Coder tasks; 2.37+ (and
 * anything unparsable, which counts as newest) the workspace level alone.
 */
export function backendForVersion(version: string, settings: BackendSettings, versions: TemplateVersionCache): FleetBackend {
  const tasksApi = tasksApiForVersion(version);
  const templates = new AgentTemplates(settings.client, versions, { hints: settings.hints, hasAiTaskFilter: tasksApi !== 'none' });
  const options = { ...settings, versions, templates, promptParameter: tasksApi === 'experimental' };
  switch (tasksApi) {
    case 'experimental':
      return new ExperimentalTasksBackend(options);
    case 'v2':
      return new TasksBackend(options);
    case 'none':
      return new WorkspaceBackend(options);
  }
}

/**
 * A backend that learns Coder's version on its first call (one buildinfo request, shared by
 * concurrent first calls; a failure is forgotten so the next call asks again), so that building
 * the fleet sends no request and a Coder that is down at start-up is picked up later.
 */
export class GenerationBackend implements FleetBackend {
  readonly #versions: TemplateVersionCache;
  readonly #chosen: LearnedOnce<FleetBackend>;

  constructor(settings: BackendSettings) {
    this.#versions = new TemplateVersionCache(settings.client);
    this.#chosen = new LearnedOnce(() =>
      settings.client.getCoderVersion().then((version) => backendForVersion(version, settings, this.#versions)),
    );
  }

  findAgent = async (name: string, options?: BackendCallOptions): Promise<AgentRecord | undefined> =>
    (await this.#backend(options)).findAgent(name, options);
  refreshAgent = async (record: AgentRecord, options?: BackendCallOptions): Promise<AgentRecord> =>
    (await this.#backend(options)).refreshAgent(record, options);
  listAgents = async (options?: BackendCallOptions): Promise<ListedAgent[]> => (await this.#backend(options)).listAgents(options);
  relistAgents = async (ids: readonly string[], options?: BackendCallOptions): Promise<ListedAgent[]> =>
    (await this.#backend(options)).relistAgents(ids, options);
  listAgentPage = async (request: AgentPageRequest, options?: BackendCallOptions): Promise<AgentPageAnswer | undefined> =>
    (await this.#backend(options)).listAgentPage(request, options);
  createAgent = async (agent: NewAgent, options?: BackendCallOptions): Promise<CreatedRecord> =>
    (await this.#backend(options)).createAgent(agent, options);
  deleteAgent = async (record: AgentRecord, options?: BackendCallOptions): Promise<AgentStatus> =>
    (await this.#backend(options)).deleteAgent(record, options);
  stopAgent = async (record: AgentRecord, options?: BackendCallOptions): Promise<BuildProgress> =>
    (await this.#backend(options)).stopAgent(record, options);
  startAgent = async (record: AgentRecord, options?: BackendCallOptions): Promise<AgentRecord> =>
    (await this.#backend(options)).startAgent(record, options);
  readBuild = async (buildId: string, options?: BackendCallOptions): Promise<BuildProgress> =>
    (await this.#backend(options)).readBuild(buildId, options);
  buildParameters = async (record: AgentRecord, options?: BackendCallOptions): Promise<{ name: string; value: string }[]> =>
    (await this.#backend(options)).buildParameters(record, options);
  locateAgentApi = async (record: AgentRecord, options?: BackendCallOptions): Promise<AgentApiHandle | undefined> =>
    (await this.#backend(options)).locateAgentApi(record, options);
  agentApiState = async (app: AgentApiHandle, options?: BackendCallOptions): Promise<AgentApiState> =>
    (await this.#backend(options)).agentApiState(app, options);
  sendPrompt = async (app: AgentApiHandle, prompt: string, options?: BackendCallOptions): Promise<'accepted' | 'busy'> =>
    (await this.#backend(options)).sendPrompt(app, prompt, options);
  interrupt = async (app: AgentApiHandle, options?: BackendCallOptions): Promise<void> =>
    (await this.#backend(options)).interrupt(app, options);
  log = async (record: AgentRecord, options?: BackendCallOptions): Promise<LogEntry[] | undefined> =>
    (await this.#backend(options)).log(record, options);
  listProjects = async (options?: BackendCallOptions): Promise<ProjectCandidate[]> => (await this.#backend(options)).listProjects(options);
  roles = async (project: Project, options?: BackendCallOptions): Promise<Role[]> => (await this.#backend(options)).roles(project, options);

  #backend(options: BackendCallOptions = {}): Promise<FleetBackend> {
    return this.#chosen.get(options.signal);
  }
}
