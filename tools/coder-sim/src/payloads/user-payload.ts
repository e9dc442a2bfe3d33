// Renders a user as codersdk.User.
import { WORLD_EPOCH_MS } from '../simulated-clock.js';
import type { UserRecord } from '../world/world-model.js';
import { isoTime } from './iso-time.js';

export function userPayload(user: UserRecord): Record<string, unknown> {
  return {
    id: user.id,
    username: user.username,
    avatar_url: user.avatarUrl,
    name: user.name,
    email: user.email,
    created_at: isoTime(user.createdAt),
    updated_at: isoTime(user.createdAt),
    last_seen_at: isoTime(WORLD_EPOCH_MS),
    status: 'active',
    login_type: 'password',
    theme_preference: '',
    organization_ids: [...user.organizationIds],
    roles: user.roles.map((role) => ({ name: role.name, display_name: role.displayName })),
  };
}
