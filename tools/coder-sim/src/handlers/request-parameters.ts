// Reads path, query and body values the way Coder's handlers do, answering Coder's 400s and 404s for bad ones.
import { CoderHttpError, parseUuidParameter, resourceNotFound } from '../http/coder-error.js';
import type { SimulatorRequest } from '../http/simulator-request.js';
import { requireReadableWorkspace } from '../rules/workspace-access.js';
import type { WorldStore } from '../world/world-store.js';
import type { NameValue, OrganizationRecord, UserRecord, WorkspaceRecord } from '../world/world-model.js';

export function pathParameter(request: SimulatorRequest, name: string): string {
  const value = request.parameters[name];
  if (value === undefined) {
    throw new Error(`Route has no {${name}} parameter.`);
  }
  return value;
}

/** {user}: 'me', an id or a username; Coder answers 400 for one that does not exist. */
export function userParameter(world: WorldStore, request: SimulatorRequest, name = 'user'): UserRecord {
  const user = world.findUser(pathParameter(request, name), request.user);
  if (!user) {
    throw new CoderHttpError(400, { message: '"user" must be an existing uuid or username.' });
  }
  return user;
}

export function organizationParameter(world: WorldStore, request: SimulatorRequest): OrganizationRecord {
  const organization = world.findOrganization(pathParameter(request, 'organization'));
  if (!organization) {
    throw resourceNotFound();
  }
  return organization;
}

/**
 * {workspace}: a UUID (400 if malformed), 404 if unknown or another user's. Reading the workspace itself answers 410 for a deleted
 * one unless include_deleted=true; its builds stay reachable.
 */
export function workspaceParameter(
  world: WorldStore,
  request: SimulatorRequest,
  deleted: 'gone' | 'allowed' = 'gone',
): WorkspaceRecord {
  const id = parseUuidParameter(pathParameter(request, 'workspace'));
  const found = world.findWorkspace(id);
  if (!found) {
    throw resourceNotFound();
  }
  const workspace = requireReadableWorkspace(request.user, found);
  if (workspace.deleted && deleted === 'gone' && request.query.get('include_deleted') !== 'true') {
    throw new CoderHttpError(410, {
      message: `Workspace "${workspace.id}" was deleted, you can view this workspace by specifying '?include_deleted=true' and trying again.`,
    });
  }
  return workspace;
}

export interface Pagination {
  limit: number;
  offset: number;
}

function positiveInteger(query: URLSearchParams, name: string): number | { problem: string } {
  const raw = query.get(name);
  if (raw === null || raw === '') {
    return 0;
  }
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(value) || value > 2_147_483_647) {
    return { problem: `Query param "${name}" must be a valid 32-bit positive integer.` };
  }
  return value;
}

/** limit 0 means no limit, as in Coder. */
export function paginationParameters(query: URLSearchParams): Pagination {
  const limit = positiveInteger(query, 'limit');
  const offset = positiveInteger(query, 'offset');
  const validations = [
    ...(typeof limit === 'object' ? [{ field: 'limit', detail: limit.problem }] : []),
    ...(typeof offset === 'object' ? [{ field: 'offset', detail: offset.problem }] : []),
  ];
  if (typeof limit === 'object' || typeof offset === 'object') {
    throw new CoderHttpError(400, { message: 'Query parameters have invalid values.', validations });
  }
  return { limit, offset };
}

export function paginate<T>(items: readonly T[], pagination: Pagination): T[] {
  const start = Math.min(pagination.offset, items.length);
  return pagination.limit > 0 ? items.slice(start, start + pagination.limit) : items.slice(start);
}

function invalidBody(detail: string): CoderHttpError {
  return new CoderHttpError(400, { message: 'Request body must be valid JSON.', detail });
}

/** The JSON body as an object; Go's decoder refuses other JSON values for a struct. */
export function bodyObject(value: unknown, typeName: string): Record<string, unknown> {
  if (value === null) {
    return {};
  }
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw invalidBody(`json: cannot unmarshal ${Array.isArray(value) ? 'array' : typeof value} into Go value of type ${typeName}`);
  }
  return value as Record<string, unknown>;
}

export function stringField(body: Record<string, unknown>, field: string): string {
  const value = body[field];
  if (value === undefined || value === null) {
    return '';
  }
  if (typeof value !== 'string') {
    throw invalidBody(`json: cannot unmarshal ${typeof value} into Go struct field .${field} of type string`);
  }
  return value;
}

/** A uuid.UUID field: absent or the zero UUID is "not set"; a malformed one fails JSON decoding. */
export function uuidField(body: Record<string, unknown>, field: string): string | null {
  const value = stringField(body, field);
  if (value === '' || value === '00000000-0000-0000-0000-000000000000') {
    return null;
  }
  try {
    return parseUuidParameter(value);
  } catch (error) {
    throw invalidBody(error instanceof CoderHttpError ? (error.body.detail ?? error.message) : String(error));
  }
}

export function parameterValuesField(body: Record<string, unknown>, field: string): NameValue[] {
  const value = body[field];
  if (value === undefined || value === null) {
    return [];
  }
  if (!Array.isArray(value)) {
    throw invalidBody(`json: cannot unmarshal ${typeof value} into Go struct field .${field} of type []codersdk.WorkspaceBuildParameter`);
  }
  return value.map((item: unknown) => {
    const entry = bodyObject(item, 'codersdk.WorkspaceBuildParameter');
    return { name: stringField(entry, 'name'), value: stringField(entry, 'value') };
  });
}
