// How many agents a fleet holds in each status, as every listing reports them.
import * as z from 'zod';
import { isOnline, LISTED_AGENT_STATUSES, type AgentStatus } from './agent-status.js';

type ListedStatus = Exclude<AgentStatus, 'deleted'>;

/**
 * A count per status; `null` where Coder cannot count it without reading every agent (on Coder
 * 2.37+, which agents of a running workspace are idle, busy or waiting): a listing filtered by that
 * status gives its exact total.
 */
export const AgentCountsSchema = z.object({
  total: z.number().int().min(0),
  byStatus: z.object(
    Object.fromEntries(LISTED_AGENT_STATUSES.map((status) => [status, z.number().int().min(0).nullable()])) as Record<
      ListedStatus,
      z.ZodNullable<z.ZodNumber>
    >,
  ),
  /** Online agents (idle, busy and waiting together), known even where their split is not. */
  online: z.number().int().min(0),
});
export type AgentCounts = z.infer<typeof AgentCountsSchema>;

/** Exact counts of the agents at hand. */
export function countAgents(statuses: readonly AgentStatus[]): AgentCounts {
  const byStatus = Object.fromEntries(LISTED_AGENT_STATUSES.map((status) => [status, 0])) as Record<ListedStatus, number>;
  let online = 0;
  for (const status of statuses) {
    if (status !== 'deleted') byStatus[status] += 1;
    if (isOnline(status)) online += 1;
  }
  return { total: statuses.length, byStatus, online };
}
