// A Coder workspace, the thing Fleet calls an agent (codersdk.Workspace), and the list response.
import * as z from 'zod';
import { NullableUuidSchema } from './nullable-uuid.js';
import { WorkspaceAppStatusSchema } from './workspace-app-status.js';
import { WorkspaceBuildSchema } from './workspace-build.js';

export const WorkspaceHealthSchema = z.looseObject({
  healthy: z.boolean(),
  failing_agents: z.array(z.string()).nullish(),
});

export const WorkspaceSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  owner_id: z.string().optional(),
  owner_name: z.string(),
  owner_avatar_url: z.string().optional(),
  organization_id: z.string().optional(),
  organization_name: z.string().optional(),
  template_id: z.string(),
  template_name: z.string(),
  template_display_name: z.string().optional(),
  template_icon: z.string().optional(),
  template_active_version_id: z.string().optional(),
  template_require_active_version: z.boolean().optional(),
  created_at: z.string(),
  updated_at: z.string(),
  last_used_at: z.string().optional(),
  latest_build: WorkspaceBuildSchema,
  /** The newest status any app reported: the cheap way to read an agent's current state. */
  latest_app_status: WorkspaceAppStatusSchema.nullish(),
  outdated: z.boolean().optional(),
  health: WorkspaceHealthSchema.optional(),
  automatic_updates: z.string().optional(),
  autostart_schedule: z.string().nullish(),
  ttl_ms: z.number().nullish(),
  deleting_at: z.string().nullish(),
  dormant_at: z.string().nullish(),
  favorite: z.boolean().optional(),
  /** Set on releases where a workspace knows the task it runs. */
  task_id: NullableUuidSchema,
});
export type Workspace = z.infer<typeof WorkspaceSchema>;

export const WorkspacesResponseSchema = z.looseObject({
  workspaces: z.array(WorkspaceSchema),
  count: z.number(),
});
export type WorkspacesResponse = z.infer<typeof WorkspacesResponseSchema>;
