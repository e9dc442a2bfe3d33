// An online agent's status as AgentAPI tells it, not as the app statuses it reported suggest.
import { isOnline } from '@fleet/fleet-models';
import type { AgentApiHandle, AgentRecord, BackendCallOptions, FleetBackend } from '../backends/fleet-backend.js';
import { needsUserInput } from './needs-user-input.js';
import { withAgentApiState } from './with-agent-api-state.js';

export interface LiveRecord {
  record: AgentRecord;
  /** Where its AgentAPI answers, when it is online and Coder says where. */
  app: AgentApiHandle | undefined;
}

/**
 * App statuses can be stale (they survive restarts) or out of order (`coder exp mcp` forces the
 * agent's own reports to `working`), so for an online agent the truth is AgentAPI's `/status`:
 * `running` is busy; `stable` is waiting when Claude Code's screen shows one of its questions to
 * its user, idle otherwise. An agent that is not online keeps the status Coder's build gives.
 */
export async function readLiveStatus(
  backend: FleetBackend,
  record: AgentRecord,
  options: BackendCallOptions & { tellsWaitingFromIdle?: boolean } = {},
): Promise<LiveRecord> {
  if (!isOnline(record.details.status)) {
    return { record, app: undefined };
  }
  const app = await backend.locateAgentApi(record, options);
  if (!app) {
    return { record, app };
  }
  const state = await backend.agentApiState(app, options);
  // Reading the screen costs the conversation: skipped by callers for whom idle and waiting are alike (a prompt answers both).
  const asksUser = state === 'stable' && options.tellsWaitingFromIdle !== false && (await asksItsUser(backend, record, options));
  return { record: withAgentApiState(record, state, asksUser), app };
}

async function asksItsUser(backend: FleetBackend, record: AgentRecord, options: BackendCallOptions): Promise<boolean> {
  const entries = await backend.log(record, options);
  const lastAgentMessage = entries?.find((entry) => entry.type === 'output')?.content;
  return needsUserInput({ lastAgentMessage, appStatusNeedsAttention: record.history[0]?.needsUserAttention });
}
