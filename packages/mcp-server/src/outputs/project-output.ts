// A project (a Coder template that can run an agent) as tools return it.
import * as z from 'zod';
import type { Project } from '@fleet/fleet-models';
import { inline } from './terminal-text.js';

export const ProjectOutputSchema = z.object({
  name: z.string(),
  display_name: z.string(),
  description: z.string(),
  template_id: z.string(),
  active_version_id: z.string(),
  organization_id: z.string(),
});
export type ProjectOutput = z.infer<typeof ProjectOutputSchema>;

export function toProjectOutput(project: Project): ProjectOutput {
  return {
    name: project.name,
    display_name: project.displayName,
    description: project.description,
    template_id: project.templateId,
    active_version_id: project.activeVersionId,
    organization_id: project.organizationId,
  };
}

export function describeProject(project: Project): string {
  const label = project.displayName === project.name || project.displayName === '' ? project.name : `${project.displayName} (${project.name})`;
  return inline(project.description === '' ? label : `${label}: ${project.description}`);
}
