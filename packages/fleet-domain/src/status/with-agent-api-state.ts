// An online agent's status as AgentAPI's `/status` gives it: `running` is busy, `stable` idle.
import type { AgentApiState, AgentRecord } from '../backends/fleet-backend.js';

export function withAgentApiState(record: AgentRecord, state: AgentApiState): AgentRecord {
  return { ...record, details: { ...record.details, status: state === 'running' ? 'busy' : 'idle' } };
}
