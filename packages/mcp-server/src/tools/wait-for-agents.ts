// The wait_for_agents tool: returns as soon as agents stop working, instead of the caller polling list_agents.
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import * as z from 'zod';
import { DEFAULT_AGENTS_WAIT_MS, MAX_AGENTS_WAIT_MS, type Fleet, type WaitTarget } from '@fleet/fleet-domain';
import { AgentStatusSchema } from '@fleet/fleet-models';
import { registerFleetTool } from '../fleet-tool.js';
import { agentNameField } from '../input-fields.js';
import { nullableText } from '../outputs/nullable-text.js';
import { inline } from '../outputs/terminal-text.js';
import type { ToolContext } from '../tool-context.js';

const MAX_WAITED_AGENTS = 100;

export const WaitForAgentsInputSchema = z.strictObject({
  agent_names: z
    .array(agentNameField)
    .max(MAX_WAITED_AGENTS, { message: `wait for at most ${MAX_WAITED_AGENTS} agents at once` })
    .default([])
    .describe('The agents to wait for. Empty or left out: every agent working now (pending, starting or busy).'),
  all: z
    .boolean()
    .default(false)
    .describe('false (default): return as soon as any of them stops working; true: only once every one has.'),
  timeout_seconds: z
    .number()
    .int()
    .min(1, { message: 'timeout_seconds must be at least 1' })
    .max(MAX_AGENTS_WAIT_MS / 1000, { message: `timeout_seconds must be at most ${MAX_AGENTS_WAIT_MS / 1000}: call again to wait longer` })
    .default(DEFAULT_AGENTS_WAIT_MS / 1000)
    .describe(`How long to wait at most, 1 to ${MAX_AGENTS_WAIT_MS / 1000} seconds (default ${DEFAULT_AGENTS_WAIT_MS / 1000}, within common clients' time limits).`),
});

const WaitedAgentOutputSchema = z.object({
  name: z.string(),
  status: AgentStatusSchema.describe('busy, pending and starting are still working; deleted means the agent is gone'),
  still_working: z.boolean(),
  last_message: nullableText('the newest status the agent reported about its work, or null when it reported none'),
});

export const WaitForAgentsOutputSchema = z.object({
  agents: z.array(WaitedAgentOutputSchema),
  condition_met: z.boolean().describe('true: any (or with all, every) agent stopped working; false: the time ran out first'),
  waited_seconds: z.number().min(0),
  polls: z.number().int().min(0).describe('how many times the fleet was looked at after the first'),
  poll_interval_seconds: z.number().min(0).describe('the pause between the last two looks at the fleet: how soon a change was noticed'),
});

export function registerWaitForAgentsTool(server: McpServer, fleet: Fleet, context: ToolContext) {
  return registerFleetTool(server, context, {
    name: 'wait_for_agents',
    title: 'Wait for agents',
    description: [
      'Wait until agents stop working, instead of polling list_agents: returns as soon as any of the named agents (or, with all: true, every one) is no longer busy — finished (idle), asking you something (waiting: read the question with show_agent_log and answer with start_agent_task), stopped, failed or deleted — or when timeout_seconds pass.',
      'Without agent_names it waits for every agent working now. The answer gives each agent\'s status and the last status it reported; progress notifications report while it waits.',
      'Each look re-reads only the agents still working (one light-list request on Coder 2.27–2.36, one request per 50 agents on 2.37+), and AgentAPI is asked only about agents whose state moved; the pause between looks grows from 1 to 5 seconds. Call again to keep waiting.',
    ].join(' '),
    input: WaitForAgentsInputSchema,
    output: WaitForAgentsOutputSchema,
    errors: {
      INVALID_INPUT: 'for a malformed name or a timeout out of range',
      NOT_FOUND: 'when a named agent does not exist (the message names each)',
      UNAUTHORIZED: 'when Coder refuses the token',
      CODER_UNAVAILABLE: 'when Coder cannot be reached',
    },
    annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
    async run(input, call) {
      const started = performance.now();
      const timeoutSeconds = input.timeout_seconds;
      const outcome = await fleet.agents.waitFor(
        { names: input.agent_names, all: input.all, timeoutMs: timeoutSeconds * 1000 },
        {
          signal: call.signal,
          onProgress: (progress) => {
            const elapsed = (performance.now() - started) / 1000;
            call.reportProgress({ progress: Math.min(elapsed, timeoutSeconds), total: timeoutSeconds, message: progress.message });
          },
        },
      );
      const waitedSeconds = Math.round((performance.now() - started) / 100) / 10;
      const agents = outcome.agents.map(toWaitedAgentOutput);
      return {
        structured: {
          agents,
          condition_met: outcome.met,
          waited_seconds: waitedSeconds,
          polls: outcome.polls,
          poll_interval_seconds: outcome.pollIntervalMs / 1000,
        },
        summary: [headingOf(outcome.agents, outcome.met, input.all, waitedSeconds), ...outcome.agents.map((agent) => `- ${describeWaited(agent)}`)].join('\n'),
      };
    },
  });
}

function toWaitedAgentOutput(target: WaitTarget): z.infer<typeof WaitedAgentOutputSchema> {
  return { name: target.name, status: target.status, still_working: target.stillWorking, last_message: target.lastMessage };
}

function headingOf(agents: readonly WaitTarget[], met: boolean, all: boolean, waitedSeconds: number): string {
  if (agents.length === 0) return 'No agent is working: nothing to wait for.';
  const done = agents.filter((agent) => !agent.stillWorking).length;
  const verdict = met ? (all ? 'Every agent stopped working' : 'An agent stopped working') : 'Still working when the time ran out';
  return `${verdict} after ${waitedSeconds} s (${done} of ${agents.length} done):`;
}

function describeWaited(agent: WaitTarget): string {
  return `${agent.name}: ${agent.status}${agent.lastMessage === null ? '' : `; last reported ${inline(JSON.stringify(agent.lastMessage))}`}`;
}
