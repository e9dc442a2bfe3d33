// A status an agent reported about its work through its app (codersdk.WorkspaceAppStatus).
import * as z from 'zod';
import { openEnum } from './open-enum.js';

export const workspaceAppStatusStates = ['working', 'idle', 'complete', 'failure'] as const;
export const WorkspaceAppStatusStateSchema = openEnum(workspaceAppStatusStates);
export type WorkspaceAppStatusState = z.infer<typeof WorkspaceAppStatusStateSchema>;

export const WorkspaceAppStatusSchema = z.looseObject({
  id: z.string(),
  created_at: z.string(),
  workspace_id: z.string().optional(),
  agent_id: z.string().optional(),
  app_id: z.string().optional(),
  state: WorkspaceAppStatusStateSchema,
  message: z.string().optional(),
  uri: z.string().optional(),
  icon: z.string().optional(),
  needs_user_attention: z.boolean().optional(),
});
export type WorkspaceAppStatus = z.infer<typeof WorkspaceAppStatusSchema>;
