// The job behind a template version import or a workspace build (codersdk.ProvisionerJob).
import * as z from 'zod';
import { openEnum } from './open-enum.js';

export const provisionerJobStatuses = ['pending', 'running', 'succeeded', 'canceling', 'canceled', 'failed', 'unknown'] as const;
export const ProvisionerJobStatusSchema = openEnum(provisionerJobStatuses);
export type ProvisionerJobStatus = z.infer<typeof ProvisionerJobStatusSchema>;

export const ProvisionerJobSchema = z.looseObject({
  id: z.string(),
  status: ProvisionerJobStatusSchema,
  error: z.string().optional(),
  error_code: z.string().optional(),
  created_at: z.string().optional(),
  started_at: z.string().nullish(),
  completed_at: z.string().nullish(),
  canceled_at: z.string().nullish(),
  queue_position: z.number().optional(),
  queue_size: z.number().optional(),
  file_id: z.string().optional(),
  organization_id: z.string().optional(),
  initiator_id: z.string().optional(),
  type: z.string().optional(),
});
export type ProvisionerJob = z.infer<typeof ProvisionerJobSchema>;
