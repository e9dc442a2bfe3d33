// Renders provisioner jobs (codersdk.ProvisionerJob) for workspace builds and template versions.
import type { WorldStore } from '../world/world-store.js';
import type { BuildRecord, TemplateVersionRecord, WorkspaceRecord } from '../world/world-model.js';
import { isoTime } from './iso-time.js';

const PROVISIONER_NAME = 'coder-provisioner-0';

export function buildJobPayload(world: WorldStore, workspace: WorkspaceRecord, build: BuildRecord): Record<string, unknown> {
  const version = world.requireTemplateVersion(build.templateVersionId);
  const template = world.requireTemplate(workspace.templateId);
  const job: Record<string, unknown> = {
    id: build.jobId,
    created_at: isoTime(build.createdAt),
  };
  if (build.startedAt !== null) {
    job['started_at'] = isoTime(build.startedAt);
  }
  if (build.completedAt !== null) {
    job['completed_at'] = isoTime(build.completedAt);
  }
  if (build.error) {
    job['error'] = build.error;
  }
  job['status'] = build.jobStatus;
  if (build.startedAt !== null) {
    job['worker_id'] = world.identity('provisioner-daemon', 0);
    job['worker_name'] = PROVISIONER_NAME;
  }
  Object.assign(job, {
    file_id: world.identity('template-file', version.id),
    tags: { owner: '', scope: 'organization' },
    queue_position: 0,
    queue_size: 0,
    organization_id: workspace.organizationId,
    initiator_id: build.initiatorId,
    input: { workspace_build_id: build.id },
    type: 'workspace_build',
    available_workers: build.jobStatus === 'pending' ? [world.identity('provisioner-daemon', 0)] : [],
    metadata: {
      template_version_name: version.name,
      template_id: template.id,
      template_name: template.name,
      template_display_name: template.displayName,
      template_icon: template.icon,
      workspace_id: workspace.id,
      workspace_name: workspace.name,
    },
    logs_overflowed: false,
  });
  return job;
}

export function templateVersionJobPayload(world: WorldStore, version: TemplateVersionRecord): Record<string, unknown> {
  const template = world.requireTemplate(version.templateId);
  return {
    id: version.jobId,
    created_at: isoTime(version.createdAt),
    started_at: isoTime(version.createdAt + 1_000),
    completed_at: isoTime(version.createdAt + 24_000),
    status: 'succeeded',
    worker_id: world.identity('provisioner-daemon', 0),
    worker_name: PROVISIONER_NAME,
    file_id: world.identity('template-file', version.id),
    tags: { owner: '', scope: 'organization' },
    queue_position: 0,
    queue_size: 0,
    organization_id: version.organizationId,
    initiator_id: version.createdById,
    input: { template_version_id: version.id },
    type: 'template_version_import',
    available_workers: [],
    metadata: {
      template_version_name: version.name,
      template_id: template.id,
      template_name: template.name,
      template_display_name: template.displayName,
      template_icon: template.icon,
    },
    logs_overflowed: false,
  };
}
