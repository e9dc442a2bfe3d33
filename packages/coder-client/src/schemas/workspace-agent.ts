// The agent running inside a workspace, with its apps (codersdk.WorkspaceAgent).
import * as z from 'zod';
import { listOf } from './list-of.js';
import { openEnum } from './open-enum.js';
import { WorkspaceAppSchema } from './workspace-app.js';

export const workspaceAgentStatuses = ['connecting', 'connected', 'disconnected', 'timeout'] as const;
export const WorkspaceAgentStatusSchema = openEnum(workspaceAgentStatuses);
export type WorkspaceAgentStatus = z.infer<typeof WorkspaceAgentStatusSchema>;

export const workspaceAgentLifecycles = [
  'created',
  'starting',
  'start_timeout',
  'start_error',
  'ready',
  'shutting_down',
  'shutdown_timeout',
  'shutdown_error',
  'off',
] as const;
export const WorkspaceAgentLifecycleSchema = openEnum(workspaceAgentLifecycles);
export type WorkspaceAgentLifecycle = z.infer<typeof WorkspaceAgentLifecycleSchema>;

export const WorkspaceAgentHealthSchema = z.looseObject({
  healthy: z.boolean(),
  reason: z.string().optional(),
});
export type WorkspaceAgentHealth = z.infer<typeof WorkspaceAgentHealthSchema>;

export const WorkspaceAgentSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  status: WorkspaceAgentStatusSchema,
  lifecycle_state: WorkspaceAgentLifecycleSchema,
  health: WorkspaceAgentHealthSchema.nullish(),
  apps: listOf(WorkspaceAppSchema),
  created_at: z.string().optional(),
  updated_at: z.string().optional(),
  first_connected_at: z.string().nullish(),
  last_connected_at: z.string().nullish(),
  disconnected_at: z.string().nullish(),
  started_at: z.string().nullish(),
  ready_at: z.string().nullish(),
  resource_id: z.string().optional(),
  operating_system: z.string().optional(),
  architecture: z.string().optional(),
  directory: z.string().optional(),
  version: z.string().optional(),
  api_version: z.string().optional(),
});
export type WorkspaceAgent = z.infer<typeof WorkspaceAgentSchema>;
