// A version of a template, e.g. its active version (codersdk.TemplateVersion).
import * as z from 'zod';
import { ProvisionerJobSchema } from './provisioner-job.js';

export const TemplateVersionSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  template_id: z.string().nullish(),
  organization_id: z.string().optional(),
  created_at: z.string(),
  updated_at: z.string(),
  message: z.string().optional(),
  readme: z.string().optional(),
  archived: z.boolean().optional(),
  job: ProvisionerJobSchema,
  has_external_agent: z.boolean().optional(),
});
export type TemplateVersion = z.infer<typeof TemplateVersionSchema>;
