// A Coder organization (codersdk.Organization).
import * as z from 'zod';

export const OrganizationSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  display_name: z.string().optional(),
  description: z.string().optional(),
  icon: z.string().optional(),
  is_default: z.boolean(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type Organization = z.infer<typeof OrganizationSchema>;
