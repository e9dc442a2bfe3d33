// The list_agents tool: every agent with its status, project, role and last task, optionally filtered.
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { Fleet } from '@fleet/fleet-domain';
import { registerFleetTool } from '../fleet-tool.js';
import { agentStatusField, projectField } from '../input-fields.js';
import { AgentOutputSchema, describeAgent, toAgentOutput } from '../outputs/agent-output.js';
import type { ToolContext } from '../tool-context.js';

export const ListAgentsInputSchema = z.strictObject({
  status: agentStatusField.optional(),
  project: projectField.optional(),
});

export const ListAgentsOutputSchema = z.object({
  agents: z.array(AgentOutputSchema),
  count: z.number().int().min(0),
});

export function registerListAgentsTool(server: McpServer, fleet: Fleet, context: ToolContext) {
  return registerFleetTool(server, context, {
    name: 'list_agents',
    title: 'List agents',
    description: [
      'List every Claude Code agent in the fleet (each is a Coder workspace you own) with its status, project, role, the last status it reported about its work, and when it was created and last updated.',
      'Use it first, to see which agents exist and what they are doing: idle agents are online and take a task (start_agent_task); busy ones are working (cancel_agent_task interrupts them); pending/starting ones are still being built.',
      "The busy/idle of a running agent here is Coder's view: the newest status the agent reported since its workspace last started, a hint that can lag; show_agent, start_agent_task and cancel_agent_task ask the agent's AgentAPI itself.",
      'Optional filters: status (e.g. "idle") and project (a name or display name from list_agent_projects). For everything about one agent use show_agent.',
      'Errors: INVALID_INPUT for a bad filter; NOT_FOUND for an unknown project; UNAUTHORIZED when the Coder token is missing or wrong; CODER_UNAVAILABLE when Coder cannot be reached (retrying later may help).',
    ].join(' '),
    input: ListAgentsInputSchema,
    output: ListAgentsOutputSchema,
    annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
    async run(input, call) {
      const agents = await fleet.agents.list(
        { ...(input.status === undefined ? {} : { status: input.status }), ...(input.project === undefined ? {} : { project: input.project }) },
        { signal: call.signal },
      );
      const filter = [input.status && `status ${input.status}`, input.project && `project ${JSON.stringify(input.project)}`].filter(Boolean).join(', ');
      const heading =
        agents.length === 0
          ? filter === ''
            ? 'No agents yet: create one with create_agent.'
            : `No agents with ${filter}.`
          : `${agents.length} agent${agents.length === 1 ? '' : 's'}${filter === '' ? '' : ` with ${filter}`}:`;
      return {
        structured: { agents: agents.map(toAgentOutput), count: agents.length },
        text: [heading, ...agents.map((agent) => `- ${describeAgent(agent)}`)].join('\n'),
      };
    },
  });
}
