// An online agent's status as AgentAPI tells it, not as the app statuses it reported suggest.
import { isOnline } from '@fleet/fleet-models';
import type { AgentApiHandle, AgentRecord, BackendCallOptions, FleetBackend } from '../backends/fleet-backend.js';
import { withAgentApiState } from '../status/with-agent-api-state.js';

export interface LiveRecord {
  record: AgentRecord;
  /** Where its AgentAPI answers, when it is online and Coder says where. */
  app: AgentApiHandle | undefined;
}

/**
 * App statuses can be stale (they survive restarts) or out of order (`coder exp mcp` forces the
 * agent's own reports to `working`), so for an online agent the truth is AgentAPI's `/status`:
 * `running` is busy, `stable` idle. An agent that is not online keeps the status Coder's build gives.
 */
export async function readLiveStatus(backend: FleetBackend, record: AgentRecord, options: BackendCallOptions = {}): Promise<LiveRecord> {
  if (!isOnline(record.details.status)) {
    return { record, app: undefined };
  }
  const app = await backend.locateAgentApi(record, options);
  if (!app) {
    return { record, app };
  }
  return { record: withAgentApiState(record, await backend.agentApiState(app, options)), app };
}
