// A role: a preset of a project's active template version, which sets the agent's system prompt.
import * as z from 'zod';

export const RoleSchema = z.object({
  name: z.string(),
  project: z.string(),
  description: z.string(),
  isDefault: z.boolean(),
  presetId: z.string(),
  systemPrompt: z.string().nullable(),
});
export type Role = z.infer<typeof RoleSchema>;
