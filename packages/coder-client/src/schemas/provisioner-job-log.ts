// One line of a workspace build's log, GET /api/v2/workspacebuilds/{id}/logs (codersdk.ProvisionerJobLog).
import * as z from 'zod';

export const ProvisionerJobLogSchema = z.looseObject({
  id: z.number(),
  created_at: z.string(),
  log_source: z.string().optional(),
  log_level: z.string().optional(),
  stage: z.string().optional(),
  output: z.string(),
});
export type ProvisionerJobLog = z.infer<typeof ProvisionerJobLogSchema>;
