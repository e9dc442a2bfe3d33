// Coder's recorded answers parsed with the client's own schemas: the data the fakes serve.
import {
  AgentMessageResponseSchema,
  AgentMessagesResponseSchema,
  AgentApiStatusResponseSchema,
  BuildInfoResponseSchema,
  CoderTaskSchema,
  PresetSchema,
  TaskLogsResponseSchema,
  TasksListResponseSchema,
  TemplateSchema,
  TemplateVersionParameterSchema,
  UserSchema,
  WorkspaceBuildParameterSchema,
  WorkspaceBuildSchema,
  WorkspaceResourceSchema,
  WorkspaceSchema,
  WorkspacesResponseSchema,
  findAgentApiApp,
  type AgentApiAppLocation,
  type AgentMessage,
  type AgentMessageResponse,
  type AgentApiStatusResponse,
  type BuildInfoResponse,
  type Preset,
  type CoderTask,
  type TaskLogEntry,
  type Template,
  type TemplateVersionParameter,
  type User,
  type Workspace,
  type WorkspaceBuild,
  type WorkspaceBuildParameter,
  type WorkspaceResource,
} from '@fleet/coder-client';
import * as z from 'zod';
import { recordedBody, recordedExchange, recordedExchanges, type RecordedGeneration } from './recorded-traffic.js';

/** Every workspace of the recorded world (the paged listing holds them all: running, busy, stopped, failed). */
export function recordedWorkspaces(generation: RecordedGeneration): Workspace[] {
  return recordedExchanges(generation, 'workspace-paging')
    .filter((exchange) => exchange.method === 'GET' && exchange.status === 200)
    .flatMap((exchange) => WorkspacesResponseSchema.parse(exchange.body).workspaces);
}

export function recordedWorkspace(generation: RecordedGeneration, name: string): Workspace {
  const found = recordedWorkspaces(generation).find((workspace) => workspace.name === name);
  if (!found) {
    throw new Error(`No recorded workspace "${name}" for ${generation}`);
  }
  return found;
}

/** Where the recorded workspace `name` serves AgentAPI (by port 3284 or its `/status` healthcheck), for errors the app proxy answers there. */
export function recordedAgentApiApp(generation: RecordedGeneration, name: string): AgentApiAppLocation {
  const app = findAgentApiApp(recordedWorkspace(generation, name));
  if (!app) {
    throw new Error(`The recorded workspace "${name}" of ${generation} serves no AgentAPI app`);
  }
  return app;
}

/** The recorded workspace `name` with another recorded build as its latest, as Coder shows it while that build runs. */
export function recordedWorkspaceWithBuild(generation: RecordedGeneration, name: string, build: Workspace['latest_build']): Workspace {
  return { ...recordedWorkspace(generation, name), latest_build: build };
}

export function recordedBuildInfo(generation: RecordedGeneration): BuildInfoResponse {
  return BuildInfoResponseSchema.parse(recordedBody(generation, 'general', 'GET', /\/buildinfo$/));
}

/** The user the recording's token belongs to (`fleet-dev`). */
export function recordedUser(generation: RecordedGeneration): User {
  return UserSchema.parse(recordedBody(generation, 'general', 'GET', /\/users\/me$/));
}

/**
 * The resources of a template version, as Coder answered GET /api/v2/templateversions/{id}/resources.
 * Recordings made before that request was recorded lack it: then they are the resources of the
 * latest build, on that version, of a recorded workspace that runs (a stopped one has none), which is
 * what Coder's plan of that version made. Throws when neither is there.
 */
export function recordedTemplateVersionResources(generation: RecordedGeneration, versionId: string): WorkspaceResource[] {
  const recorded = recordedExchanges(generation, 'templates').find(
    (exchange) => exchange.method === 'GET' && exchange.path === `/api/v2/templateversions/${versionId}/resources`,
  );
  if (recorded) {
    return z.array(WorkspaceResourceSchema).parse(recorded.body);
  }
  const running = recordedWorkspaces(generation).find(
    (workspace) =>
      workspace.latest_build.template_version_id === versionId &&
      workspace.latest_build.resources.some((resource) => resource.agents.length > 0),
  );
  if (!running) {
    throw new Error(`No recorded resources of template version ${versionId} on ${generation}`);
  }
  return running.latest_build.resources;
}

/** The workspace the recording script created, as Coder answered the create (build pending). */
export function recordedCreatedWorkspace(generation: RecordedGeneration): Workspace {
  return WorkspaceSchema.parse(recordedBody(generation, 'workspace-create', 'POST', /\/workspaces$/));
}

/** The same workspace read while its agent talks (running, ready, the AgentAPI app reporting). */
export function recordedRunningWorkspace(generation: RecordedGeneration): Workspace {
  return WorkspaceSchema.parse(recordedBody(generation, 'agent-api', 'GET', /^\/api\/v2\/workspaces\//, -1));
}

/** The request body the recording script created its workspace with (on the claude-code template, its default preset, an `AI Prompt`). */
export function recordedCreateRequest(generation: RecordedGeneration): unknown {
  return recordedExchange(generation, 'workspace-create', 'POST', /\/workspaces$/).requestBody;
}

/**
 * The created workspace as polled on its way to an online agent: built with its agent connecting,
 * then the agent starting, then ready with AgentAPI serving (and a first `working` status).
 */
export function recordedCreatedWorkspaceAsPolled(generation: RecordedGeneration): Workspace[] {
  const built = WorkspaceSchema.parse(recordedBody(generation, 'workspace-create', 'GET', /^\/api\/v2\/workspaces\//, -1));
  const starting = WorkspaceSchema.parse(recordedBody(generation, 'agent-api', 'GET', /^\/api\/v2\/workspaces\//, 0));
  return [built, starting, recordedRunningWorkspace(generation)];
}

/**
 * AgentAPI's `/status` answer, as recorded through the app proxy, saying `state`. Which states a
 * recording caught depends on its timing, so the recorded answer's `status` is set to the one a
 * test plays.
 */
export function recordedAgentApiStatus(generation: RecordedGeneration, state: 'running' | 'stable'): AgentApiStatusResponse {
  const recorded = AgentApiStatusResponseSchema.parse(recordedBody(generation, 'agent-api', 'GET', /\/status$/));
  return { ...recorded, status: state };
}

/** AgentAPI's answer to a message it took. */
export function recordedAgentApiAccepted(generation: RecordedGeneration): AgentMessageResponse {
  return AgentMessageResponseSchema.parse(recordedBody(generation, 'agent-api', 'POST', /\/message$/, 0));
}

/** The task the recording script created through the Tasks API (2.27, 2.30), as Coder answered the create. */
export function recordedCreatedTask(generation: RecordedGeneration): CoderTask {
  return CoderTaskSchema.parse(recordedBody(generation, 'tasks', 'POST', /\/tasks\/me$/));
}

/** The builds of the recorded create, as polled: pending, starting, ..., running. */
export function recordedCreateBuilds(generation: RecordedGeneration): WorkspaceBuild[] {
  return recordedExchanges(generation, 'workspace-create')
    .filter((exchange) => exchange.method === 'GET' && exchange.path.startsWith('/api/v2/workspacebuilds/'))
    .map((exchange) => WorkspaceBuildSchema.parse(exchange.body));
}

/** The rich parameter values of a start build, as Coder answered them. */
export function recordedBuildParameters(generation: RecordedGeneration): WorkspaceBuildParameter[] {
  const exchange = recordedExchanges(generation, 'workspace-builds').find(
    (candidate) => candidate.method === 'GET' && candidate.path.endsWith('/parameters'),
  );
  return z.array(WorkspaceBuildParameterSchema).parse(exchange?.body);
}

/** A stop build as Coder accepted it, then as polled until it succeeded. */
export function recordedStopBuilds(generation: RecordedGeneration): WorkspaceBuild[] {
  const exchanges = recordedExchanges(generation, 'workspace-builds');
  const accepted = WorkspaceBuildSchema.parse(exchanges[0]?.body);
  const polled = exchanges
    .filter((exchange) => exchange.method === 'GET' && exchange.path === `/api/v2/workspacebuilds/${accepted.id}`)
    .map((exchange) => WorkspaceBuildSchema.parse(exchange.body));
  return [accepted, ...polled];
}

/** A start build as Coder accepted it (the second build of the recording). */
export function recordedStartBuild(generation: RecordedGeneration): WorkspaceBuild {
  return WorkspaceBuildSchema.parse(recordedBody(generation, 'workspace-builds', 'POST', /\/builds$/, 1));
}

export function recordedTasks(generation: RecordedGeneration): CoderTask[] {
  return TasksListResponseSchema.parse(recordedBody(generation, 'tasks', 'GET', /\/tasks$/)).tasks;
}

export function recordedTaskLogs(generation: RecordedGeneration): TaskLogEntry[] {
  return TaskLogsResponseSchema.parse(recordedBody(generation, 'tasks', 'GET', /\/logs$/)).logs;
}

export function recordedAgentMessages(generation: RecordedGeneration): AgentMessage[] {
  return AgentMessagesResponseSchema.parse(recordedBody(generation, 'agent-api', 'GET', /\/messages$/, -1)).messages;
}

export function recordedTemplates(generation: RecordedGeneration): Template[] {
  return z.array(TemplateSchema).parse(recordedBody(generation, 'templates', 'GET', /^\/api\/v2\/templates$/));
}

export function recordedTemplate(generation: RecordedGeneration, name: string): Template {
  const found = recordedTemplates(generation).find((template) => template.name === name);
  if (!found) {
    throw new Error(`No recorded template "${name}" for ${generation}`);
  }
  return found;
}

export function recordedRichParameters(generation: RecordedGeneration, versionId: string): TemplateVersionParameter[] {
  const path = new RegExp(`/templateversions/${versionId}/rich-parameters$`);
  return z.array(TemplateVersionParameterSchema).parse(recordedBody(generation, 'templates', 'GET', path));
}

export function recordedPresets(generation: RecordedGeneration, versionId: string): Preset[] {
  const path = new RegExp(`/templateversions/${versionId}/presets$`);
  return z.array(PresetSchema).parse(recordedBody(generation, 'templates', 'GET', path));
}
