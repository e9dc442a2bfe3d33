// Where agents are read and changed: the contract the services use, fakeable in their tests.
import type { Project } from '@fleet/fleet-models';
import type { AgentRecord, ListedAgent } from './agent-record.js';

export interface RepositoryCallOptions {
  signal?: AbortSignal | undefined;
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

export interface AgentRepository {
  /** One lookup by name; `undefined` when the user has no workspace of that name. */
  findByName(name: string, options?: RepositoryCallOptions): Promise<AgentRecord | undefined>;
  /** The agent's workspace read again by id; Coder's 404/410 surfaces when it is gone. */
  findById(workspaceId: string, options?: RepositoryCallOptions): Promise<AgentRecord>;
  /** Every agent of the user, in a number of requests that does not depend on how many there are. */
  list(options?: RepositoryCallOptions): Promise<ListedAgent[]>;
  /** Creates the agent's workspace (or task) and returns it as Coder accepted it. */
  create(agent: NewAgent, options?: RepositoryCallOptions): Promise<AgentRecord>;
  /** Asks Coder to delete the agent's workspace. */
  delete(record: AgentRecord, options?: RepositoryCallOptions): Promise<void>;
  /** Starts a stop build. */
  stop(record: AgentRecord, options?: RepositoryCallOptions): Promise<BuildProgress>;
  /** Starts a start build; returns the agent with that build as its latest. */
  start(record: AgentRecord, options?: RepositoryCallOptions): Promise<AgentRecord>;
  /** The rich parameter values the agent's latest build was made with, its first task among them. */
  buildParameters(record: AgentRecord, options?: RepositoryCallOptions): Promise<{ name: string; value: string }[]>;
  /** Reads one build (a few KB, where the workspace weighs far more). */
  findBuild(buildId: string, options?: RepositoryCallOptions): Promise<BuildProgress>;
}
