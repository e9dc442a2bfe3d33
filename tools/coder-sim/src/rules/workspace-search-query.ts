// Coder's workspace search syntax (?q=): space-separated key:value terms, free text as a name, "owner/name".
import { CoderHttpError, type ValidationErrorBody } from '../http/coder-error.js';
import type { WorldStore } from '../world/world-store.js';
import { canReadWorkspace } from './workspace-access.js';
import {
  latestBuildOf,
  workspaceStatusOf,
  type AgentConnectionStatus,
  type UserRecord,
  type WorkspaceRecord,
  type WorkspaceStatus,
} from '../world/world-model.js';

export interface WorkspaceFilter {
  /** `id:<uuid>,<uuid>…`: only these workspaces. */
  ids: string[] | null;
  owner: string | null;
  name: string | null;
  template: string | null;
  status: WorkspaceStatus | null;
  hasAiTask: boolean | null;
  hasAgent: AgentConnectionStatus | null;
  dormant: boolean | null;
  hasExternalAgent: boolean | null;
  lastUsedAfter: number | null;
  lastUsedBefore: number | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const WORKSPACE_STATUSES: readonly WorkspaceStatus[] = [
  'pending',
  'starting',
  'running',
  'stopping',
  'stopped',
  'failed',
  'canceling',
  'canceled',
  'deleting',
  'deleted',
];
const AGENT_STATUSES: readonly AgentConnectionStatus[] = ['connecting', 'connected', 'disconnected', 'timeout'];

/** Splits on spaces, keeping quoted values ("a b" or key:"a b") together. */
export function searchTerms(query: string): string[] {
  return (query.match(/[^\s"]*"[^"]*"|\S+/g) ?? []).map((term) => term.trim()).filter((term) => term !== '');
}

function unquote(value: string): string {
  return value.replace(/"/g, '');
}

function parseBoolean(key: string, value: string, validations: ValidationErrorBody[]): boolean | null {
  if (value === 'true' || value === 'false') {
    return value === 'true';
  }
  validations.push({ field: key, detail: `Query param "${key}" must be a valid boolean: "${value}" is not a boolean` });
  return null;
}

function parseTime(key: string, value: string, validations: ValidationErrorBody[]): number | null {
  const time = Date.parse(value);
  if (Number.isNaN(time)) {
    validations.push({ field: key, detail: `Query param "${key}" must be a valid date format (2006-01-02T15:04:05Z07:00)` });
    return null;
  }
  return time;
}

/**
 * // coder/coder coderd/searchquery/search.go Workspaces (v2.34.3): whole query lowercased; unknown keys fail in
 * // parser.ErrorExcessParams with `Query param "<key>" is not a valid query param`; the handler answers 400
 * // "Invalid workspace search query.". From 2.37+ (PR #29085) `has-ai-task` is no longer read, so it is unknown.
 */
export function parseWorkspaceQuery(query: string, hasAiTaskFilter = true): WorkspaceFilter {
  const filter: WorkspaceFilter = {
    ids: null,
    owner: null,
    name: null,
    template: null,
    status: null,
    hasAiTask: null,
    hasAgent: null,
    dormant: null,
    hasExternalAgent: null,
    lastUsedAfter: null,
    lastUsedBefore: null,
  };
  const validations: ValidationErrorBody[] = [];
  for (const term of searchTerms(query)) {
    const separator = term.indexOf(':');
    if (separator < 0) {
      const parts = unquote(term).split('/');
      if (parts.length === 1) {
        filter.name = parts[0] ?? null;
      } else if (parts.length === 2) {
        filter.owner = parts[0] ?? null;
        filter.name = parts[1] ?? null;
      } else {
        validations.push({ field: 'q', detail: `Query element "${term}" can only contain 1 '/'` });
      }
      continue;
    }
    const key = term.slice(0, separator).toLowerCase();
    const value = unquote(term.slice(separator + 1));
    switch (key) {
      case 'id': {
        // // coder/coder coderd/searchquery/search.go Workspaces: `filter.WorkspaceIds = parser.UUIDs(values, …, "id")`;
        // // coderd/httpapi/queryparams.go ParseCustomList splits the value on "," and fails on any term that is no UUID.
        const ids = value.split(',');
        const bad = ids.filter((id) => !UUID.test(id.trim()));
        if (bad.length > 0) {
          validations.push({ field: 'id', detail: `Query param "id" has invalid values: ${bad.join(',')}` });
        } else {
          filter.ids = [...(filter.ids ?? []), ...ids.map((id) => id.trim().toLowerCase())];
        }
        break;
      }
      case 'owner':
        filter.owner = value;
        break;
      case 'name':
        filter.name = value;
        break;
      case 'template':
        filter.template = value;
        break;
      case 'status':
        if ((WORKSPACE_STATUSES as readonly string[]).includes(value)) {
          filter.status = value as WorkspaceStatus;
        } else {
          validations.push({ field: 'status', detail: `Query param "status" has invalid value: "${value}" is not a valid workspace status` });
        }
        break;
      case 'has-ai-task':
        if (hasAiTaskFilter) {
          filter.hasAiTask = parseBoolean(key, value, validations);
        } else {
          validations.push({ field: key, detail: `Query param "${key}" is not a valid query param` });
        }
        break;
      case 'has-agent':
        if ((AGENT_STATUSES as readonly string[]).includes(value)) {
          filter.hasAgent = value as AgentConnectionStatus;
        } else {
          validations.push({ field: 'has-agent', detail: `Query param "has-agent" has invalid value: "${value}" is not a valid agent status` });
        }
        break;
      case 'dormant':
        filter.dormant = parseBoolean(key, value, validations);
        break;
      case 'has_external_agent':
        filter.hasExternalAgent = parseBoolean(key, value, validations);
        break;
      case 'last_used_after':
        filter.lastUsedAfter = parseTime(key, value, validations);
        break;
      case 'last_used_before':
        filter.lastUsedBefore = parseTime(key, value, validations);
        break;
      default:
        validations.push({ field: key, detail: `Query param "${key}" is not a valid query param` });
    }
  }
  if (validations.length > 0) {
    throw new CoderHttpError(400, { message: 'Invalid workspace search query.', validations });
  }
  return filter;
}

function ownerMatches(world: WorldStore, workspace: WorkspaceRecord, owner: string, requester: UserRecord): boolean {
  if (owner === 'me') {
    return workspace.ownerId === requester.id;
  }
  const user = world.findUserById(workspace.ownerId);
  return user.id === owner.toLowerCase() || user.username.toLowerCase() === owner.toLowerCase();
}

export function workspaceMatches(
  world: WorldStore,
  workspace: WorkspaceRecord,
  filter: WorkspaceFilter,
  requester: UserRecord,
): boolean {
  if (!canReadWorkspace(requester, workspace)) {
    return false;
  }
  const build = latestBuildOf(workspace);
  if (filter.ids !== null && !filter.ids.includes(workspace.id.toLowerCase())) {
    return false;
  }
  if (filter.owner !== null && !ownerMatches(world, workspace, filter.owner, requester)) {
    return false;
  }
  if (filter.name !== null && !workspace.name.toLowerCase().includes(filter.name.toLowerCase())) {
    return false;
  }
  if (filter.template !== null && world.requireTemplate(workspace.templateId).name.toLowerCase() !== filter.template.toLowerCase()) {
    return false;
  }
  if (filter.status !== null && workspaceStatusOf(build) !== filter.status) {
    return false;
  }
  if (filter.hasAiTask !== null && world.requireTemplateVersion(build.templateVersionId).hasAiTask !== filter.hasAiTask) {
    return false;
  }
  if (filter.hasAgent !== null && build.agent?.status !== filter.hasAgent) {
    return false;
  }
  if (filter.dormant === true || filter.hasExternalAgent === true) {
    return false;
  }
  if (filter.lastUsedAfter !== null && workspace.lastUsedAt <= filter.lastUsedAfter) {
    return false;
  }
  if (filter.lastUsedBefore !== null && workspace.lastUsedAt >= filter.lastUsedBefore) {
    return false;
  }
  return true;
}

/** Coder's order: running workspaces first, then by owner username and name. */
export function compareWorkspaces(world: WorldStore, first: WorkspaceRecord, second: WorkspaceRecord): number {
  const running = (workspace: WorkspaceRecord): number => {
    const build = latestBuildOf(workspace);
    return build.transition === 'start' && build.jobStatus === 'succeeded' ? 0 : 1;
  };
  const byRunning = running(first) - running(second);
  if (byRunning !== 0) {
    return byRunning;
  }
  const firstOwner = world.findUserById(first.ownerId).username.toLowerCase();
  const secondOwner = world.findUserById(second.ownerId).username.toLowerCase();
  if (firstOwner !== secondOwner) {
    return firstOwner < secondOwner ? -1 : 1;
  }
  const firstName = first.name.toLowerCase();
  const secondName = second.name.toLowerCase();
  return firstName < secondName ? -1 : firstName > secondName ? 1 : 0;
}
