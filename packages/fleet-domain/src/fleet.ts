// The whole fleet behind one object, built from a Coder URL and token, so callers need no client import.
import type { AgentService } from './services/agent-service.js';
import type { ProjectService } from './services/project-service.js';
import type { TaskService } from './services/task-service.js';

export interface FleetConnection {
  /** The user the token belongs to. */
  username: string;
  /** Coder's version, as its buildinfo reports it. */
  coderVersion: string;
}

export interface Fleet {
  readonly agents: AgentService;
  readonly tasks: TaskService;
  readonly projects: ProjectService;
  /** Checks that Coder answers and accepts the token: UNAUTHORIZED or CODER_UNAVAILABLE otherwise. */
  checkConnection(options?: { signal?: AbortSignal }): Promise<FleetConnection>;
}

export interface FleetOptions {
  url: string;
  token: string;
  /** Per-request timeout towards Coder. */
  timeoutMs?: number;
  /** Upper bound on a create or restart that waits for the agent to come online. */
  waitTimeoutMs?: number;
}

export function createFleet(_options: FleetOptions): Fleet {
  throw new Error('createFleet: not implemented yet');
}
