// Renders an AI task (codersdk.Task) in the shape of the Tasks API generation the simulator plays.
import type { WorldStore } from '../world/world-store.js';
import { latestBuildOf, workspaceStatusOf, type BuildRecord, type WorkspaceRecord } from '../world/world-model.js';
import { latestAppStatusRecord } from './app-status-payload.js';
import { isoTime } from './iso-time.js';
import { agentHealthPayload } from './workspace-agent-payload.js';

export type TaskStatus = 'pending' | 'initializing' | 'active' | 'paused' | 'unknown' | 'error';

/** The status Coder's tasks_with_status view derives from the latest build and the task's agent and app. */
export function taskStatusOf(build: BuildRecord): TaskStatus {
  if (build.jobStatus === 'failed') {
    return 'error';
  }
  if (build.transition !== 'start') {
    return build.jobStatus === 'succeeded' ? 'paused' : 'unknown';
  }
  if (build.jobStatus === 'pending') {
    return 'initializing';
  }
  if (build.jobStatus !== 'running' && build.jobStatus !== 'succeeded') {
    return 'unknown';
  }
  const agent = build.agent;
  if (!agent || agent.lifecycle === 'created' || agent.lifecycle === 'starting') {
    return 'initializing';
  }
  if (agent.lifecycle !== 'ready') {
    return 'error';
  }
  if (agent.agentApiHealth === 'healthy' || agent.agentApiHealth === 'disabled') {
    return 'active';
  }
  return agent.agentApiHealth === 'initializing' ? 'initializing' : 'error';
}

/**
 * // coder/coder coderd/aitasks.go deriveTaskCurrentState (v2.34.3): the latest app status counts unless the latest
 * // build is a start and the status is not after the build's created_at (a stale status of an earlier run). With
 * // none left and the task initializing, a synthetic `working` entry at the build's created_at says what is starting.
 */
function currentStatePayload(world: WorldStore, workspace: WorkspaceRecord): Record<string, unknown> | null {
  const status = latestAppStatusRecord(world, workspace);
  const build = latestBuildOf(workspace);
  if (status && (build.transition !== 'start' || status.createdAt > build.createdAt)) {
    return { timestamp: isoTime(status.createdAt), state: status.state, message: status.message, uri: status.uri };
  }
  if (taskStatusOf(build) !== 'initializing') {
    return null;
  }
  const workspaceStatus = workspaceStatusOf(build);
  const agent = build.agent;
  let message = 'Initializing workspace';
  if (workspaceStatus === 'pending' || workspaceStatus === 'starting') {
    message = `Workspace is ${workspaceStatus}`;
  } else if (agent) {
    if (agent.lifecycle === 'created') {
      message = 'Agent is connecting';
    } else if (agent.lifecycle === 'starting') {
      message = 'Agent is starting';
    } else if (agent.lifecycle === 'ready') {
      message = agent.agentApiHealth === 'initializing' ? 'App is initializing' : 'Initializing workspace applications';
    } else {
      message = 'Initializing workspace agent';
    }
  }
  return { timestamp: isoTime(build.createdAt), state: 'working', message, uri: '' };
}

export function taskPayload(world: WorldStore, workspace: WorkspaceRecord): Record<string, unknown> {
  const task = workspace.task;
  if (!task) {
    throw new Error(`Workspace ${workspace.id} is not a task.`);
  }
  const owner = world.findUserById(workspace.ownerId);
  const template = world.requireTemplate(workspace.templateId);
  const build = latestBuildOf(workspace);
  const agent = build.agent;
  const experimental = world.generation.tasksApi === 'experimental';
  const common = {
    organization_id: workspace.organizationId,
    owner_id: owner.id,
    owner_name: owner.username,
  };
  const agentFields = {
    workspace_agent_id: agent ? agent.id : null,
    workspace_agent_lifecycle: agent ? agent.lifecycle : null,
    workspace_agent_health: agent ? agentHealthPayload(agent) : null,
  };
  if (experimental) {
    return {
      id: workspace.id,
      ...common,
      name: workspace.name,
      template_id: template.id,
      template_name: template.name,
      template_display_name: template.displayName,
      template_icon: template.icon,
      workspace_id: workspace.id,
      ...agentFields,
      initial_prompt: task.initialPrompt,
      status: workspaceStatusOf(build),
      current_state: currentStatePayload(world, workspace),
      created_at: isoTime(task.createdAt),
      updated_at: isoTime(workspace.updatedAt),
    };
  }
  return {
    id: task.id,
    ...common,
    owner_avatar_url: owner.avatarUrl,
    name: task.name,
    display_name: task.displayName,
    template_id: template.id,
    template_version_id: build.templateVersionId,
    template_name: template.name,
    template_display_name: template.displayName,
    template_icon: template.icon,
    workspace_id: workspace.id,
    workspace_name: workspace.name,
    workspace_status: workspaceStatusOf(build),
    workspace_build_number: build.buildNumber,
    ...agentFields,
    workspace_app_id: agent ? agent.agentApiAppId : null,
    initial_prompt: task.initialPrompt,
    status: taskStatusOf(build),
    current_state: currentStatePayload(world, workspace),
    created_at: isoTime(task.createdAt),
    updated_at: isoTime(workspace.updatedAt),
  };
}
