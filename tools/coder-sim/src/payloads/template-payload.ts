// Renders a template as codersdk.Template.
import type { WorldStore } from '../world/world-store.js';
import type { TemplateRecord } from '../world/world-model.js';
import { isoTime } from './iso-time.js';

const HOUR_MS = 3_600_000;
const ALL_DAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

export function templatePayload(world: WorldStore, template: TemplateRecord): Record<string, unknown> {
  const organization = world.findOrganizationById(template.organizationId);
  const author = world.findUserById(template.createdById);
  const activeUsers = new Set(
    world.liveWorkspaces().filter((workspace) => workspace.templateId === template.id).map((workspace) => workspace.ownerId),
  );
  return {
    id: template.id,
    created_at: isoTime(template.createdAt),
    updated_at: isoTime(template.updatedAt),
    organization_id: organization.id,
    organization_name: organization.name,
    organization_display_name: organization.displayName,
    organization_icon: organization.icon,
    name: template.name,
    display_name: template.displayName,
    provisioner: 'terraform',
    active_version_id: template.activeVersionId,
    active_user_count: activeUsers.size,
    build_time_stats: {
      start: { p50: 41_212, p95: 62_540 },
      stop: { p50: 12_004, p95: 20_114 },
      delete: { p50: 13_870, p95: 21_963 },
    },
    description: template.description,
    deprecated: template.deprecated,
    deprecation_message: '',
    icon: template.icon,
    default_ttl_ms: 8 * HOUR_MS,
    activity_bump_ms: HOUR_MS,
    autostop_requirement: { days_of_week: [], weeks: 1 },
    autostart_requirement: { days_of_week: ALL_DAYS },
    created_by_id: author.id,
    created_by_name: author.username,
    allow_user_autostart: true,
    allow_user_autostop: true,
    allow_user_cancel_workspace_jobs: true,
    failure_ttl_ms: 0,
    time_til_dormant_ms: 0,
    time_til_dormant_autodelete_ms: 0,
    require_active_version: false,
    max_port_share_level: 'owner',
    cors_behavior: 'simple',
    use_classic_parameter_flow: false,
  };
}
