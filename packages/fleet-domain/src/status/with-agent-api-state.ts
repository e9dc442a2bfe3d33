// An online agent's status as its AgentAPI tells it: `running` is busy; `stable` is idle, or waiting when Claude Code asks its user something.
import type { AgentApiState, AgentRecord } from '../backends/fleet-backend.js';

export function withAgentApiState(record: AgentRecord, state: AgentApiState, asksUser: boolean): AgentRecord {
  const status = state === 'running' ? 'busy' : asksUser ? 'waiting' : 'idle';
  return { ...record, details: { ...record.details, status } };
}
