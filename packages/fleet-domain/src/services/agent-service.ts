// What may be done with agents: the contract the server calls; rules live in its implementation.
import type { Agent, AgentDetails, AgentProgress, AgentStatus, CreatedAgent } from '@fleet/fleet-models';

export interface AgentFilter {
  status?: AgentStatus;
  /** A project's name or display name, compared case-insensitively. */
  project?: string;
}

export interface WaitOptions {
  /** Wait until the agent is online (or its build failed) before returning. */
  wait?: boolean;
  /** Called for each step while waiting. */
  onProgress?: (progress: AgentProgress) => void;
  signal?: AbortSignal;
}

export interface CreateAgentRequest {
  name: string;
  project: string;
  task: string;
  role?: string;
}

export interface AgentService {
  list(filter?: AgentFilter, options?: { signal?: AbortSignal }): Promise<Agent[]>;
  show(name: string, options?: { signal?: AbortSignal }): Promise<AgentDetails>;
  /**
   * Creates the agent; resolves once Coder accepted the build, or once it is online with `wait`
   * (and, where Coder has no prompt channel, once the fleet sent it its first task), saying how the first task went.
   */
  create(request: CreateAgentRequest, options?: WaitOptions): Promise<CreatedAgent>;
  /** Deletes the agent's workspace whatever its state; resolves once Coder accepted the delete build. */
  delete(name: string, options?: { signal?: AbortSignal }): Promise<Agent>;
  /** Stops then starts the agent's workspace (only starts a stopped one). */
  restart(name: string, options?: WaitOptions): Promise<AgentDetails>;
}
