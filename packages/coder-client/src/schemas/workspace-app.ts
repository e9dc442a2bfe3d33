// An app of a workspace agent, e.g. the one running AgentAPI (codersdk.WorkspaceApp).
import * as z from 'zod';
import { listOf } from './list-of.js';
import { openEnum } from './open-enum.js';
import { WorkspaceAppStatusSchema } from './workspace-app-status.js';

export const workspaceAppHealths = ['disabled', 'initializing', 'healthy', 'unhealthy'] as const;

export const HealthcheckSchema = z.looseObject({
  url: z.string().optional(),
  interval: z.number().optional(),
  threshold: z.number().optional(),
});

export const WorkspaceAppSchema = z.looseObject({
  id: z.string(),
  slug: z.string(),
  display_name: z.string().optional(),
  url: z.string().optional(),
  command: z.string().optional(),
  icon: z.string().optional(),
  external: z.boolean().optional(),
  subdomain: z.boolean().optional(),
  subdomain_name: z.string().optional(),
  sharing_level: z.string().optional(),
  health: openEnum(workspaceAppHealths).optional(),
  healthcheck: HealthcheckSchema.nullish(),
  hidden: z.boolean().optional(),
  open_in: z.string().optional(),
  group: z.string().optional(),
  statuses: listOf(WorkspaceAppStatusSchema),
});
export type WorkspaceApp = z.infer<typeof WorkspaceAppSchema>;
