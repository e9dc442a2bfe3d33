// Who may see a workspace: its owner, and the deployment's owners (site admins); everyone else is told it does not exist.
import { resourceNotFound } from '../http/coder-error.js';
import type { UserRecord, WorkspaceRecord } from '../world/world-model.js';

/**
 * // coder/coder coderd/rbac/roles.go (v2.34.3): the site-wide `owner` role may read every workspace; the `member`
 * // role only workspaces whose owner is the subject. dbauthz filters lists by the same rule (GetAuthorizedWorkspaces).
 */
export function canReadWorkspace(user: UserRecord, workspace: WorkspaceRecord): boolean {
  return workspace.ownerId === user.id || user.roles.some((role) => role.name === 'owner');
}

/**
 * The workspace, or the 404 Coder answers for one the user may not read, the same as for one that does not exist.
 * // coder/coder coderd/httpapi/httpapi.go Is404Error (v2.34.3): "Both actual 404s and unauthorized errors should
 * // return 404s to not leak information about the existence of resources"; httpmw.ExtractWorkspaceParam and
 * // ExtractWorkspaceBuildParam answer httpapi.ResourceNotFound for either.
 */
export function requireReadableWorkspace(user: UserRecord, workspace: WorkspaceRecord): WorkspaceRecord {
  if (!canReadWorkspace(user, workspace)) {
    throw resourceNotFound();
  }
  return workspace;
}
