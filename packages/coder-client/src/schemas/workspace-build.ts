// A build of a workspace: a start, stop or delete transition and its job (codersdk.WorkspaceBuild).
import * as z from 'zod';
import { listOf } from './list-of.js';
import { openEnum } from './open-enum.js';
import { ProvisionerJobSchema } from './provisioner-job.js';
import { WorkspaceResourceSchema } from './workspace-resource.js';

export const workspaceStatuses = [
  'pending',
  'starting',
  'running',
  'stopping',
  'stopped',
  'failed',
  'canceling',
  'canceled',
  'deleting',
  'deleted',
] as const;
export const WorkspaceStatusSchema = openEnum(workspaceStatuses);
export type WorkspaceStatus = z.infer<typeof WorkspaceStatusSchema>;

export const workspaceTransitions = ['start', 'stop', 'delete'] as const;
export const WorkspaceTransitionSchema = openEnum(workspaceTransitions);
export type WorkspaceTransition = (typeof workspaceTransitions)[number];

export const WorkspaceBuildSchema = z.looseObject({
  id: z.string(),
  build_number: z.number().optional(),
  workspace_id: z.string(),
  workspace_name: z.string().optional(),
  workspace_owner_id: z.string().optional(),
  workspace_owner_name: z.string().optional(),
  template_version_id: z.string(),
  template_version_name: z.string().optional(),
  template_version_preset_id: z.string().nullish(),
  transition: WorkspaceTransitionSchema,
  status: WorkspaceStatusSchema,
  job: ProvisionerJobSchema,
  resources: listOf(WorkspaceResourceSchema),
  reason: z.string().optional(),
  initiator_id: z.string().optional(),
  initiator_name: z.string().optional(),
  created_at: z.string(),
  updated_at: z.string().optional(),
  deadline: z.string().nullish(),
  max_deadline: z.string().nullish(),
  daily_cost: z.number().optional(),
  /** Deprecated by Coder in favour of the Task's workspace id; still sent by 2.27. */
  has_ai_task: z.boolean().nullish(),
  /** The app running AgentAPI on releases that have it (2.27); later ones use the task's `workspace_app_id`. */
  ai_task_sidebar_app_id: z.string().nullish(),
  has_external_agent: z.boolean().nullish(),
});
export type WorkspaceBuild = z.infer<typeof WorkspaceBuildSchema>;
