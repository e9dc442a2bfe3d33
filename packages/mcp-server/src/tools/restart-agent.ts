// The restart_agent tool: stop then start an agent's workspace (only start a stopped one), optionally waiting until it is online.
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import * as z from 'zod';
import type { Fleet } from '@fleet/fleet-domain';
import { isOnline, type AgentDetails } from '@fleet/fleet-models';
import { registerFleetTool } from '../fleet-tool.js';
import { agentNameField, waitField } from '../input-fields.js';
import { AgentDetailsOutputSchema, toAgentDetailsOutput } from '../outputs/agent-details-output.js';
import { inline } from '../outputs/terminal-text.js';
import type { ToolContext } from '../tool-context.js';

export const RestartAgentInputSchema = z.strictObject({ agent_name: agentNameField, wait: waitField });

export const RestartAgentOutputSchema = z.object({
  agent: AgentDetailsOutputSchema,
  online: z.boolean().describe('the agent is idle or busy, i.e. running and reachable'),
});

export function registerRestartAgentTool(server: McpServer, fleet: Fleet, context: ToolContext) {
  return registerFleetTool(server, context, {
    name: 'restart_agent',
    title: 'Restart agent',
    description: [
      "Restart an agent's Coder workspace: stop it, then start it again (a stopped agent is only started).",
      'Use it to bring back a stopped, failed or unhealthy agent. Work in progress is interrupted; to stop only the current task use cancel_agent_task.',
      'Without wait (the default) it returns once Coder accepted the build; with wait: true it returns once the agent is online or the build failed, reporting each step as MCP progress.',
    ].join(' '),
    input: RestartAgentInputSchema,
    output: RestartAgentOutputSchema,
    errors: {
      INVALID_INPUT: 'for a malformed name',
      NOT_FOUND: 'when no agent has that name',
      INVALID_STATE: 'when the agent cannot be restarted now (e.g. another build runs)',
      UNAUTHORIZED: 'when Coder refuses the token',
      CODER_UNAVAILABLE: 'when Coder cannot be reached',
    },
    // Every call runs another stop and start, cutting off whatever the agent was doing.
    annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true },
    async run(input, call) {
      const agent = await fleet.agents.restart(input.agent_name, {
        wait: input.wait,
        signal: call.signal,
        ...(input.wait ? { onProgress: call.reportProgress } : {}),
      });
      return {
        structured: { agent: toAgentDetailsOutput(agent), online: isOnline(agent.status) },
        summary: describeRestart(agent),
      };
    },
  });
}

function describeRestart(agent: AgentDetails): string {
  if (isOnline(agent.status)) return `Agent ${agent.name} is online again (${agent.status}).`;
  if (agent.status === 'failed') {
    const reason = agent.build.error === null ? '' : `: ${inline(agent.build.error)}`;
    return `Agent ${agent.name} did not come back: its build failed${reason}. show_agent has the details.`;
  }
  return `Agent ${agent.name} is restarting (status ${agent.status}); check with show_agent until it is idle.`;
}
