// Routes about workspaces: the filtered, paged list, lookups by id and by owner and name, and creation.
import { resourceNotFound } from '../http/coder-error.js';
import type { SimulatorRequest } from '../http/simulator-request.js';
import { jsonResponse, type SimulatorResponse } from '../http/simulator-response.js';
import { createWorkspace } from '../lifecycle/workspace-creation.js';
import { workspacePayload } from '../payloads/workspace-payload.js';
import { compareWorkspaces, parseWorkspaceQuery, workspaceMatches } from '../rules/workspace-search-query.js';
import { requireReadableWorkspace } from '../rules/workspace-access.js';
import type { OrganizationRecord } from '../world/world-model.js';
import type { CoderRoute, HandlerContext } from './handler-context.js';
import {
  bodyObject,
  organizationParameter,
  paginate,
  paginationParameters,
  parameterValuesField,
  pathParameter,
  stringField,
  userParameter,
  uuidField,
  workspaceParameter,
} from './request-parameters.js';

function listWorkspaces({ world }: HandlerContext, request: SimulatorRequest): SimulatorResponse {
  const filter = parseWorkspaceQuery(request.query.get('q') ?? '', world.generation.exposesHasAiTask);
  const pagination = paginationParameters(request.query);
  const matching = world
    .liveWorkspaces()
    .filter((workspace) => workspaceMatches(world, workspace, filter, request.user))
    .sort((first, second) => compareWorkspaces(world, first, second));
  const page = paginate(matching, pagination);
  // A real fleet's list runs to megabytes: stream it one workspace at a time.
  function* chunks(): Generator<string> {
    yield '{"workspaces":[';
    let first = true;
    for (const workspace of page) {
      yield `${first ? '' : ','}${JSON.stringify(workspacePayload(world, workspace))}`;
      first = false;
    }
    yield `],"count":${matching.length}}`;
  }
  return { status: 200, body: { kind: 'json-stream', chunks } };
}

async function createWorkspaceFromRequest(
  context: HandlerContext,
  request: SimulatorRequest,
  organization: OrganizationRecord | null,
): Promise<SimulatorResponse> {
  const { world, lifecycle } = context;
  const owner = userParameter(world, request);
  const body = bodyObject(await request.readJson(), 'codersdk.CreateWorkspaceRequest');
  const workspace = createWorkspace(world, lifecycle, {
    owner,
    initiator: request.user,
    organization,
    name: stringField(body, 'name'),
    templateId: uuidField(body, 'template_id'),
    templateVersionId: uuidField(body, 'template_version_id'),
    presetId: uuidField(body, 'template_version_preset_id'),
    richParameterValues: parameterValuesField(body, 'rich_parameter_values'),
  });
  return jsonResponse(201, workspacePayload(world, workspace));
}

export const workspaceRoutes: readonly CoderRoute[] = [
  {
    method: 'GET',
    template: '/api/v2/workspaces',
    authenticated: true,
    handle: listWorkspaces,
  },
  {
    method: 'GET',
    template: '/api/v2/workspaces/{workspace}',
    authenticated: true,
    handle: ({ world }, request) => jsonResponse(200, workspacePayload(world, workspaceParameter(world, request))),
  },
  {
    method: 'GET',
    template: '/api/v2/users/{user}/workspace/{workspacename}',
    authenticated: true,
    handle: ({ world }, request) => {
      const owner = userParameter(world, request);
      const workspace = world.findWorkspaceByOwnerAndName(owner.id, pathParameter(request, 'workspacename'));
      if (!workspace) {
        throw resourceNotFound();
      }
      return jsonResponse(200, workspacePayload(world, requireReadableWorkspace(request.user, workspace)));
    },
  },
  {
    method: 'POST',
    template: '/api/v2/users/{user}/workspaces',
    authenticated: true,
    handle: (context, request) => createWorkspaceFromRequest(context, request, null),
  },
  {
    method: 'POST',
    template: '/api/v2/organizations/{organization}/members/{user}/workspaces',
    authenticated: true,
    handle: (context, request) =>
      createWorkspaceFromRequest(context, request, organizationParameter(context.world, request)),
  },
];
