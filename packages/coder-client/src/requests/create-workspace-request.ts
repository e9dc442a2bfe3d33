// Body of POST .../workspaces (codersdk.CreateWorkspaceRequest).
import type { WorkspaceBuildParameter } from '../schemas/workspace-build-parameter.js';

/** Give exactly one of `template_id` (its active version) or `template_version_id`. */
export interface CreateWorkspaceRequest {
  /** Letters, digits and single inner hyphens, at most 32 characters, unique per owner. */
  name: string;
  template_id?: string;
  template_version_id?: string;
  template_version_preset_id?: string;
  rich_parameter_values?: WorkspaceBuildParameter[];
  ttl_ms?: number;
  autostart_schedule?: string;
  automatic_updates?: 'always' | 'never';
}
