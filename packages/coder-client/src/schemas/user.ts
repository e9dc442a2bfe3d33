// A Coder user, e.g. GET /api/v2/users/me (codersdk.User).
import * as z from 'zod';
import { listOf } from './list-of.js';
import { openEnum } from './open-enum.js';

export const SlimRoleSchema = z.looseObject({
  name: z.string(),
  display_name: z.string().optional(),
  organization_id: z.string().optional(),
});
export type SlimRole = z.infer<typeof SlimRoleSchema>;

export const userStatuses = ['active', 'dormant', 'suspended'] as const;

export const UserSchema = z.looseObject({
  id: z.string(),
  username: z.string(),
  email: z.string(),
  name: z.string().optional(),
  avatar_url: z.string().optional(),
  created_at: z.string(),
  updated_at: z.string().optional(),
  last_seen_at: z.string().optional(),
  status: openEnum(userStatuses).optional(),
  login_type: z.string().optional(),
  organization_ids: listOf(z.string()),
  roles: listOf(SlimRoleSchema),
  theme_preference: z.string().optional(),
});
export type User = z.infer<typeof UserSchema>;
