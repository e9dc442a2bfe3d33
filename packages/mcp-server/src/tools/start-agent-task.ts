// The start_agent_task tool: sends a prompt to an idle agent.
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import * as z from 'zod';
import type { Fleet } from '@fleet/fleet-domain';
import { registerFleetTool } from '../fleet-tool.js';
import { agentNameField, taskField } from '../input-fields.js';
import { AgentOutputSchema, toAgentOutput } from '../outputs/agent-output.js';
import type { ToolContext } from '../tool-context.js';

export const StartAgentTaskInputSchema = z.strictObject({ agent_name: agentNameField, task: taskField });

export const StartAgentTaskOutputSchema = z.object({ agent: AgentOutputSchema });

export function registerStartAgentTaskTool(server: McpServer, fleet: Fleet, context: ToolContext) {
  return registerFleetTool(server, context, {
    name: 'start_agent_task',
    title: 'Start agent task',
    description: [
      'Send a task (a prompt) to an idle agent, which starts working on it and becomes busy.',
      'Use it to give an existing agent new work, to answer a question it asked, or to follow up on its last task; to make a new agent with a first task use create_agent.',
      'Follow the work with show_agent_task_history (the statuses it reports) and show_agent_log (its conversation).',
    ].join(' '),
    input: StartAgentTaskInputSchema,
    output: StartAgentTaskOutputSchema,
    errors: {
      INVALID_INPUT: 'for an empty task or a malformed name',
      AGENT_BUSY: 'when the agent is working: wait_for_agents until it stops, or cancel_agent_task first',
      AGENT_OFFLINE: 'when the agent is not running (the message gives its status; restart_agent starts it)',
      NOT_FOUND: 'when no agent has that name',
      UNAUTHORIZED: 'when Coder refuses the token',
      CODER_UNAVAILABLE: 'when Coder cannot be reached (the prompt may have been delivered: show_agent_log tells)',
    },
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
    async run(input, call) {
      const agent = await fleet.tasks.start(input.agent_name, input.task, { signal: call.signal });
      return {
        structured: { agent: toAgentOutput(agent) },
        summary: `Task sent to ${agent.name} (now ${agent.status}). Follow it with show_agent_task_history or show_agent_log.`,
      };
    },
  });
}
