// Waits, bounded, for an agent to reach a status or to vanish, asking the server as a client would.
import type { FleetSession } from './fleet-session.js';
import { pollUntil } from '@fleet/tool-support';
import { errorOf, structuredOf } from './tool-result.js';
import type { AgentDetailsOutput, AgentDetailsResult, AgentStatus, ListAgentsOutput } from './tool-outputs.js';

export async function waitForAgentStatus(
  session: FleetSession,
  agentName: string,
  statuses: readonly AgentStatus[],
  timeoutMs = 15_000,
): Promise<AgentDetailsOutput> {
  let last: AgentStatus | undefined;
  try {
    return await pollUntil(
      async () => {
        const { agent } = structuredOf<AgentDetailsResult>(await session.call('show_agent', { agent_name: agentName }));
        last = agent.status;
        return statuses.includes(agent.status) ? agent : undefined;
      },
      { description: `${agentName} to be ${statuses.join(' or ')}`, timeoutMs },
    );
  } catch (error) {
    throw new Error(`${error instanceof Error ? error.message : String(error)} (last seen: ${last ?? 'never'})`);
  }
}

/** Resolves once show_agent answers NOT_FOUND (the delete finished) and list_agents no longer shows the agent. */
export async function waitForAgentGone(session: FleetSession, agentName: string, timeoutMs = 15_000): Promise<void> {
  await pollUntil(
    async () => {
      const lookup = await session.call('show_agent', { agent_name: agentName });
      if (lookup.isError !== true) return undefined;
      const code = errorOf(lookup).code;
      if (code !== 'NOT_FOUND') throw new Error(`show_agent of the deleted ${agentName} answered ${code}, not NOT_FOUND`);
      return true;
    },
    { description: `${agentName} to be deleted`, timeoutMs },
  );
  const { agents } = structuredOf<ListAgentsOutput>(await session.call('list_agents'));
  if (agents.some((agent) => agent.name === agentName)) throw new Error(`list_agents still shows the deleted ${agentName}`);
}
