// The statuses an agent can be in, derived from its workspace build and the state its agent reports.
import * as z from 'zod';

export const AGENT_STATUSES = [
  'pending',
  'starting',
  'idle',
  'busy',
  'waiting',
  'stopping',
  'stopped',
  'failed',
  'canceling',
  'canceled',
  'deleting',
  'deleted',
] as const;

export const AgentStatusSchema = z.enum(AGENT_STATUSES);
export type AgentStatus = z.infer<typeof AgentStatusSchema>;

/** Online statuses: the workspace runs and its agent is ready (working, or waiting for a task or an answer). */
const ONLINE_STATUSES: ReadonlySet<AgentStatus> = new Set(['idle', 'busy', 'waiting']);

/** An agent is online, and can take a task or be interrupted, when its workspace runs and its agent is ready. */
export function isOnline(status: AgentStatus): boolean {
  return ONLINE_STATUSES.has(status);
}

/** Statuses a fleet listing can show: a deleted workspace is no longer listed by Coder. */
export const LISTED_AGENT_STATUSES = AGENT_STATUSES.filter(
  (status): status is Exclude<AgentStatus, 'deleted'> => status !== 'deleted',
);
export const ListedAgentStatusSchema = z.enum(LISTED_AGENT_STATUSES as [Exclude<AgentStatus, 'deleted'>, ...Exclude<AgentStatus, 'deleted'>[]]);
