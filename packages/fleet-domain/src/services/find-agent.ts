// Finds an agent by name with one lookup, or says that there is none.
import type { AgentRecord, FleetBackend } from '../backends/fleet-backend.js';
import { agentNotFound, workspaceIsNoAgent } from '../errors/rule-errors.js';

export async function findAgent(backend: FleetBackend, name: string, options: { signal?: AbortSignal | undefined } = {}): Promise<AgentRecord> {
  const record = await backend.findAgent(name, { signal: options.signal });
  if (!record) {
    throw agentNotFound(name);
  }
  if (!record.runsAgent) {
    throw workspaceIsNoAgent(name);
  }
  return record;
}
