// Routes about workspace builds: starting start/stop/delete builds, reading builds, their parameters and logs.
import { CoderHttpError, parseUuidParameter, resourceNotFound, validationFailed } from '../http/coder-error.js';
import type { SimulatorRequest } from '../http/simulator-request.js';
import { jsonResponse } from '../http/simulator-response.js';
import { requestWorkspaceBuild } from '../lifecycle/workspace-build-request.js';
import { buildLogsPayload } from '../payloads/build-log-payload.js';
import { requireReadableWorkspace } from '../rules/workspace-access.js';
import { workspaceBuildPayload } from '../payloads/workspace-build-payload.js';
import type { BuildLocation, WorldStore } from '../world/world-store.js';
import type { WorkspaceTransition } from '../world/world-model.js';
import type { CoderRoute } from './handler-context.js';
import {
  bodyObject,
  paginate,
  paginationParameters,
  parameterValuesField,
  pathParameter,
  stringField,
  uuidField,
  workspaceParameter,
} from './request-parameters.js';

const TRANSITIONS: readonly WorkspaceTransition[] = ['start', 'stop', 'delete'];

function buildParameter(world: WorldStore, request: SimulatorRequest): BuildLocation {
  const location = world.findBuild(parseUuidParameter(pathParameter(request, 'workspacebuild')));
  if (!location) {
    throw resourceNotFound();
  }
  requireReadableWorkspace(request.user, location.workspace);
  return location;
}

function logIdParameter(query: URLSearchParams, name: string): number | null {
  const raw = query.get(name);
  if (raw === null || raw === '') {
    return null;
  }
  if (!/^-?\d+$/.test(raw)) {
    throw new CoderHttpError(400, {
      message: 'Invalid query parameters.',
      validations: [{ field: name, detail: `Query param "${name}" must be a valid integer` }],
    });
  }
  return Number(raw);
}

export const workspaceBuildRoutes: readonly CoderRoute[] = [
  {
    method: 'GET',
    template: '/api/v2/workspaces/{workspace}/builds',
    authenticated: true,
    handle: ({ world }, request) => {
      const workspace = workspaceParameter(world, request, 'allowed');
      const builds = [...workspace.builds].reverse();
      return jsonResponse(
        200,
        paginate(builds, paginationParameters(request.query)).map((build) => workspaceBuildPayload(world, workspace, build)),
      );
    },
  },
  {
    method: 'POST',
    template: '/api/v2/workspaces/{workspace}/builds',
    authenticated: true,
    handle: async ({ world, lifecycle }, request) => {
      const workspace = workspaceParameter(world, request, 'allowed');
      const body = bodyObject(await request.readJson(), 'codersdk.CreateWorkspaceBuildRequest');
      const transition = stringField(body, 'transition');
      if (transition === '') {
        throw validationFailed('transition', 'required', transition);
      }
      if (!(TRANSITIONS as readonly string[]).includes(transition)) {
        throw validationFailed('transition', 'oneof', transition);
      }
      const build = requestWorkspaceBuild(world, lifecycle, workspace, {
        transition: transition as WorkspaceTransition,
        templateVersionId: uuidField(body, 'template_version_id'),
        presetId: uuidField(body, 'template_version_preset_id'),
        richParameterValues: parameterValuesField(body, 'rich_parameter_values'),
        initiator: request.user,
      });
      return jsonResponse(201, workspaceBuildPayload(world, workspace, build));
    },
  },
  {
    method: 'GET',
    template: '/api/v2/workspacebuilds/{workspacebuild}',
    authenticated: true,
    handle: ({ world }, request) => {
      const { workspace, build } = buildParameter(world, request);
      return jsonResponse(200, workspaceBuildPayload(world, workspace, build));
    },
  },
  {
    method: 'GET',
    template: '/api/v2/workspacebuilds/{workspacebuild}/parameters',
    authenticated: true,
    handle: ({ world }, request) => {
      const { build } = buildParameter(world, request);
      return jsonResponse(
        200,
        build.parameters.map((parameter) => ({ name: parameter.name, value: parameter.value })),
      );
    },
  },
  {
    method: 'GET',
    template: '/api/v2/workspacebuilds/{workspacebuild}/logs',
    authenticated: true,
    handle: ({ world }, request) => {
      const { build } = buildParameter(world, request);
      return jsonResponse(
        200,
        buildLogsPayload(build, logIdParameter(request.query, 'after'), logIdParameter(request.query, 'before')),
      );
    },
  },
];
