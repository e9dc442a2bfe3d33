// The fleet on Coder 2.29–2.36: agents are Coder tasks, listed, created, deleted and read through /api/v2/tasks.
import { CoderApiError, findWorkspaceAppById, type TaskLogEntry } from '@fleet/coder-client';
import type { AgentStatus, LogEntry } from '@fleet/fleet-models';
import { agentNameTaken, buildInProgress } from '../errors/rule-errors.js';
import { statusUnderBuild } from '../status/derive-agent-status.js';
import { listedAgentFromTask } from './agent-from-task.js';
import type { AgentApiHandle, AgentRecord, BackendCallOptions, CreatedRecord, ListedAgent, NewAgent } from './fleet-backend.js';
import { CURRENT_USER } from './fleet-coder-client.js';
import { relistFromLightList, WorkspaceBackend } from './workspace-backend.js';

const OWN_TASKS_QUERY = `owner:${CURRENT_USER}`;

/**
 * A task is a workspace with a record of its own, so everything the workspace level does works
 * here too; the Tasks API is used where it is cheaper (one ~1 KB entry an agent in lists, instead
 * of a 50–140 KB workspace) or required (an agent created as a task shows in Coder's own task UI
 * and CLI, and its first task reaches the template through `coder_task`).
 */
export class TasksBackend extends WorkspaceBackend {
  /** The light task list costs one request: reading it whole is the cheap way. */
  override async listAgentPage(): Promise<undefined> {
    return undefined;
  }

  override relistAgents(ids: readonly string[], options: BackendCallOptions = {}): Promise<ListedAgent[]> {
    return relistFromLightList(this, ids, options);
  }

  /** One request: `/api/v2/tasks` does not page, and its entries are small. */
  override async listAgents(options: BackendCallOptions = {}): Promise<ListedAgent[]> {
    const page = await this.client.getTasks({ q: OWN_TASKS_QUERY }, { signal: options.signal });
    return page.tasks.map(listedAgentFromTask);
  }

  override async createAgent(agent: NewAgent, options: BackendCallOptions = {}): Promise<CreatedRecord> {
    const signal = options.signal;
    try {
      const task = await this.client.createTask(
        CURRENT_USER,
        {
          input: agent.task,
          name: agent.name,
          template_version_id: agent.project.activeVersionId,
          ...(agent.presetId ? { template_version_preset_id: agent.presetId } : {}),
        },
        { signal },
      );
      // The task answer lacks the build, the agent and the preset: read the workspace it made.
      const workspace = task.workspace_id
        ? await this.client.getWorkspace(task.workspace_id, { signal })
        : await this.client.getWorkspaceByOwnerAndName(CURRENT_USER, task.workspace_name || agent.name, { signal });
      return { record: await this.recordOf(workspace, options, true), firstTask: 'handed_to_coder' };
    } catch (error) {
      throw error instanceof CoderApiError && error.status === 409 ? agentNameTaken(agent.name, undefined) : error;
    }
  }

  override async deleteAgent(record: AgentRecord, options: BackendCallOptions = {}): Promise<AgentStatus> {
    if (!record.taskId) {
      return super.deleteAgent(record, options);
    }
    try {
      await this.client.deleteTask(CURRENT_USER, record.taskId, { signal: options.signal });
      // Coder answers 202 without a body once it queued the workspace's delete build (coder/coder coderd/aitasks.go, taskDelete).
      return statusUnderBuild({ status: 'pending', transition: 'delete' });
    } catch (error) {
      // Coder answers 409 while another build of the task's workspace runs, as for a delete build.
      throw error instanceof CoderApiError && error.status === 409
        ? buildInProgress(record.details.name, record.details.build.status, 'be deleted')
        : error;
    }
  }

  /** The app found in the workspace, else the one the task names (`workspace_app_id`), for templates whose app AgentAPI's signature misses. */
  override async locateAgentApi(record: AgentRecord, options: BackendCallOptions = {}): Promise<AgentApiHandle | undefined> {
    if (record.app || !record.taskId) {
      return record.app;
    }
    const task = await this.client.getTask(CURRENT_USER, record.taskId, { signal: options.signal });
    if (!task.workspace_app_id) {
      return undefined;
    }
    const workspace = await this.client.getWorkspace(record.details.workspaceId, { signal: options.signal });
    return findWorkspaceAppById(workspace, task.workspace_app_id);
  }

  /** Coder's task logs: the live conversation while the task runs, a stored snapshot while it is paused. */
  override async log(record: AgentRecord, options: BackendCallOptions = {}): Promise<LogEntry[] | undefined> {
    if (!record.taskId) {
      return super.log(record, options);
    }
    const answer = await this.client.getTaskLogs(CURRENT_USER, record.taskId, { signal: options.signal });
    return answer.logs.map(logEntryFromTaskLog).reverse();
  }
}

function logEntryFromTaskLog(entry: TaskLogEntry): LogEntry {
  return { id: String(entry.id), type: entry.type === 'input' ? 'input' : 'output', content: entry.content, time: entry.time };
}
