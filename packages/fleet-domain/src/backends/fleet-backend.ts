// What the fleet's rules need from Coder, whatever its generation: one implementation per generation.
import type { AgentApiAppLocation } from '@fleet/coder-client';
import type { Agent, AgentCounts, AgentDetails, AgentStatus, FirstTaskDelivery, LogEntry, Project, Role, HistoryEntry } from '@fleet/fleet-models';

export interface BackendCallOptions {
  signal?: AbortSignal | undefined;
}

/** Where an agent's AgentAPI answers; the services pass it back without looking inside. */
export type AgentApiHandle = AgentApiAppLocation;

/** What a backend knows about one agent. */
export interface AgentRecord {
  /** The agent as the fleet shows it; its status is Coder's view (app statuses are only a hint). */
  details: AgentDetails;
  /** Where its AgentAPI answers, when its workspace runs one. */
  app: AgentApiHandle | undefined;
  /** False for a plain workspace: it holds the name but is no agent. */
  runsAgent: boolean;
  /** The statuses it reported about its work on its AgentAPI app, newest first. */
  history: readonly HistoryEntry[];
  /** The Coder task behind it, on releases with a Tasks API. */
  taskId: string | null;
  /** The preset (role) its latest build used. */
  presetId: string | null;
}

/** An agent of a fleet listing, with what filters by project need. */
export interface ListedAgent {
  agent: Agent;
  templateId: string | undefined;
  templateName: string;
}

/** A page of the fleet to read where Coder can page and count it without reading every agent. */
export interface AgentPageRequest {
  /** From 1. */
  page: number;
  pageSize: number;
  /** Only the agents of this project. */
  project: Project | undefined;
  status: AgentStatus | undefined;
}

export interface AgentPageAnswer {
  agents: ListedAgent[];
  /** How many agents pass the filters in all. */
  total: number;
  counts: AgentCounts;
}

/** An agent to create, with its project and role already resolved. */
export interface NewAgent {
  name: string;
  /** The first prompt. */
  task: string;
  project: Project;
  /** The role's preset, if the agent gets one. */
  presetId: string | undefined;
}

export interface CreatedRecord {
  record: AgentRecord;
  /** `handed_to_coder` when Coder delivers the first task itself; `not_delivered` when the fleet must send it. */
  firstTask: Extract<FirstTaskDelivery, 'handed_to_coder' | 'not_delivered'>;
}

/** Where a workspace build stands. */
export interface BuildProgress {
  id: string;
  transition: string;
  /** The workspace status the build gives, e.g. `stopping`, `stopped`. */
  status: string;
  /** The provisioner job's status: pending, running, succeeded, failed, canceling, canceled. */
  jobStatus: string;
  error: string | null;
}

/** AgentAPI's own word on the agent: `running` while it works, `stable` while it waits for input. */
export type AgentApiState = 'running' | 'stable';

/** A template, and whether it can run an agent. */
export interface ProjectCandidate {
  project: Project;
  /** Its active version runs an AgentAPI app (or is an AI-task template where Coder says so). */
  runsAgents: boolean;
  deprecated: boolean;
}

/**
 * The fleet's port onto Coder. Backends turn Coder's answers and errors into these outcomes:
 * a name taken is CONFLICT, a build in the way INVALID_STATE, a vanished agent NOT_FOUND, a busy
 * agent `busy`; what is left (Coder unreachable, refusing the token) the service's error mapping says.
 */
export interface FleetBackend {
  /** One lookup by name; `undefined` when the user has no workspace of that name. */
  findAgent(name: string, options?: BackendCallOptions): Promise<AgentRecord | undefined>;
  /** The agent read again (by its workspace id). */
  refreshAgent(record: AgentRecord, options?: BackendCallOptions): Promise<AgentRecord>;
  /** Every agent of the user, in requests bounded by pages of the fleet, never one unbounded answer. */
  listAgents(options?: BackendCallOptions): Promise<ListedAgent[]>;
  /**
   * These agents (by id) as they are now, in as few requests as the generation allows: the light
   * list where there is one, else only their workspaces. An agent that is gone is left out.
   */
  relistAgents(ids: readonly string[], options?: BackendCallOptions): Promise<ListedAgent[]>;
  /**
   * One page of the agents and their counts, where Coder has no light list but can page and count
   * (2.37+); `undefined` where reading the whole list is as cheap, or the filter needs every agent.
   */
  listAgentPage(request: AgentPageRequest, options?: BackendCallOptions): Promise<AgentPageAnswer | undefined>;
  /** Creates the agent's workspace (or Coder task), handing Coder the first task where it takes one. */
  createAgent(agent: NewAgent, options?: BackendCallOptions): Promise<CreatedRecord>;
  /** Asks Coder to delete the agent's workspace; resolves with the agent's status under the delete build Coder started. */
  deleteAgent(record: AgentRecord, options?: BackendCallOptions): Promise<AgentStatus>;
  /** Starts a stop build. */
  stopAgent(record: AgentRecord, options?: BackendCallOptions): Promise<BuildProgress>;
  /** Starts a start build; returns the agent with that build as its latest. */
  startAgent(record: AgentRecord, options?: BackendCallOptions): Promise<AgentRecord>;
  /** Reads one build (a few KB, where the workspace weighs far more). */
  readBuild(buildId: string, options?: BackendCallOptions): Promise<BuildProgress>;
  /** The rich parameter values the agent's latest build was made with. */
  buildParameters(record: AgentRecord, options?: BackendCallOptions): Promise<{ name: string; value: string }[]>;

  /** Where the agent's AgentAPI answers; `undefined` when Coder does not say (yet). */
  locateAgentApi(record: AgentRecord, options?: BackendCallOptions): Promise<AgentApiHandle | undefined>;
  /** AgentAPI's `/status`. */
  agentApiState(app: AgentApiHandle, options?: BackendCallOptions): Promise<AgentApiState>;
  /** Sends a prompt: `busy` when AgentAPI refused it because the agent works. */
  sendPrompt(app: AgentApiHandle, prompt: string, options?: BackendCallOptions): Promise<'accepted' | 'busy'>;
  /** Sends one interrupt keystroke (Esc). */
  interrupt(app: AgentApiHandle, options?: BackendCallOptions): Promise<void>;
  /** The conversation, newest first; `undefined` when the agent's AgentAPI cannot be located. */
  log(record: AgentRecord, options?: BackendCallOptions): Promise<LogEntry[] | undefined>;

  /** Every template the user can see, and whether it can run agents. */
  listProjects(options?: BackendCallOptions): Promise<ProjectCandidate[]>;
  /** The presets of the project's active version, as roles. */
  roles(project: Project, options?: BackendCallOptions): Promise<Role[]>;
}

/** The summary of an agent's details, as lists show it. */
export function summaryOf(details: AgentDetails): Agent {
  return {
    id: details.id,
    name: details.name,
    status: details.status,
    project: details.project,
    role: details.role,
    lastTask: details.lastTask,
    createdAt: details.createdAt,
    updatedAt: details.updatedAt,
  };
}
