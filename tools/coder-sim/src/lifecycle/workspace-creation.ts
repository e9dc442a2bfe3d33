// Creates a workspace and its first start build from a create request, with Coder's checks and error answers.
import { CoderHttpError } from '../http/coder-error.js';
import { workspaceNameProblem } from '../rules/workspace-name-rule.js';
import { resolveBuildParameters } from '../world/build-parameter-resolver.js';
import { nameRequestsFailure, newBuildRecord } from '../world/build-record-factory.js';
import { AI_PROMPT_PARAMETER } from '../world/template-catalog.js';
import type { WorldStore } from '../world/world-store.js';
import type {
  NameValue,
  OrganizationRecord,
  TemplateRecord,
  TemplateVersionRecord,
  UserRecord,
  WorkspaceRecord,
} from '../world/world-model.js';
import type { BuildLifecycle } from './build-lifecycle.js';
import { attachConversation } from './workspace-conversation.js';

export interface WorkspaceCreationInput {
  owner: UserRecord;
  initiator: UserRecord;
  /** set when the request came through /organizations/{organization}/members/{user}/workspaces */
  organization: OrganizationRecord | null;
  name: string;
  templateId: string | null;
  templateVersionId: string | null;
  presetId: string | null;
  richParameterValues: readonly NameValue[];
  /** set by POST /api/v2/tasks/{user}: its `input` becomes the first prompt on 2.29–2.36 */
  taskInput?: string;
}

function resolveTemplate(
  world: WorldStore,
  input: WorkspaceCreationInput,
): { template: TemplateRecord; version: TemplateVersionRecord } {
  if (input.templateId && input.templateVersionId) {
    throw new CoderHttpError(400, { message: 'Template ID and template version ID cannot both be specified.' });
  }
  if (input.templateId) {
    const template = world.findTemplate(input.templateId);
    if (!template) {
      throw new CoderHttpError(400, {
        message: `Template "${input.templateId}" doesn't exist.`,
        validations: [{ field: 'template_id', detail: 'template not found' }],
      });
    }
    return { template, version: world.requireTemplateVersion(template.activeVersionId) };
  }
  if (input.templateVersionId) {
    const version = world.findTemplateVersion(input.templateVersionId);
    if (!version) {
      throw new CoderHttpError(400, {
        message: `Template version "${input.templateVersionId}" doesn't exist.`,
        validations: [{ field: 'template_version_id', detail: 'template not found' }],
      });
    }
    return { template: world.requireTemplate(version.templateId), version };
  }
  throw new CoderHttpError(400, { message: 'Either template_id or template_version_id must be specified.' });
}

export function createWorkspace(
  world: WorldStore,
  lifecycle: BuildLifecycle,
  input: WorkspaceCreationInput,
): WorkspaceRecord {
  const nameProblem = workspaceNameProblem(input.name);
  if (nameProblem) {
    throw new CoderHttpError(400, {
      message: 'Validation failed.',
      validations: [{ field: 'name', detail: `Validation failed for tag "workspace_name" with value: "${input.name}"` }],
    });
  }
  const { template, version } = resolveTemplate(world, input);
  if (input.organization && input.organization.id !== template.organizationId) {
    throw new CoderHttpError(400, {
      message: `Template is not in organization "${input.organization.name}".`,
    });
  }
  if (world.findWorkspaceByOwnerAndName(input.owner.id, input.name)) {
    throw new CoderHttpError(409, {
      message: `Workspace "${input.name}" already exists.`,
      validations: [{ field: 'name', detail: 'This value is already in use and should be unique.' }],
    });
  }
  const preset = input.presetId ? version.presets.find((candidate) => candidate.id === input.presetId) : null;
  if (input.presetId && !preset) {
    throw new CoderHttpError(400, {
      message: 'Invalid template version preset.',
      detail: `template version preset "${input.presetId}" not found in template version "${version.id}"`,
    });
  }
  const parameters = resolveBuildParameters(version, preset ?? null, input.richParameterValues, []);
  const now = world.clock.now();
  const index = world.workspaces.length;
  const workspace: WorkspaceRecord = {
    index,
    id: world.identity('workspace', index),
    name: input.name,
    ownerId: input.owner.id,
    organizationId: template.organizationId,
    templateId: template.id,
    createdAt: now,
    updatedAt: now,
    lastUsedAt: now,
    deleted: false,
    builds: [],
    seededHistory: null,
    liveStatuses: [],
    conversation: null,
    initialPromptDelivered: false,
    pendingTaskPrompt: null,
    task: null,
  };
  if (version.agentApiApp) {
    attachConversation(world, workspace);
  }
  // coder/coder coderd/aitasks.go (v2.29+): task records come only from POST /api/v2/tasks/{user}; a plain workspace
  // create makes none. 2.27's experimental tasks are built from every workspace with has_ai_task (coderd/aitasks.go v2.27.1).
  const makesTask =
    version.hasAiTask && (world.generation.tasksApi === 'experimental' || input.taskInput !== undefined);
  if (input.taskInput !== undefined && world.generation.promptDelivery === 'task-input') {
    workspace.pendingTaskPrompt = input.taskInput;
  }
  if (makesTask) {
    workspace.task = {
      id: world.identity('task', workspace.id),
      name: input.name,
      displayName: input.name,
      initialPrompt: input.taskInput ?? parameters.find((parameter) => parameter.name === AI_PROMPT_PARAMETER)?.value ?? '',
      createdAt: now,
    };
  }
  const build = newBuildRecord(world, workspace, {
    transition: 'start',
    templateVersionId: version.id,
    presetId: preset?.id ?? null,
    parameters,
    initiatorId: input.initiator.id,
    createdAt: now,
    willFail: nameRequestsFailure(input.name),
  });
  workspace.builds.push(build);
  world.addWorkspace(workspace);
  lifecycle.run(workspace, build);
  return workspace;
}
