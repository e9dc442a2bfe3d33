// The cancel_agent_task tool: interrupts a busy agent's work; the agent stays online.
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import * as z from 'zod';
import type { Fleet } from '@fleet/fleet-domain';
import { registerFleetTool } from '../fleet-tool.js';
import { agentNameField } from '../input-fields.js';
import { AgentOutputSchema, toAgentOutput } from '../outputs/agent-output.js';
import type { ToolContext } from '../tool-context.js';

export const CancelAgentTaskInputSchema = z.strictObject({ agent_name: agentNameField });

export const CancelAgentTaskOutputSchema = z.object({ agent: AgentOutputSchema });

export function registerCancelAgentTaskTool(server: McpServer, fleet: Fleet, context: ToolContext) {
  return registerFleetTool(server, context, {
    name: 'cancel_agent_task',
    title: 'Cancel agent task',
    description: [
      "Interrupt a busy agent's current work, as pressing Esc in Claude Code would (Ctrl+C is never sent: at an idle prompt it can end Claude Code). The agent stays online, keeps its conversation and files, and returns to idle, ready for start_agent_task. Nothing is sent to an agent AgentAPI reports idle, and parallel cancels of one agent send one interrupt.",
      'Use it when an agent works on the wrong thing or takes too long. It neither stops nor deletes the workspace (see restart_agent and delete_agent).',
    ].join(' '),
    input: CancelAgentTaskInputSchema,
    output: CancelAgentTaskOutputSchema,
    errors: {
      INVALID_STATE: 'when the agent is neither busy nor waiting (the message gives its status and what to do)',
      NOT_FOUND: 'when no agent has that name',
      AGENT_OFFLINE: 'when its AgentAPI does not answer',
      INVALID_INPUT: 'for a malformed name',
      UNAUTHORIZED: 'when Coder refuses the token',
      CODER_UNAVAILABLE: 'when Coder cannot be reached',
    },
    // It cuts off work in progress, as restart_agent does; cancelling again finds the agent idle and changes nothing.
    annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
    async run(input, call) {
      const agent = await fleet.tasks.cancel(input.agent_name, { signal: call.signal });
      return {
        structured: { agent: toAgentOutput(agent) },
        summary:
          agent.status === 'idle'
            ? `Interrupted ${agent.name}: it stopped and is idle.`
            : `Sent the interrupt to ${agent.name}, but it is still ${agent.status}: check again with show_agent.`,
      };
    },
  });
}
