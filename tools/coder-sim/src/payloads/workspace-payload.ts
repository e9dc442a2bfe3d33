// Renders a workspace as codersdk.Workspace: the latest build with its resources, agents, apps and every app status.
import type { WorldStore } from '../world/world-store.js';
import { latestBuildOf, type WorkspaceRecord } from '../world/world-model.js';
import { latestAppStatusPayload } from './app-status-payload.js';
import { isoTime } from './iso-time.js';
import { workspaceBuildPayload } from './workspace-build-payload.js';

function workspaceHealth(workspace: WorkspaceRecord): Record<string, unknown> {
  const agent = latestBuildOf(workspace).agent;
  if (agent && agent.status !== 'connected') {
    return { healthy: false, failing_agents: [agent.id] };
  }
  return { healthy: true, failing_agents: [] };
}

export function workspacePayload(world: WorldStore, workspace: WorkspaceRecord): Record<string, unknown> {
  const owner = world.findUserById(workspace.ownerId);
  const organization = world.findOrganizationById(workspace.organizationId);
  const template = world.requireTemplate(workspace.templateId);
  const build = latestBuildOf(workspace);
  const payload: Record<string, unknown> = {
    id: workspace.id,
    created_at: isoTime(workspace.createdAt),
    updated_at: isoTime(workspace.updatedAt),
    owner_id: owner.id,
    owner_name: owner.username,
    owner_avatar_url: owner.avatarUrl,
    organization_id: organization.id,
    organization_name: organization.name,
    template_id: template.id,
    template_name: template.name,
    template_display_name: template.displayName,
    template_icon: template.icon,
    template_allow_user_cancel_workspace_jobs: true,
    template_active_version_id: template.activeVersionId,
    template_require_active_version: false,
    template_use_classic_parameter_flow: false,
    latest_build: workspaceBuildPayload(world, workspace, build),
    latest_app_status: latestAppStatusPayload(world, workspace),
    outdated: build.templateVersionId !== template.activeVersionId,
    name: workspace.name,
    deleting_at: null,
    dormant_at: null,
    last_used_at: isoTime(workspace.lastUsedAt),
    health: workspaceHealth(workspace),
    automatic_updates: 'never',
    allow_renames: false,
    favorite: false,
    next_start_at: null,
    is_prebuild: false,
    shared_with: [],
  };
  if (world.generation.exposesWorkspaceTaskId) {
    payload['task_id'] = workspace.task ? workspace.task.id : null;
  }
  return payload;
}
