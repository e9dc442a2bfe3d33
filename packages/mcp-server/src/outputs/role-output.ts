// A role (a preset of a project's active template version) as tools return it.
import * as z from 'zod';
import { nullableText } from './nullable-text.js';
import type { Role } from '@fleet/fleet-models';
import { inline } from './terminal-text.js';

export const RoleOutputSchema = z.object({
  name: z.string(),
  project: z.string(),
  description: z.string(),
  is_default: z.boolean().describe("the project's default preset"),
  preset_id: z.string(),
  system_prompt: nullableText('the system prompt the role gives the agent; null when the preset sets none'),
});
export type RoleOutput = z.infer<typeof RoleOutputSchema>;

export function toRoleOutput(role: Role): RoleOutput {
  return {
    name: role.name,
    project: role.project,
    description: role.description,
    is_default: role.isDefault,
    preset_id: role.presetId,
    system_prompt: role.systemPrompt,
  };
}

export function describeRole(role: Role): string {
  const label = role.isDefault ? `${role.name} (default)` : role.name;
  return inline(role.description === '' ? label : `${label}: ${role.description}`);
}
