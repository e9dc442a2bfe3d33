// Body of POST /api/v2/workspaces/{workspace}/builds (codersdk.CreateWorkspaceBuildRequest).
import type { WorkspaceTransition } from '../schemas/workspace-build.js';
import type { WorkspaceBuildParameter } from '../schemas/workspace-build-parameter.js';

export interface CreateWorkspaceBuildRequest {
  transition: WorkspaceTransition;
  template_version_id?: string;
  template_version_preset_id?: string;
  rich_parameter_values?: WorkspaceBuildParameter[];
  /** Only for `delete`: forget the workspace without destroying its resources. */
  orphan?: boolean;
  dry_run?: boolean;
  log_level?: 'debug';
  reason?: string;
}
