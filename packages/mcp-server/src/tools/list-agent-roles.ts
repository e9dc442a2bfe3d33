// The list_agent_roles tool: the roles (presets) one project offers.
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import * as z from 'zod';
import type { Fleet } from '@fleet/fleet-domain';
import { registerFleetTool } from '../fleet-tool.js';
import { projectField } from '../input-fields.js';
import { describeRole, RoleOutputSchema, toRoleOutput } from '../outputs/role-output.js';
import type { ToolContext } from '../tool-context.js';

export const ListAgentRolesInputSchema = z.strictObject({ project: projectField });

export const ListAgentRolesOutputSchema = z.object({
  project: z.string().describe('the project as it was asked for'),
  roles: z.array(RoleOutputSchema),
});

export function registerListAgentRolesTool(server: McpServer, fleet: Fleet, context: ToolContext) {
  return registerFleetTool(server, context, {
    name: 'list_agent_roles',
    title: 'List agent roles',
    description: [
      "List the roles one project offers: the presets of its active template version, each setting the agent's system prompt (e.g. a Reviewer).",
      "Use it before create_agent, whose role takes one of these names; is_default marks the project's default preset.",
    ].join(' '),
    input: ListAgentRolesInputSchema,
    output: ListAgentRolesOutputSchema,
    errors: {
      NOT_FOUND: 'when the project does not exist (the message lists those that do)',
      INVALID_INPUT: 'for an empty project',
      UNAUTHORIZED: 'when Coder refuses the token',
      CODER_UNAVAILABLE: 'when Coder cannot be reached',
    },
    annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
    async run(input, call) {
      const roles = await fleet.projects.roles(input.project, { signal: call.signal });
      const heading =
        roles.length === 0
          ? `Project ${JSON.stringify(input.project)} has no roles: create_agent takes it without a role.`
          : `${roles.length} role${roles.length === 1 ? '' : 's'} in ${JSON.stringify(input.project)}:`;
      return {
        structured: { project: input.project, roles: roles.map(toRoleOutput) },
        summary: [heading, ...roles.map((role) => `- ${describeRole(role)}`)].join('\n'),
      };
    },
  });
}
