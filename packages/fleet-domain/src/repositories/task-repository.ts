// Where an agent's work is read and driven: history, log, prompts and interrupts.
import type { AgentApiAppLocation } from '@fleet/coder-client';
import type { LogEntry, Task } from '@fleet/fleet-models';
import type { AgentRecord } from './agent-record.js';
import type { RepositoryCallOptions } from './agent-repository.js';

export interface TaskRepository {
  /** The statuses the agent reported, newest first, from the workspace already read (no request). */
  history(record: AgentRecord): Task[];
  /** Where the agent's AgentAPI answers; `undefined` when neither the workspace nor Coder says. */
  locateAgentApi(record: AgentRecord, options?: RepositoryCallOptions): Promise<AgentApiAppLocation | undefined>;
  /** Sends a prompt; resolves with whether AgentAPI took it. */
  sendPrompt(app: AgentApiAppLocation, prompt: string, options?: RepositoryCallOptions): Promise<boolean>;
  /** Sends Ctrl+C; resolves with whether AgentAPI took it. */
  interrupt(app: AgentApiAppLocation, options?: RepositoryCallOptions): Promise<boolean>;
  /** Whether AgentAPI says the agent is working on something right now (`running`). */
  isWorking(app: AgentApiAppLocation, options?: RepositoryCallOptions): Promise<boolean>;
  /** The conversation, newest first; `undefined` when the agent's AgentAPI cannot be located. */
  log(record: AgentRecord, options?: RepositoryCallOptions): Promise<LogEntry[] | undefined>;
}
