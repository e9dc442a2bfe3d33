// The statuses an agent can be in, derived from its workspace build and the state its agent reports.
import { z } from 'zod';

export const AGENT_STATUSES = [
  'pending',
  'starting',
  'idle',
  'busy',
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

/** An agent is online, and can take a task or be interrupted, when its workspace runs and its agent is ready. */
export function isOnline(status: AgentStatus): boolean {
  return status === 'idle' || status === 'busy';
}
