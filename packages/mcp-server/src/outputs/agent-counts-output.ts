// The fleet's counts per status, as every list_agents answer carries them.
import * as z from 'zod';
import { LISTED_AGENT_STATUSES, type AgentCounts } from '@fleet/fleet-models';

const statusCount = z
  .number()
  .int()
  .min(0)
  .nullable()
  .describe('null where Coder cannot count it without reading every agent: list_agents with that status gives the exact total');

export const AgentCountsOutputSchema = z
  .object({
    total: z.number().int().min(0).describe('agents of the project filter (or the whole fleet), whatever the status filter'),
    online: z.number().int().min(0).describe('idle, busy and waiting agents together'),
    by_status: z.object(Object.fromEntries(LISTED_AGENT_STATUSES.map((status) => [status, statusCount])) as Record<(typeof LISTED_AGENT_STATUSES)[number], typeof statusCount>),
  })
  .describe('how many agents are in each status, so you need not read the whole fleet');

export function toAgentCountsOutput(counts: AgentCounts): z.infer<typeof AgentCountsOutputSchema> {
  return { total: counts.total, online: counts.online, by_status: counts.byStatus };
}

/** e.g. `12 agents: 3 busy, 8 idle, 1 stopped`. */
export function describeAgentCounts(counts: AgentCounts): string {
  const parts = Object.entries(counts.byStatus)
    .filter(([, count]) => count !== 0)
    .map(([status, count]) => (count === null ? `${status} uncounted` : `${count} ${status}`));
  const uncounted = parts.some((part) => part.endsWith('uncounted')) ? ` (${counts.online} online)` : '';
  return `${counts.total} agent${counts.total === 1 ? '' : 's'}${parts.length === 0 ? '' : `: ${parts.join(', ')}`}${uncounted}`;
}
