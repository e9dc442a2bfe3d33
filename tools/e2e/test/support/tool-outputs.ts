// The parts of the tools' structured results the end-to-end tests read (the full schemas are the server's).
export type AgentStatus =
  | 'pending'
  | 'starting'
  | 'idle'
  | 'busy'
  | 'waiting'
  | 'stopping'
  | 'stopped'
  | 'failed'
  | 'canceling'
  | 'canceled'
  | 'deleting'
  | 'deleted';

export interface AgentOutput {
  name: string;
  status: AgentStatus;
  project: string;
  role: string | null;
  last_task: { state: string; message: string; at: string } | null;
  created_at: string;
  updated_at: string;
}

export interface AgentDetailsOutput extends AgentOutput {
  workspace_id: string;
  url: string;
  owner: string;
  build: { id: string; number: number; transition: string; status: string; job_status: string; error: string | null };
  parameters: Array<{ name: string; value: string }>;
  health: { healthy: boolean; agent_status: string | null; lifecycle_state: string | null; reason: string | null };
}

export interface AgentCountsOutput {
  total: number;
  online: number;
  by_status: Record<Exclude<AgentStatus, 'deleted'>, number | null>;
}

export interface ListAgentsOutput extends PageOutput {
  agents: AgentOutput[];
  counts: AgentCountsOutput;
}

export interface WaitForAgentsOutput {
  agents: Array<{ name: string; status: AgentStatus; still_working: boolean; last_message: string | null }>;
  condition_met: boolean;
  waited_seconds: number;
  polls: number;
  poll_interval_seconds: number;
}

export interface AgentResult {
  agent: AgentOutput;
}

export interface AgentDetailsResult {
  agent: AgentDetailsOutput;
}

export interface OnlineAgentResult {
  agent: AgentDetailsOutput;
  online: boolean;
}

/** create_agent's result: how its first task went (handed to Coder, sent by Fleet through AgentAPI, or not delivered). */
export interface CreatedAgentResult extends OnlineAgentResult {
  first_task: 'handed_to_coder' | 'sent' | 'not_delivered';
}

export interface PageOutput {
  total: number;
  page: number;
  page_size: number;
  has_next: boolean;
  has_previous: boolean;
}

export interface TaskHistoryOutput extends PageOutput {
  agent_name: string;
  tasks: Array<{ id: string; state: string; message: string; uri: string | null; needs_user_attention: boolean; created_at: string }>;
}

export interface AgentLogOutput extends PageOutput {
  agent_name: string;
  entries: Array<{ id: string; type: 'input' | 'output'; content: string; time: string }>;
}

export interface ProjectsOutput {
  projects: Array<{ name: string; display_name: string; description: string; template_id: string }>;
}

export interface RolesOutput {
  project: string;
  roles: Array<{ name: string; project: string; is_default: boolean; preset_id: string; system_prompt: string | null }>;
}
