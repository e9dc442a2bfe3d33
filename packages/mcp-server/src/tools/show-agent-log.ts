// The show_agent_log tool: an agent's conversation, newest first, a page at a time.
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import * as z from 'zod';
import { DEFAULT_LOG_PAGE_SIZE, type Fleet } from '@fleet/fleet-domain';
import { registerFleetTool } from '../fleet-tool.js';
import { agentNameField, pageField, pageSizeField } from '../input-fields.js';
import { describeLogEntry, LogEntryOutputSchema, toLogEntryOutput } from '../outputs/log-entry-output.js';
import { describePagePosition, pageOutputShape, toPageOutput } from '../outputs/page-output.js';
import type { ToolContext } from '../tool-context.js';

export const ShowAgentLogInputSchema = z.strictObject({
  agent_name: agentNameField,
  page: pageField,
  page_size: pageSizeField(DEFAULT_LOG_PAGE_SIZE),
});

export const ShowAgentLogOutputSchema = z.object({
  agent_name: z.string(),
  entries: z.array(LogEntryOutputSchema).describe('newest first'),
  ...pageOutputShape,
});

export function registerShowAgentLogTool(server: McpServer, fleet: Fleet, context: ToolContext) {
  return registerFleetTool(server, context, {
    name: 'show_agent_log',
    title: 'Show agent log',
    description: [
      "Show an agent's conversation with Claude Code, newest first: the prompts it was given (type input) and its answers (type output).",
      'By default only the latest message (page_size 1), which is usually the agent\'s answer or its question to you; raise page_size (at most 100) or page to read further back.',
      'Use it to read what an agent said; for a compact timeline of its work use show_agent_task_history. A page past the end is empty but still gives the total.',
    ].join(' '),
    input: ShowAgentLogInputSchema,
    output: ShowAgentLogOutputSchema,
    errors: {
      INVALID_INPUT: 'for a page or page_size out of range, or a malformed name',
      NOT_FOUND: 'when no agent has that name',
      AGENT_OFFLINE: 'when the agent is not running (the conversation lives in the running agent)',
      UNAUTHORIZED: 'when Coder refuses the token',
      CODER_UNAVAILABLE: 'when Coder cannot be reached',
    },
    annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
    async run(input, call) {
      const page = await fleet.tasks.log(input.agent_name, { page: input.page, pageSize: input.page_size, signal: call.signal });
      const heading = `Conversation of ${page.agentName}, ${describePagePosition(page, 'messages')}`;
      const lines = page.items.length === 0 ? ['(no messages on this page)'] : page.items.map(describeLogEntry);
      return {
        structured: { agent_name: page.agentName, entries: page.items.map(toLogEntryOutput), ...toPageOutput(page) },
        summary: [`${heading}:`, ...lines].join('\n'),
      };
    },
  });
}
