// Turns an entry of Coder's task list (about 1 KB, where a workspace weighs 50–140 KB) into a listed agent.
import { taskStatuses, type CoderTask } from '@fleet/coder-client';
import { deriveAgentStatus } from '../status/derive-agent-status.js';
import type { ListedAgent } from './fleet-backend.js';
import { toWorkState } from './work-state.js';

/**
 * The task list does not say which preset the workspace was built with, so the role stays `null`
 * here; showing the agent reads it from the workspace.
 */
export function listedAgentFromTask(task: CoderTask): ListedAgent {
  const currentState = task.current_state ?? undefined;
  return {
    agent: {
      id: task.workspace_id ?? task.id,
      name: task.workspace_name || task.name,
      status: deriveAgentStatus({
        // 2.27's experimental list puts the workspace's status in `status` and has no `workspace_status`.
        buildStatus: task.workspace_status ?? (isTaskStatus(task.status) ? undefined : task.status),
        agentConnected: undefined,
        agentLifecycle: task.workspace_agent_lifecycle,
        appInitializing: task.status === 'initializing',
        currentState: currentState?.state,
      }),
      project: task.template_display_name || task.template_name || '',
      role: null,
      lastTask: currentState
        ? { state: toWorkState(currentState.state), message: currentState.message ?? '', at: currentState.timestamp }
        : null,
      createdAt: task.created_at,
      updatedAt: task.updated_at,
    },
    templateId: task.template_id,
    templateName: task.template_name ?? '',
  };
}

function isTaskStatus(status: string): boolean {
  return (taskStatuses as readonly string[]).includes(status);
}
