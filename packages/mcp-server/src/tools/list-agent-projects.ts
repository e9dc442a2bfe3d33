// The list_agent_projects tool: the projects (Coder templates) that can make agents.
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import * as z from 'zod';
import type { Fleet } from '@fleet/fleet-domain';
import { registerFleetTool } from '../fleet-tool.js';
import { describeProject, ProjectOutputSchema, toProjectOutput } from '../outputs/project-output.js';
import type { ToolContext } from '../tool-context.js';

export const ListAgentProjectsInputSchema = z.strictObject({});

export const ListAgentProjectsOutputSchema = z.object({ projects: z.array(ProjectOutputSchema) });

export function registerListAgentProjectsTool(server: McpServer, fleet: Fleet, context: ToolContext) {
  return registerFleetTool(server, context, {
    name: 'list_agent_projects',
    title: 'List agent projects',
    description: [
      'List the projects that can make agents: the Coder templates able to run a Claude Code agent.',
      "Use it before create_agent: a project's name or display name goes into create_agent's project, and into list_agent_roles to see the roles it offers.",
      'Takes no arguments.',
    ].join(' '),
    input: ListAgentProjectsInputSchema,
    output: ListAgentProjectsOutputSchema,
    errors: {
      INVALID_INPUT: 'for any argument (it takes none)',
      UNAUTHORIZED: 'when Coder refuses the token',
      CODER_UNAVAILABLE: 'when Coder cannot be reached',
    },
    annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
    async run(_input, call) {
      const projects = await fleet.projects.list({ signal: call.signal });
      const heading =
        projects.length === 0
          ? 'No project can make agents: a Coder template needs a Claude Code AI task (a prompt parameter) first.'
          : `${projects.length} project${projects.length === 1 ? '' : 's'}:`;
      return {
        structured: { projects: projects.map(toProjectOutput) },
        summary: [heading, ...projects.map((project) => `- ${describeProject(project)}`)].join('\n'),
      };
    },
  });
}
