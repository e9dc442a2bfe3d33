// The list_agents tool: a page of the fleet's agents with their status, project, role and last task, and the counts per status.
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import * as z from 'zod';
import { DEFAULT_LIST_PAGE_SIZE, type Fleet } from '@fleet/fleet-domain';
import type { Agent } from '@fleet/fleet-models';
import { registerFleetTool } from '../fleet-tool.js';
import { agentStatusFilterField, pageField, pageSizeField, projectField } from '../input-fields.js';
import { AgentCountsOutputSchema, describeAgentCounts, toAgentCountsOutput } from '../outputs/agent-counts-output.js';
import { AgentOutputSchema, describeAgent, toAgentOutput } from '../outputs/agent-output.js';
import { describePagePosition, pageOutputShape, toPageOutput } from '../outputs/page-output.js';
import type { ToolContext } from '../tool-context.js';

export const ListAgentsInputSchema = z.strictObject({
  status: agentStatusFilterField.optional(),
  project: projectField.optional(),
  page: pageField,
  page_size: pageSizeField(DEFAULT_LIST_PAGE_SIZE),
  compact: z
    .boolean()
    .default(false)
    .describe('true: each agent as name, status and project only, to scan a large fleet; false (default): every field'),
});

const CompactAgentOutputSchema = AgentOutputSchema.pick({ name: true, status: true, project: true });

export const ListAgentsOutputSchema = z.object({
  agents: z.array(z.union([AgentOutputSchema, CompactAgentOutputSchema])).describe('this page of the agents that pass the filters'),
  counts: AgentCountsOutputSchema,
  ...pageOutputShape,
});

export function registerListAgentsTool(server: McpServer, fleet: Fleet, context: ToolContext) {
  return registerFleetTool(server, context, {
    name: 'list_agents',
    title: 'List agents',
    description: [
      'List the Claude Code agents in the fleet (each is a Coder workspace you own), a page at a time, with their status, project, role, the last status they reported about their work, and when they were created and last updated; every answer also counts the agents per status.',
      'Use it first, to see which agents exist and what they are doing: idle agents are online and take a task (start_agent_task); busy ones are working (cancel_agent_task interrupts them, wait_for_agents waits for them); waiting ones ask you something (show_agent_log shows the question); pending/starting ones are still being built.',
      "The busy/idle of a running agent here is Coder's view: the newest status the agent reported since its workspace last started, a hint that can lag, and it cannot show waiting; show_agent, wait_for_agents, start_agent_task and cancel_agent_task ask the agent's AgentAPI itself.",
      `Optional filters: status (e.g. "idle") and project (a name or display name from list_agent_projects). Paginated: page from 1, page_size 1 to 100 (default ${DEFAULT_LIST_PAGE_SIZE}); compact: true for names and statuses only. For everything about one agent use show_agent.`,
    ].join(' '),
    input: ListAgentsInputSchema,
    output: ListAgentsOutputSchema,
    errors: {
      INVALID_INPUT: 'for a bad filter or page',
      NOT_FOUND: 'for an unknown project',
      UNAUTHORIZED: 'when the Coder token is missing or wrong',
      CODER_UNAVAILABLE: 'when Coder cannot be reached (retrying later may help)',
    },
    annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
    async run(input, call) {
      const { page, counts } = await fleet.agents.list(
        {
          ...(input.status === undefined ? {} : { status: input.status }),
          ...(input.project === undefined ? {} : { project: input.project }),
          page: input.page,
          pageSize: input.page_size,
        },
        { signal: call.signal },
      );
      const filter = [input.status && `status ${input.status}`, input.project && `project ${JSON.stringify(input.project)}`].filter(Boolean).join(', ');
      const heading =
        counts.total === 0 && filter === ''
          ? 'No agents yet: create one with create_agent.'
          : `${describeAgentCounts(counts)}. ${filter === '' ? 'Agents' : `Agents with ${filter}`}, ${describePagePosition(page, 'agents')}:`;
      const toOutput = input.compact ? toCompactOutput : toAgentOutput;
      return {
        structured: { agents: page.items.map(toOutput), counts: toAgentCountsOutput(counts), ...toPageOutput(page) },
        summary: [heading, ...page.items.map((agent) => `- ${describeAgent(agent)}`)].join('\n'),
      };
    },
  });
}

function toCompactOutput(agent: Agent): z.infer<typeof CompactAgentOutputSchema> {
  return { name: agent.name, status: agent.status, project: agent.project };
}
