// What may be done with agents: the contract the server calls; rules live in its implementation.
import type { AgentsWaitOutcome } from '../waiting/wait-for-agents.js';
import type { Agent, AgentCounts, AgentDetails, AgentProgress, AgentStatus, CreatedAgent, Page } from '@fleet/fleet-models';

export interface AgentFilter {
  status?: AgentStatus;
  /** A project's name or display name, compared case-insensitively. */
  project?: string;
}

export interface AgentListRequest extends AgentFilter {
  /** From 1; default 1. */
  page?: number;
  /** 1 to 100; default 20. */
  pageSize?: number;
}

export interface AgentList {
  /** The requested page of the agents that pass the filter. */
  page: Page<Agent>;
  /** The agents of the project filter (or the whole fleet) by status, whatever the status filter. */
  counts: AgentCounts;
}

export interface WaitOptions {
  /** Wait until the agent is online (or its build failed) before returning. */
  wait?: boolean;
  /** Called for each step while waiting. */
  onProgress?: (progress: AgentProgress) => void;
  signal?: AbortSignal;
}

export interface WaitForAgentsRequest {
  /** The agents to wait for; none: every agent that is working (pending, starting or busy) now. */
  names?: readonly string[];
  /** Wait until every agent stopped working, not just the first. */
  all?: boolean;
  /** 1 s to 10 min; default 4 min. */
  timeoutMs?: number;
}

export interface AgentsWaitProgress {
  /** Agents that stopped working so far. */
  done: number;
  total: number;
  message: string;
}

export interface CreateAgentRequest {
  name: string;
  project: string;
  task: string;
  role?: string;
}

export interface AgentService {
  list(request?: AgentListRequest, options?: { signal?: AbortSignal }): Promise<AgentList>;
  show(name: string, options?: { signal?: AbortSignal }): Promise<AgentDetails>;
  /**
   * Creates the agent; resolves once Coder accepted the build, or once it is online with `wait`
   * (and, where Coder has no prompt channel, once the fleet sent it its first task), saying how the first task went.
   */
  create(request: CreateAgentRequest, options?: WaitOptions): Promise<CreatedAgent>;
  /** Deletes the agent's workspace whatever its state; resolves once Coder accepted the delete build. */
  delete(name: string, options?: { signal?: AbortSignal }): Promise<Agent>;
  /**
   * Resolves once any (or, with `all`, every) agent stopped working (idle, waiting for its user,
   * stopped, failed or gone) or the timeout passed; NOT_FOUND for a name that is no agent.
   */
  waitFor(
    request: WaitForAgentsRequest,
    options?: { signal?: AbortSignal; onProgress?: (progress: AgentsWaitProgress) => void },
  ): Promise<AgentsWaitOutcome>;
  /** Stops then starts the agent's workspace (only starts a stopped one). */
  restart(name: string, options?: WaitOptions): Promise<AgentDetails>;
}
