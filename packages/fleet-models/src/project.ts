// A project: a Coder template that can run a Claude Code agent.
import * as z from 'zod';

export const ProjectSchema = z.object({
  name: z.string(),
  displayName: z.string(),
  description: z.string(),
  templateId: z.string(),
  activeVersionId: z.string(),
  organizationId: z.string(),
});
export type Project = z.infer<typeof ProjectSchema>;
