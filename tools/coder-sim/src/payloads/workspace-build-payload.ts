// Renders a workspace build as codersdk.WorkspaceBuild, with its job and resources.
import type { WorldStore } from '../world/world-store.js';
import { workspaceStatusOf, type BuildRecord, type WorkspaceRecord } from '../world/world-model.js';
import { isoTime } from './iso-time.js';
import { buildJobPayload } from './provisioner-job-payload.js';
import { workspaceResourcesPayload } from './workspace-resource-payload.js';

const DEADLINE_MS = 8 * 3_600_000;

export function workspaceBuildPayload(world: WorldStore, workspace: WorkspaceRecord, build: BuildRecord): Record<string, unknown> {
  const owner = world.findUserById(workspace.ownerId);
  const initiator = world.findUserById(build.initiatorId);
  const version = world.requireTemplateVersion(build.templateVersionId);
  const status = workspaceStatusOf(build);
  const payload: Record<string, unknown> = {
    id: build.id,
    created_at: isoTime(build.createdAt),
    updated_at: isoTime(build.updatedAt),
    workspace_id: workspace.id,
    workspace_name: workspace.name,
    workspace_owner_id: owner.id,
    workspace_owner_name: owner.username,
    workspace_owner_avatar_url: owner.avatarUrl,
    template_version_id: version.id,
    template_version_name: version.name,
    build_number: build.buildNumber,
    transition: build.transition,
    initiator_id: initiator.id,
    initiator_name: initiator.username,
    job: buildJobPayload(world, workspace, build),
    reason: 'initiator',
    resources: workspaceResourcesPayload(world, workspace, build),
  };
  const running = status === 'running' && build.completedAt !== null;
  Object.assign(payload, {
    // Go's NullTime: null unless the build has a deadline.
    deadline: running ? isoTime((build.completedAt ?? 0) + DEADLINE_MS) : null,
    max_deadline: null,
    status,
    daily_cost: 0,
    matched_provisioners: { count: 1, available: 1, most_recently_seen: isoTime(build.updatedAt) },
    template_version_preset_id: build.presetId,
  });
  if (world.generation.exposesHasAiTask) {
    payload['has_ai_task'] = version.hasAiTask;
  }
  // else: coder/coder PRs #28790/#29085 (after v2.37.0) drop the column; codersdk.WorkspaceBuild.HasAITask is
  // `json:"has_ai_task,omitempty"`, so the field is absent.
  payload['has_external_agent'] = false;
  if (world.generation.exposesSidebarAppId && version.hasAiTask && build.agent) {
    payload['ai_task_sidebar_app_id'] = build.agent.agentApiAppId;
  }
  return payload;
}
