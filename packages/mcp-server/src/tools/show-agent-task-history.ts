// The show_agent_task_history tool: the statuses an agent reported about its work, newest first, a page at a time.
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import * as z from 'zod';
import { DEFAULT_HISTORY_PAGE_SIZE, type Fleet } from '@fleet/fleet-domain';
import { registerFleetTool } from '../fleet-tool.js';
import { agentNameField, pageField, pageSizeField } from '../input-fields.js';
import { describePagePosition, pageOutputShape, toPageOutput } from '../outputs/page-output.js';
import { describeTask, TaskOutputSchema, toTaskOutput } from '../outputs/task-output.js';
import type { ToolContext } from '../tool-context.js';

export const ShowAgentTaskHistoryInputSchema = z.strictObject({
  agent_name: agentNameField,
  page: pageField,
  page_size: pageSizeField(DEFAULT_HISTORY_PAGE_SIZE),
});

export const ShowAgentTaskHistoryOutputSchema = z.object({
  agent_name: z.string(),
  tasks: z.array(TaskOutputSchema).describe('newest first'),
  ...pageOutputShape,
});

export function registerShowAgentTaskHistoryTool(server: McpServer, fleet: Fleet, context: ToolContext) {
  return registerFleetTool(server, context, {
    name: 'show_agent_task_history',
    title: 'Show agent task history',
    description: [
      'Show the statuses an agent reported about its work, newest first: state (working, idle, complete or failure), message, an optional link, and whether it needs your attention.',
      'Use it to follow what an agent is doing or what it finished; for the conversation itself use show_agent_log.',
      `Paginated: page from 1 (newest), page_size 1 to 100 (default ${DEFAULT_HISTORY_PAGE_SIZE}); the result gives the total and has_next (older entries exist). A page past the end is empty but still gives the total.`,
    ].join(' '),
    input: ShowAgentTaskHistoryInputSchema,
    output: ShowAgentTaskHistoryOutputSchema,
    errors: {
      INVALID_INPUT: 'for a page or page_size out of range, or a malformed name',
      NOT_FOUND: 'when no agent has that name',
      AGENT_OFFLINE: 'when the agent is not running and Coder keeps no history for it',
      UNAUTHORIZED: 'when Coder refuses the token',
      CODER_UNAVAILABLE: 'when Coder cannot be reached',
    },
    annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
    async run(input, call) {
      const page = await fleet.tasks.history(input.agent_name, { page: input.page, pageSize: input.page_size, signal: call.signal });
      const heading = `Task history of ${page.agentName}, ${describePagePosition(page, 'statuses')}`;
      const lines = page.items.length === 0 ? ['(no statuses on this page)'] : page.items.map((task) => `- ${describeTask(task)}`);
      return {
        structured: { agent_name: page.agentName, tasks: page.items.map(toTaskOutput), ...toPageOutput(page) },
        summary: [`${heading}:`, ...lines].join('\n'),
      };
    },
  });
}
