// Renders a template version as codersdk.TemplateVersion.
import type { WorldStore } from '../world/world-store.js';
import type { TemplateVersionRecord } from '../world/world-model.js';
import { isoTime } from './iso-time.js';
import { templateVersionJobPayload } from './provisioner-job-payload.js';

export function templateVersionPayload(world: WorldStore, version: TemplateVersionRecord): Record<string, unknown> {
  const author = world.findUserById(version.createdById);
  return {
    id: version.id,
    template_id: version.templateId,
    organization_id: version.organizationId,
    created_at: isoTime(version.createdAt),
    updated_at: isoTime(version.createdAt + 24_000),
    name: version.name,
    message: version.message,
    job: templateVersionJobPayload(world, version),
    matched_provisioners: { count: 1, available: 1, most_recently_seen: isoTime(version.createdAt + 24_000) },
    readme: version.readme,
    created_by: { id: author.id, username: author.username, name: author.name, avatar_url: author.avatarUrl },
    archived: false,
    warnings: [],
    has_external_agent: false,
  };
}
