// Renders an organization as codersdk.Organization.
import type { OrganizationRecord } from '../world/world-model.js';
import { isoTime } from './iso-time.js';

export function organizationPayload(organization: OrganizationRecord): Record<string, unknown> {
  return {
    id: organization.id,
    name: organization.name,
    display_name: organization.displayName,
    description: organization.description,
    icon: organization.icon,
    created_at: isoTime(organization.createdAt),
    updated_at: isoTime(organization.updatedAt),
    is_default: organization.isDefault,
  };
}
