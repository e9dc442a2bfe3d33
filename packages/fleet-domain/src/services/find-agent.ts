// Finds an agent by name with one lookup, or says that there is none.
import { agentNotFound, workspaceIsNoAgent } from '../errors/rule-errors.js';
import type { AgentRecord } from '../repositories/agent-record.js';
import type { AgentRepository } from '../repositories/agent-repository.js';

export async function findAgent(agents: AgentRepository, name: string, options: { signal?: AbortSignal | undefined } = {}): Promise<AgentRecord> {
  const record = await agents.findByName(name, { signal: options.signal });
  if (!record) {
    throw agentNotFound(name);
  }
  if (!record.runsAgent) {
    throw workspaceIsNoAgent(name);
  }
  return record;
}
