// An agent's work in Coder: history from app statuses, log and prompts through AgentAPI or the Tasks API.
import { agentApiAppFromTask, type AgentApiAppLocation, type AgentMessage, type TaskLogEntry } from '@fleet/coder-client';
import type { LogEntry, Task } from '@fleet/fleet-models';
import { historyOfWorkspace } from './agent-from-workspace.js';
import type { AgentRecord } from './agent-record.js';
import type { RepositoryCallOptions } from './agent-repository.js';
import { CURRENT_USER, type FleetCoderClient } from './fleet-coder-client.js';
import type { TaskRepository } from './task-repository.js';

export class CoderTaskRepository implements TaskRepository {
  readonly #client: FleetCoderClient;

  constructor(client: FleetCoderClient) {
    this.#client = client;
  }

  history(record: AgentRecord): Task[] {
    return historyOfWorkspace(record.workspace);
  }

  async locateAgentApi(record: AgentRecord, options: RepositoryCallOptions = {}): Promise<AgentApiAppLocation | undefined> {
    if (record.app) {
      return record.app;
    }
    // Releases without the build's sidebar app id name the app on the task, until the agent reports a status.
    if (record.taskId && (await this.#client.getTasksApi({ signal: options.signal })) === 'v2') {
      const task = await this.#client.getTask(CURRENT_USER, record.taskId, { signal: options.signal });
      return agentApiAppFromTask(task, record.workspace);
    }
    return undefined;
  }

  async sendPrompt(app: AgentApiAppLocation, prompt: string, options: RepositoryCallOptions = {}): Promise<boolean> {
    const answer = await this.#client.sendAgentApiMessage(app, { content: prompt, type: 'user' }, { signal: options.signal });
    return answer.ok;
  }

  async interrupt(app: AgentApiAppLocation, options: RepositoryCallOptions = {}): Promise<boolean> {
    const answer = await this.#client.interruptAgentApi(app, { signal: options.signal });
    return answer.ok;
  }

  async isWorking(app: AgentApiAppLocation, options: RepositoryCallOptions = {}): Promise<boolean> {
    const answer = await this.#client.getAgentApiStatus(app, { signal: options.signal });
    return answer.status === 'running';
  }

  async log(record: AgentRecord, options: RepositoryCallOptions = {}): Promise<LogEntry[] | undefined> {
    const signal = options.signal;
    if ((await this.#client.getTasksApi({ signal })) === 'v2') {
      const reference = record.taskId ?? record.details.name;
      const answer = await this.#client.getTaskLogs(CURRENT_USER, reference, { signal });
      return answer.logs.map(logEntryFromTaskLog).reverse();
    }
    const app = await this.locateAgentApi(record, options);
    if (!app) {
      return undefined;
    }
    const messages = await this.#client.getAgentApiMessages(app, { signal });
    return messages.map(logEntryFromMessage).reverse();
  }
}

function logEntryFromTaskLog(entry: TaskLogEntry): LogEntry {
  return { id: String(entry.id), type: entry.type === 'input' ? 'input' : 'output', content: entry.content, time: entry.time };
}

function logEntryFromMessage(message: AgentMessage): LogEntry {
  return { id: String(message.id), type: message.role === 'user' ? 'input' : 'output', content: message.content, time: message.time };
}
