// The Tasks API, under /api/experimental/tasks (2.27–2.28) or /api/v2/tasks (2.29–2.36): a task is an AI workspace.
import { CoderHttpError, parseUuidParameter, resourceNotFound, type ValidationErrorBody } from '../http/coder-error.js';
import type { SimulatorRequest } from '../http/simulator-request.js';
import { emptyResponse, jsonResponse } from '../http/simulator-response.js';
import { ConversationBusyError } from '../lifecycle/agent-api-conversation.js';
import { requestWorkspaceBuild } from '../lifecycle/workspace-build-request.js';
import { createWorkspace } from '../lifecycle/workspace-creation.js';
import { taskPayload, taskStatusOf } from '../payloads/task-payload.js';
import { isoTime } from '../payloads/iso-time.js';
import { compareWorkspaces, parseWorkspaceQuery, searchTerms, workspaceMatches } from '../rules/workspace-search-query.js';
import { canReadWorkspace } from '../rules/workspace-access.js';
import { workspaceNameProblem } from '../rules/workspace-name-rule.js';
import { AI_PROMPT_PARAMETER } from '../world/template-catalog.js';
import type { WorldStore } from '../world/world-store.js';
import { latestBuildOf, type UserRecord, type WorkspaceRecord } from '../world/world-model.js';
import type { CoderRoute, HandlerContext } from './handler-context.js';
import {
  bodyObject,
  paginate,
  paginationParameters,
  pathParameter,
  stringField,
  userParameter,
  uuidField,
} from './request-parameters.js';

const NAME_ADJECTIVES = ['brave', 'calm', 'eager', 'keen', 'lucid', 'nimble', 'quiet', 'swift', 'tidy', 'witty'];
const NAME_NOUNS = ['lovelace', 'hopper', 'turing', 'knuth', 'ritchie', 'liskov', 'dijkstra', 'hamilton', 'perlis'];

function generatedTaskName(world: WorldStore): string {
  const suffix = world.random.integer(0, 0xffff).toString(16).padStart(4, '0');
  return `task-${world.random.pick(NAME_ADJECTIVES)}-${world.random.pick(NAME_NOUNS)}-${suffix}`;
}

function taskWorkspaces(world: WorldStore): WorkspaceRecord[] {
  return world.liveWorkspaces().filter((workspace) => workspace.task !== null);
}

/** {task}: the workspace id on the experimental API; the task id or name on /api/v2. */
function taskParameter(world: WorldStore, request: SimulatorRequest): WorkspaceRecord {
  const owner = userParameter(world, request);
  const reference = pathParameter(request, 'task');
  const candidates = taskWorkspaces(world).filter((workspace) => workspace.ownerId === owner.id && canReadWorkspace(request.user, workspace));
  let found: WorkspaceRecord | undefined;
  if (world.generation.tasksApi === 'experimental') {
    const id = parseUuidParameter(reference);
    found = candidates.find((workspace) => workspace.id === id);
  } else {
    const lowered = reference.toLowerCase();
    found = candidates.find((workspace) => workspace.task?.id === lowered || workspace.task?.name.toLowerCase() === lowered);
  }
  if (!found) {
    throw resourceNotFound();
  }
  return found;
}

interface TaskFilter {
  owner: string | null;
  organization: string | null;
  status: string | null;
}

function parseTaskQuery(query: string): TaskFilter {
  const filter: TaskFilter = { owner: null, organization: null, status: null };
  const validations: ValidationErrorBody[] = [];
  for (const term of searchTerms(query)) {
    const separator = term.indexOf(':');
    const key = separator < 0 ? '' : term.slice(0, separator).toLowerCase();
    const value = term.slice(separator + 1).replace(/"/g, '');
    if (key === 'owner' || key === 'organization' || key === 'status') {
      filter[key] = value;
    } else {
      validations.push({
        field: key === '' ? 'q' : key,
        detail: key === '' ? `Query element "${term}" is not a valid query param` : `Query param "${key}" is not a valid query param`,
      });
    }
  }
  if (validations.length > 0) {
    throw new CoderHttpError(400, { message: 'Invalid task search query.', validations });
  }
  return filter;
}

function matchesTaskFilter(world: WorldStore, workspace: WorkspaceRecord, filter: TaskFilter, requester: UserRecord): boolean {
  if (!canReadWorkspace(requester, workspace)) {
    return false;
  }
  if (filter.owner !== null) {
    const owner = world.findUser(filter.owner, requester);
    if (!owner || owner.id !== workspace.ownerId) {
      return false;
    }
  }
  if (filter.organization !== null) {
    const organization = world.findOrganization(filter.organization);
    if (!organization || organization.id !== workspace.organizationId) {
      return false;
    }
  }
  if (filter.status !== null && taskPayload(world, workspace)['status'] !== filter.status) {
    return false;
  }
  return true;
}

/** Coder dials the task's AgentAPI only for an active task. */
function requireActiveTask(workspace: WorkspaceRecord): void {
  const status = taskStatusOf(latestBuildOf(workspace));
  if (status !== 'active') {
    throw new CoderHttpError(400, {
      message: 'Task status must be active.',
      detail: `Task status is "${status}", it must be "active" to interact with the task.`,
    });
  }
}

async function createTask({ world, lifecycle }: HandlerContext, request: SimulatorRequest) {
  const owner = userParameter(world, request);
  const body = bodyObject(await request.readJson(), 'codersdk.CreateTaskRequest');
  const input = stringField(body, 'input');
  const versionId = uuidField(body, 'template_version_id');
  const version = versionId ? world.findTemplateVersion(versionId) : undefined;
  if (!version) {
    throw new CoderHttpError(400, { message: 'Template version not found or you do not have access to this resource' });
  }
  if (!version.hasAiTask) {
    throw new CoderHttpError(400, { message: 'Template does not have a valid "coder_ai_task" resource.' });
  }
  let name = stringField(body, 'name');
  if (name !== '') {
    const problem = workspaceNameProblem(name);
    if (problem) {
      throw new CoderHttpError(400, { message: 'Unable to create a Task with the provided name.', detail: problem });
    }
  } else {
    name = generatedTaskName(world);
  }
  const definesPrompt = version.parameters.some((parameter) => parameter.name === AI_PROMPT_PARAMETER);
  const workspace = createWorkspace(world, lifecycle, {
    owner,
    initiator: request.user,
    organization: null,
    name,
    templateId: null,
    templateVersionId: version.id,
    presetId: uuidField(body, 'template_version_preset_id'),
    richParameterValues: definesPrompt ? [{ name: AI_PROMPT_PARAMETER, value: input }] : [],
    taskInput: input,
  });
  if (workspace.task) {
    workspace.task.initialPrompt = input;
    workspace.task.displayName = stringField(body, 'display_name') || name;
  }
  return jsonResponse(201, taskPayload(world, workspace));
}

export function taskRoutes(basePath: string): CoderRoute[] {
  return [
    {
      method: 'GET',
      template: basePath,
      authenticated: true,
      handle: ({ world }, request) => {
        if (world.generation.experimentalTaskListPaged) {
          // 2.27: tasks are AI workspaces found with the workspace search (q, limit, offset); count = all matches.
          const workspaceFilter = parseWorkspaceQuery(request.query.get('q') ?? '');
          const pagination = paginationParameters(request.query);
          const matching = taskWorkspaces(world)
            .filter((workspace) => workspaceMatches(world, workspace, workspaceFilter, request.user))
            .sort((first, second) => compareWorkspaces(world, first, second));
          const tasks = paginate(matching, pagination).map((workspace) => taskPayload(world, workspace));
          return jsonResponse(200, { tasks, count: matching.length });
        }
        // coder/coder coderd/aitasks.go tasksList (v2.29–v2.36): no paging; count = len(tasks) returned.
        const filter = parseTaskQuery(request.query.get('q') ?? '');
        const tasks = taskWorkspaces(world)
          .filter((workspace) => matchesTaskFilter(world, workspace, filter, request.user))
          .sort((first, second) => (second.task?.createdAt ?? 0) - (first.task?.createdAt ?? 0))
          .map((workspace) => taskPayload(world, workspace));
        return jsonResponse(200, { tasks, count: tasks.length });
      },
    },
    {
      method: 'POST',
      template: `${basePath}/{user}`,
      authenticated: true,
      handle: createTask,
    },
    {
      method: 'GET',
      template: `${basePath}/{user}/{task}`,
      authenticated: true,
      handle: ({ world }, request) => jsonResponse(200, taskPayload(world, taskParameter(world, request))),
    },
    {
      method: 'DELETE',
      template: `${basePath}/{user}/{task}`,
      authenticated: true,
      handle: ({ world, lifecycle }, request) => {
        const workspace = taskParameter(world, request);
        requestWorkspaceBuild(world, lifecycle, workspace, {
          transition: 'delete',
          templateVersionId: null,
          presetId: null,
          richParameterValues: [],
          initiator: request.user,
        });
        if (world.generation.tasksApi === 'stable') {
          // The task record is deleted at once; its workspace goes through its delete build.
          workspace.task = null;
        }
        return emptyResponse(202);
      },
    },
    {
      method: 'POST',
      template: `${basePath}/{user}/{task}/send`,
      authenticated: true,
      handle: async ({ world }, request) => {
        const workspace = taskParameter(world, request);
        const input = stringField(bodyObject(await request.readJson(), 'codersdk.TaskSendRequest'), 'input');
        if (input === '') {
          throw new CoderHttpError(400, { message: 'Task input is required.' });
        }
        requireActiveTask(workspace);
        const conversation = workspace.conversation;
        if (!conversation) {
          throw new CoderHttpError(400, { message: 'Task does not have a workspace app.' });
        }
        if (conversation.status !== 'stable') {
          throw new CoderHttpError(502, {
            message: 'Task app is not ready to accept input.',
            detail: `Status: ${conversation.status}`,
          });
        }
        try {
          conversation.receiveUserMessage(input);
        } catch (error) {
          const reason = error instanceof ConversationBusyError || error instanceof Error ? error.message : String(error);
          throw new CoderHttpError(502, { message: 'Task app rejected the message.', detail: reason });
        }
        return emptyResponse(204);
      },
    },
    {
      method: 'GET',
      template: `${basePath}/{user}/{task}/logs`,
      authenticated: true,
      handle: ({ world }, request) => {
        const workspace = taskParameter(world, request);
        requireActiveTask(workspace);
        const conversation = workspace.conversation;
        if (!conversation) {
          throw new CoderHttpError(400, { message: 'Task does not have a workspace app.' });
        }
        const logs = [...conversation.messages()].map((message) => ({
          id: message.id,
          content: message.content,
          type: message.role === 'user' ? 'input' : 'output',
          time: isoTime(message.time),
        }));
        return jsonResponse(200, { logs });
      },
    },
  ];
}
