// Test helper: the few fields of Coder payloads the tests read.

export interface AppStatus {
  id: string;
  state: string;
  message: string;
  uri: string;
  app_id: string;
  created_at: string;
}

export interface WorkspaceApp {
  id: string;
  slug: string;
  health: string;
  statuses: AppStatus[];
}

export interface WorkspaceAgent {
  id: string;
  name: string;
  status: string;
  lifecycle_state: string;
  apps: WorkspaceApp[];
}

export interface WorkspaceBuild {
  id: string;
  build_number: number;
  status: string;
  transition: string;
  template_version_id: string;
  template_version_preset_id?: string;
  has_ai_task?: boolean;
  ai_task_sidebar_app_id?: string;
  job: { status: string; error?: string };
  resources: { agents: WorkspaceAgent[] }[];
}

export interface Workspace {
  id: string;
  name: string;
  owner_name: string;
  template_name: string;
  task_id?: string;
  latest_build: WorkspaceBuild;
  latest_app_status: AppStatus | null;
}

export interface WorkspacesResponse {
  workspaces: Workspace[];
  count: number;
}

export interface Template {
  id: string;
  name: string;
  display_name: string;
  active_version_id: string;
  organization_id: string;
}

export interface CoderError {
  message: string;
  detail?: string;
  validations?: { field: string; detail: string }[];
}

export interface Task {
  id: string;
  name: string;
  status: string;
  workspace_id: string;
  workspace_app_id?: string | null;
  initial_prompt: string;
  current_state: { state: string; message: string } | null;
}

export function agentOf(workspace: Workspace): WorkspaceAgent | undefined {
  return workspace.latest_build.resources.flatMap((resource) => resource.agents)[0];
}

export function agentApiAppOf(workspace: Workspace): WorkspaceApp | undefined {
  return agentOf(workspace)?.apps.find((app) => app.slug === 'ccw');
}
