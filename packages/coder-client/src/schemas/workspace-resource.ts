// A resource a workspace build made, holding the workspace's agents (codersdk.WorkspaceResource).
import * as z from 'zod';
import { listOf } from './list-of.js';
import { WorkspaceAgentSchema } from './workspace-agent.js';

export const WorkspaceResourceSchema = z.looseObject({
  id: z.string(),
  name: z.string().optional(),
  type: z.string().optional(),
  job_id: z.string().optional(),
  workspace_transition: z.string().optional(),
  created_at: z.string().optional(),
  hide: z.boolean().optional(),
  icon: z.string().optional(),
  daily_cost: z.number().optional(),
  agents: listOf(WorkspaceAgentSchema),
});
export type WorkspaceResource = z.infer<typeof WorkspaceResourceSchema>;
