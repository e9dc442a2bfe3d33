// Records the simulator keeps for the Coder objects it serves; JSON payloads are rendered from them on demand.
import type { AgentApiConversation } from '../lifecycle/agent-api-conversation.js';

export type WorkspaceTransition = 'start' | 'stop' | 'delete';
export type ProvisionerJobStatus = 'pending' | 'running' | 'succeeded' | 'canceling' | 'canceled' | 'failed';
export type WorkspaceStatus =
  | 'pending'
  | 'starting'
  | 'running'
  | 'stopping'
  | 'stopped'
  | 'failed'
  | 'canceling'
  | 'canceled'
  | 'deleting'
  | 'deleted';
export type AgentConnectionStatus = 'connecting' | 'connected' | 'disconnected' | 'timeout';
export type AgentLifecycleState =
  | 'created'
  | 'starting'
  | 'start_timeout'
  | 'start_error'
  | 'ready'
  | 'shutting_down'
  | 'shutdown_timeout'
  | 'shutdown_error'
  | 'off';
export type AppHealth = 'disabled' | 'initializing' | 'healthy' | 'unhealthy';
export type AppStatusState = 'working' | 'idle' | 'complete' | 'failure';

export interface NameValue {
  name: string;
  value: string;
}

export interface UserRecord {
  id: string;
  username: string;
  name: string;
  email: string;
  avatarUrl: string;
  createdAt: number;
  roles: readonly { name: string; displayName: string }[];
  organizationIds: readonly string[];
}

export interface OrganizationRecord {
  id: string;
  name: string;
  displayName: string;
  description: string;
  icon: string;
  isDefault: boolean;
  createdAt: number;
  updatedAt: number;
}

export interface ParameterOptionRecord {
  name: string;
  description: string;
  value: string;
  icon: string;
}

export interface ParameterRecord {
  name: string;
  displayName: string;
  description: string;
  type: 'string' | 'number' | 'bool' | 'list(string)';
  formType: string;
  mutable: boolean;
  defaultValue: string;
  required: boolean;
  ephemeral: boolean;
  icon: string;
  options: readonly ParameterOptionRecord[];
}

export interface PresetRecord {
  id: string;
  name: string;
  description: string;
  icon: string;
  isDefault: boolean;
  parameters: readonly NameValue[];
}

/** The coder_app that reaches AgentAPI (port 3284) in a template's agent. */
export interface AgentApiAppDefinition {
  slug: string;
  displayName: string;
  icon: string;
  subdomain: boolean;
}

export interface TemplateVersionRecord {
  id: string;
  templateId: string;
  organizationId: string;
  name: string;
  message: string;
  readme: string;
  createdAt: number;
  createdById: string;
  jobId: string;
  /** the version defines a coder_ai_task resource */
  hasAiTask: boolean;
  /** the AgentAPI app of the version's agent, or null */
  agentApiApp: AgentApiAppDefinition | null;
  parameters: readonly ParameterRecord[];
  presets: readonly PresetRecord[];
}

export interface TemplateRecord {
  id: string;
  organizationId: string;
  name: string;
  displayName: string;
  description: string;
  icon: string;
  activeVersionId: string;
  createdAt: number;
  updatedAt: number;
  createdById: string;
  deprecated: boolean;
}

/** The workspace agent a successful start build created, with the apps it serves. */
export interface AgentRecord {
  id: string;
  name: string;
  agentApiAppId: string;
  codeServerAppId: string;
  previewAppId: string;
  createdAt: number;
  status: AgentConnectionStatus;
  lifecycle: AgentLifecycleState;
  agentApiHealth: AppHealth;
  firstConnectedAt: number | null;
  startedAt: number | null;
  readyAt: number | null;
}

export interface BuildRecord {
  id: string;
  jobId: string;
  /** running number across all builds of the world, used for unique log ids */
  ordinal: number;
  buildNumber: number;
  transition: WorkspaceTransition;
  jobStatus: ProvisionerJobStatus;
  createdAt: number;
  updatedAt: number;
  startedAt: number | null;
  completedAt: number | null;
  error: string | null;
  templateVersionId: string;
  presetId: string | null;
  parameters: readonly NameValue[];
  initiatorId: string;
  /** the job will fail when it completes */
  willFail: boolean;
  containerResourceId: string;
  volumeResourceId: string;
  /** set once a start build succeeded */
  agent: AgentRecord | null;
}

export interface AppStatusRecord {
  id: string;
  createdAt: number;
  state: AppStatusState;
  message: string;
  uri: string;
  appId: string;
  agentId: string;
}

/** A seeded history is generated on demand from these few numbers instead of being stored. */
export interface SeededHistorySpec {
  variant: number;
  taskCount: number;
  /** the last task is still being worked on */
  busy: boolean;
  endsAt: number;
  appId: string;
  agentId: string;
  /**
   * a `working` self-report lands after the agent went idle (AgentAPI stable): the newest status is a stale
   * `working` while AgentAPI says `stable` (coder/coder cli/exp_mcp.go forces self-reports to working)
   */
  staleWorkingAtEnd: boolean;
}

export interface TaskRecord {
  id: string;
  name: string;
  displayName: string;
  initialPrompt: string;
  createdAt: number;
}

export interface WorkspaceRecord {
  /** creation order; derived ids hang off it */
  index: number;
  id: string;
  name: string;
  ownerId: string;
  organizationId: string;
  templateId: string;
  createdAt: number;
  updatedAt: number;
  lastUsedAt: number;
  deleted: boolean;
  /** oldest first */
  builds: BuildRecord[];
  seededHistory: SeededHistorySpec | null;
  liveStatuses: AppStatusRecord[];
  /** AgentAPI state; only workspaces of templates that can run an agent have one */
  conversation: AgentApiConversation | null;
  initialPromptDelivered: boolean;
  /** the `input` of POST /api/v2/tasks/{user}, delivered as the first prompt when the agent is ready (2.29–2.36) */
  pendingTaskPrompt: string | null;
  task: TaskRecord | null;
}

export function latestBuildOf(workspace: WorkspaceRecord): BuildRecord {
  const build = workspace.builds[workspace.builds.length - 1];
  if (!build) {
    throw new Error(`Workspace ${workspace.id} has no build.`);
  }
  return build;
}

/** The workspace status Coder derives from the latest build's transition and job status. */
export function workspaceStatusOf(build: BuildRecord): WorkspaceStatus {
  switch (build.jobStatus) {
    case 'pending':
      return 'pending';
    case 'running':
      return build.transition === 'start' ? 'starting' : build.transition === 'stop' ? 'stopping' : 'deleting';
    case 'succeeded':
      return build.transition === 'start' ? 'running' : build.transition === 'stop' ? 'stopped' : 'deleted';
    case 'failed':
      return 'failed';
    case 'canceling':
      return 'canceling';
    case 'canceled':
      return 'canceled';
  }
}

export function buildIsActive(build: BuildRecord): boolean {
  return build.jobStatus === 'pending' || build.jobStatus === 'running' || build.jobStatus === 'canceling';
}
