// A Coder task: a workspace with an AI task, as the Tasks API describes it (codersdk.Task).
import * as z from 'zod';
import { NullableUuidSchema } from './nullable-uuid.js';
import { openEnum } from './open-enum.js';
import { WorkspaceAgentHealthSchema, WorkspaceAgentLifecycleSchema } from './workspace-agent.js';
import { WorkspaceStatusSchema } from './workspace-build.js';

/** `/api/v2/tasks` statuses; the experimental API of 2.27 reports the workspace's status here instead. */
export const taskStatuses = ['pending', 'initializing', 'active', 'paused', 'unknown', 'error'] as const;
export const TaskStatusSchema = openEnum(taskStatuses);
export type TaskStatus = z.infer<typeof TaskStatusSchema>;

export const coderTaskStates = ['working', 'idle', 'complete', 'failed'] as const;
export const CoderTaskStateSchema = openEnum(coderTaskStates);
export type CoderTaskState = z.infer<typeof CoderTaskStateSchema>;

export const CoderTaskStateEntrySchema = z.looseObject({
  timestamp: z.string(),
  state: CoderTaskStateSchema,
  message: z.string().optional(),
  uri: z.string().optional(),
});
export type CoderTaskStateEntry = z.infer<typeof CoderTaskStateEntrySchema>;

export const CoderTaskSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  display_name: z.string().optional(),
  organization_id: z.string().optional(),
  owner_id: z.string().optional(),
  owner_name: z.string(),
  owner_avatar_url: z.string().optional(),
  template_id: z.string().optional(),
  template_version_id: z.string().optional(),
  template_name: z.string().optional(),
  template_display_name: z.string().optional(),
  template_icon: z.string().optional(),
  workspace_id: NullableUuidSchema,
  workspace_name: z.string().optional(),
  workspace_status: WorkspaceStatusSchema.nullish(),
  workspace_build_number: z.number().optional(),
  workspace_agent_id: NullableUuidSchema,
  workspace_agent_lifecycle: WorkspaceAgentLifecycleSchema.nullish(),
  workspace_agent_health: WorkspaceAgentHealthSchema.nullish(),
  /** The app running AgentAPI, where the server reports it. */
  workspace_app_id: NullableUuidSchema,
  initial_prompt: z.string().optional(),
  status: TaskStatusSchema,
  current_state: CoderTaskStateEntrySchema.nullish(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type CoderTask = z.infer<typeof CoderTaskSchema>;

export const TasksListResponseSchema = z.looseObject({
  tasks: z.array(CoderTaskSchema),
  count: z.number().optional(),
});
export type TasksListResponse = z.infer<typeof TasksListResponseSchema>;
