// The create_agent tool: a new agent from a project and a role, with its first task, optionally waiting until it is online.
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import * as z from 'zod';
import type { Fleet } from '@fleet/fleet-domain';
import { FirstTaskDeliverySchema, isOnline, type CreatedAgent } from '@fleet/fleet-models';
import { registerFleetTool } from '../fleet-tool.js';
import { newAgentNameField, projectField, roleField, taskField, waitField } from '../input-fields.js';
import { AgentDetailsOutputSchema, toAgentDetailsOutput } from '../outputs/agent-details-output.js';
import { inline } from '../outputs/terminal-text.js';
import type { ToolContext } from '../tool-context.js';

export const CreateAgentInputSchema = z.strictObject({
  name: newAgentNameField,
  project: projectField,
  task: taskField.describe("The agent's first task: what it should do, written as you would prompt Claude Code."),
  role: roleField.optional(),
  wait: waitField,
});

export const CreateAgentOutputSchema = z.object({
  agent: AgentDetailsOutputSchema,
  online: z.boolean().describe('the agent is idle or busy, i.e. running and reachable'),
  first_task: FirstTaskDeliverySchema.describe(
    'handed_to_coder: Coder delivers the first task as the agent starts; sent: Fleet sent it through AgentAPI once the agent was ready (Coder releases without a task prompt, 2.37+); not_delivered: the agent was not ready in time, so give the task with start_agent_task once it is idle',
  ),
});

export function registerCreateAgentTool(server: McpServer, fleet: Fleet, context: ToolContext) {
  return registerFleetTool(server, context, {
    name: 'create_agent',
    title: 'Create agent',
    description: [
      "Create a new Claude Code agent: a Coder workspace built from the project's active template version with the role's preset (its system prompt), and task as the agent's first prompt.",
      'name: letters, digits and single inner hyphens, at most 32 characters, not used by another of your agents. project: from list_agent_projects. role: from list_agent_roles for that project (omit it for the default).',
      'Without wait (the default) it returns as soon as Coder accepted the build (status pending or starting): the agent needs a minute or more to come online; check with show_agent. With wait: true it returns once the agent is online or its build failed, and reports each step as MCP progress.',
      'On Coder releases without a task prompt (2.37+) Fleet itself sends the first task once the agent is ready, so the call waits for that in any case (with progress); first_task in the result says whether the task was delivered.',
      'To give an existing agent more work use start_agent_task instead. Calling this twice makes two build attempts: on a timeout, check list_agents before retrying.',
    ].join(' '),
    input: CreateAgentInputSchema,
    output: CreateAgentOutputSchema,
    errors: {
      INVALID_INPUT: 'for a name Coder would refuse, an empty task, or a project that cannot run an agent',
      CONFLICT: 'when an agent with that name exists',
      NOT_FOUND: 'for an unknown project or role (the message lists the existing ones)',
      UNAUTHORIZED: 'when Coder refuses the token',
      CODER_UNAVAILABLE: 'when Coder cannot be reached (the agent may have been created: list_agents tells)',
    },
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
    async run(input, call) {
      const created = await fleet.agents.create(
        { name: input.name, project: input.project, task: input.task, ...(input.role === undefined ? {} : { role: input.role }) },
        { wait: input.wait, signal: call.signal, onProgress: call.reportProgress },
      );
      return {
        structured: { agent: toAgentDetailsOutput(created.agent), online: isOnline(created.agent.status), first_task: created.firstTask },
        summary: describeCreation(created, input.wait),
      };
    },
  });
}

function describeCreation({ agent, firstTask }: CreatedAgent, waited: boolean): string {
  if (firstTask === 'not_delivered' && isOnline(agent.status)) {
    return `Agent ${agent.name} is online (${agent.status}) but its first task was not delivered yet: give it with start_agent_task. ${agent.url}`;
  }
  if (firstTask === 'not_delivered') {
    return `Agent ${agent.name} was created (status ${agent.status}) but is not ready yet, so its first task was not delivered: once show_agent says it is idle, give it with start_agent_task. ${agent.url}`;
  }
  if (isOnline(agent.status)) return `Agent ${agent.name} is online (${agent.status}) and has its first task. ${agent.url}`;
  if (agent.status === 'failed') {
    const reason = agent.build.error === null ? '' : `: ${inline(agent.build.error)}`;
    return `Agent ${agent.name} was created but its build failed${reason}. show_agent has the details; restart_agent retries, delete_agent removes it.`;
  }
  const next = waited ? 'It is not online yet' : 'It takes a minute or more to come online';
  return `Agent ${agent.name} is being created (status ${agent.status}). ${next}: check with show_agent or list_agents. ${agent.url}`;
}
