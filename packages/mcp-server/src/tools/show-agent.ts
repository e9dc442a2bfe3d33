// The show_agent tool: one agent in full, from its workspace and build to its health.
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import * as z from 'zod';
import type { Fleet } from '@fleet/fleet-domain';
import { registerFleetTool } from '../fleet-tool.js';
import { agentNameField } from '../input-fields.js';
import { AgentDetailsOutputSchema, describeAgentDetails, toAgentDetailsOutput } from '../outputs/agent-details-output.js';
import type { ToolContext } from '../tool-context.js';

export const ShowAgentInputSchema = z.strictObject({ agent_name: agentNameField });

export const ShowAgentOutputSchema = z.object({ agent: AgentDetailsOutputSchema });

export function registerShowAgentTool(server: McpServer, fleet: Fleet, context: ToolContext) {
  return registerFleetTool(server, context, {
    name: 'show_agent',
    title: 'Show agent',
    description: [
      'Show one agent in full: its Coder workspace id and URL, owner, latest build (number, transition, status, error), template version, role, the parameters its build was made with (its first task among them only on Coder 2.27, whose templates take it as the AI Prompt parameter), its status (busy or idle as its AgentAPI says now), the last status it reported, and its health (agent connection and lifecycle).',
      'Use it to find out why an agent is failed, stuck starting or unhealthy, or to get its URL. For an overview of all agents use list_agents; for what it did, show_agent_task_history and show_agent_log.',
    ].join(' '),
    input: ShowAgentInputSchema,
    output: ShowAgentOutputSchema,
    errors: {
      INVALID_INPUT: 'for a malformed name',
      NOT_FOUND: 'when no agent has that name (list_agents shows the names)',
      UNAUTHORIZED: 'when Coder refuses the token',
      CODER_UNAVAILABLE: 'when Coder cannot be reached (retrying later may help)',
    },
    annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
    async run(input, call) {
      const agent = await fleet.agents.show(input.agent_name, { signal: call.signal });
      return { structured: { agent: toAgentDetailsOutput(agent) }, summary: describeAgentDetails(agent) };
    },
  });
}
