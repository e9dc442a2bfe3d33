// A Coder template, the thing Fleet calls a project (codersdk.Template).
import * as z from 'zod';

export const TemplateSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  display_name: z.string().optional(),
  description: z.string().optional(),
  icon: z.string().optional(),
  organization_id: z.string(),
  organization_name: z.string().optional(),
  organization_display_name: z.string().optional(),
  active_version_id: z.string(),
  deprecated: z.boolean().optional(),
  deprecation_message: z.string().optional(),
  provisioner: z.string().optional(),
  created_at: z.string(),
  updated_at: z.string(),
  created_by_id: z.string().optional(),
  created_by_name: z.string().optional(),
  active_user_count: z.number().optional(),
  require_active_version: z.boolean().optional(),
});
export type Template = z.infer<typeof TemplateSchema>;
