// The delete_agent tool: removes an agent's workspace, whatever state it is in.
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import * as z from 'zod';
import type { Fleet } from '@fleet/fleet-domain';
import { registerFleetTool } from '../fleet-tool.js';
import { agentNameField } from '../input-fields.js';
import { AgentOutputSchema, toAgentOutput } from '../outputs/agent-output.js';
import type { ToolContext } from '../tool-context.js';

export const DeleteAgentInputSchema = z.strictObject({ agent_name: agentNameField });

export const DeleteAgentOutputSchema = z.object({ agent: AgentOutputSchema });

export function registerDeleteAgentTool(server: McpServer, fleet: Fleet, context: ToolContext) {
  return registerFleetTool(server, context, {
    name: 'delete_agent',
    title: 'Delete agent',
    description: [
      "Delete an agent and its Coder workspace, whatever its state: a busy agent is stopped mid-task, and the workspace's files and the conversation are destroyed. This cannot be undone.",
      'It returns once Coder accepted the delete (status deleting); show_agent reports it until the delete has finished, and list_agents may stop showing it as soon as the delete is accepted.',
      'To only interrupt the current work use cancel_agent_task; to bring back a stuck or failed agent try restart_agent first.',
    ].join(' '),
    input: DeleteAgentInputSchema,
    output: DeleteAgentOutputSchema,
    errors: {
      INVALID_INPUT: 'for a malformed name',
      NOT_FOUND: 'when no agent has that name (also when it is already deleted)',
      INVALID_STATE: 'when a build of its workspace is in progress and does not finish in time (retryable: show_agent tells when it is done)',
      UNAUTHORIZED: 'when Coder refuses the token',
      CODER_UNAVAILABLE: 'when Coder cannot be reached (the delete may or may not have been requested: show_agent tells)',
    },
    // Deleting again changes nothing more: the agent is gone or going either way.
    annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
    async run(input, call) {
      const agent = await fleet.agents.delete(input.agent_name, { signal: call.signal });
      return {
        structured: { agent: toAgentOutput(agent) },
        summary: `Agent ${agent.name} is being deleted (status ${agent.status}).`,
      };
    },
  });
}
