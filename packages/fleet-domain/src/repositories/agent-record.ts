// What the repositories know about one agent: the fleet's view of it and where to reach it.
import type { AgentApiAppLocation, Workspace } from '@fleet/coder-client';
import type { Agent, AgentDetails } from '@fleet/fleet-models';

export interface AgentRecord {
  /** The agent as the fleet shows it. */
  details: AgentDetails;
  /** Where its AgentAPI answers through Coder's app proxy, when the workspace tells. */
  app: AgentApiAppLocation | undefined;
  /** The Coder task behind the agent, on releases whose workspaces name it. */
  taskId: string | null;
  /** False for a plain workspace (no AI task): it holds the name but is no agent. */
  runsAgent: boolean;
  /** The Coder workspace it was read from: for the repositories, the rules never look inside. */
  workspace: Workspace;
}

/** An agent of a fleet listing, with what filters by project need. */
export interface ListedAgent {
  agent: Agent;
  templateId: string | undefined;
  templateName: string;
}

/** The summary of an agent's details, as lists show it. */
export function summaryOf(details: AgentDetails): Agent {
  return {
    id: details.id,
    name: details.name,
    status: details.status,
    project: details.project,
    role: details.role,
    lastTask: details.lastTask,
    createdAt: details.createdAt,
    updatedAt: details.updatedAt,
  };
}
