// Tests the schemas on Coder's recorded answers: each refuses a recorded body with a required field broken, reads Go's nil lists as empty, and takes values newer than the client.
import type { z } from 'zod';
import {
  AgentApiErrorModelSchema,
  AgentMessageResponseSchema,
  AgentMessagesResponseSchema,
  AgentApiStatusResponseSchema,
  AppHostResponseSchema,
  BuildInfoResponseSchema,
  CoderErrorResponseSchema,
  OAuth2AuthorizationServerMetadataSchema,
  OrganizationSchema,
  PresetSchema,
  ProvisionerJobLogSchema,
  TaskLogsResponseSchema,
  CoderTaskSchema,
  TasksListResponseSchema,
  TemplateSchema,
  TemplateVersionParameterSchema,
  TemplateVersionSchema,
  UserSchema,
  WorkspaceAgentSchema,
  WorkspaceAppSchema,
  WorkspaceBuildParameterSchema,
  WorkspaceBuildSchema,
  WorkspaceResourceSchema,
  WorkspaceSchema,
  WorkspacesResponseSchema,
  WorkspaceStatusSchema,
} from '../../src/index.js';
import { recordedResponseBodies, recordedResponseBody, simulatorRecordings } from '../support/recordings.js';

const set = simulatorRecordings('v2.30.0');
const answer = (caseName: string, method: string, path: RegExp) => recordedResponseBody(set, caseName, method, path);
const first = (list: unknown) => (list as unknown[])[0];

/** The recorded workspace once its agent is ready: build, resources, agent, apps, app statuses. */
const readyWorkspace = recordedResponseBodies(set, 'agent-api', 'GET', /^\/api\/v2\/workspaces\/[^/]+$/).at(-1);
const agentPath = ['latest_build', 'resources', 0, 'agents', 0];
const richParameterWithOptions = recordedResponseBodies(set, 'templates', 'GET', /\/rich-parameters$/)
  .flatMap((parameters) => parameters as { options?: unknown[] }[])
  .find((parameter) => (parameter.options ?? []).length > 0);
const recordedPresets = recordedResponseBodies(set, 'templates', 'GET', /\/presets$/).flatMap((presets) => presets as unknown[]);
const oauth2Metadata = { issuer: 'https://coder.test', authorization_endpoint: 'https://coder.test/oauth2/authorize', token_endpoint: 'https://coder.test/oauth2/tokens' };

type Path = (string | number)[];

/** A copy of `body` with the field at `path` set to `value`, or removed when `value` is undefined. */
function withField(body: unknown, path: Path, value: unknown): unknown {
  const copy: unknown = structuredClone(body);
  let holder = copy as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) {
    holder = holder[key] as Record<string | number, unknown>;
  }
  const last = path.at(-1) as string | number;
  if (value === undefined) {
    delete holder[last];
  } else {
    holder[last] = value;
  }
  return copy;
}

const rows: [string, z.ZodType, unknown, Path, unknown][] = [
  ['WorkspacesResponse', WorkspacesResponseSchema, answer('workspaces', 'GET', /^\/api\/v2\/workspaces$/), ['count'], undefined],
  ['Workspace', WorkspaceSchema, readyWorkspace, ['latest_build'], undefined],
  ['WorkspaceHealth', WorkspaceSchema, readyWorkspace, ['health', 'healthy'], 'yes'],
  ['Workspace.task_id', WorkspaceSchema, readyWorkspace, ['task_id'], 5],
  ['WorkspaceBuild', WorkspaceSchema, readyWorkspace, ['latest_build', 'job'], undefined],
  ['ProvisionerJob', WorkspaceSchema, readyWorkspace, ['latest_build', 'job', 'status'], 1],
  ['WorkspaceResource', WorkspaceSchema, readyWorkspace, ['latest_build', 'resources', 0, 'id'], undefined],
  ['WorkspaceAgent', WorkspaceSchema, readyWorkspace, [...agentPath, 'lifecycle_state'], undefined],
  ['WorkspaceAgentHealth', WorkspaceSchema, readyWorkspace, [...agentPath, 'health', 'healthy'], 'yes'],
  ['WorkspaceApp', WorkspaceSchema, readyWorkspace, [...agentPath, 'apps', 0, 'slug'], undefined],
  ['Healthcheck', WorkspaceSchema, readyWorkspace, [...agentPath, 'apps', 0, 'healthcheck', 'url'], 3284],
  ['WorkspaceAppStatus', WorkspaceSchema, readyWorkspace, ['latest_app_status', 'state'], undefined],
  ['WorkspaceBuild on its own', WorkspaceBuildSchema, answer('workspace-builds', 'POST', /\/builds$/), ['template_version_id'], undefined],
  ['TasksListResponse', TasksListResponseSchema, answer('tasks', 'GET', /^\/api\/v2\/tasks$/), ['tasks'], undefined],
  ['Task', CoderTaskSchema, answer('tasks', 'GET', /^\/api\/v2\/tasks\/me\/[^/]+$/), ['status'], undefined],
  ['TaskStateEntry', TasksListResponseSchema, answer('tasks', 'GET', /^\/api\/v2\/tasks$/), ['tasks', 0, 'current_state', 'timestamp'], undefined],
  ['TaskLogsResponse', TaskLogsResponseSchema, answer('tasks', 'GET', /\/logs$/), ['logs', 0, 'content'], 1],
  ['Template', TemplateSchema, first(answer('templates', 'GET', /^\/api\/v2\/templates$/)), ['active_version_id'], undefined],
  ['TemplateVersion', TemplateVersionSchema, answer('templates', 'GET', /^\/api\/v2\/templateversions\/[^/]+$/), ['job'], undefined],
  ['TemplateVersionParameter', TemplateVersionParameterSchema, richParameterWithOptions, ['name'], undefined],
  ['TemplateVersionParameterOption', TemplateVersionParameterSchema, richParameterWithOptions, ['options', 0, 'value'], undefined],
  ['Preset', PresetSchema, recordedPresets[0], ['ID'], undefined],
  ['PresetParameter', PresetSchema, recordedPresets[0], ['Parameters', 0, 'Value'], undefined],
  ['ProvisionerJobLog', ProvisionerJobLogSchema, first(answer('workspace-builds', 'GET', /\/logs$/)), ['output'], undefined],
  ['WorkspaceBuildParameter', WorkspaceBuildParameterSchema, first(answer('workspace-builds', 'GET', /\/parameters$/)), ['value'], undefined],
  ['User', UserSchema, answer('general', 'GET', /^\/api\/v2\/users\/me$/), ['email'], undefined],
  ['SlimRole', UserSchema, answer('general', 'GET', /^\/api\/v2\/users\/me$/), ['roles', 0, 'name'], undefined],
  ['Organization', OrganizationSchema, first(answer('general', 'GET', /^\/api\/v2\/organizations$/)), ['is_default'], undefined],
  ['AppHostResponse', AppHostResponseSchema, answer('general', 'GET', /^\/api\/v2\/applications\/host$/), ['host'], 1],
  ['BuildInfoResponse', BuildInfoResponseSchema, answer('general', 'GET', /^\/api\/v2\/buildinfo$/), ['version'], undefined],
  ['OAuth2AuthorizationServerMetadata', OAuth2AuthorizationServerMetadataSchema, oauth2Metadata, ['token_endpoint'], undefined],
  ['AgentStatusResponse', AgentApiStatusResponseSchema, answer('agent-api', 'GET', /\/status$/), ['status'], undefined],
  ['AgentMessagesResponse', AgentMessagesResponseSchema, answer('agent-api', 'GET', /\/messages$/), ['messages', 0, 'id'], '0'],
  ['AgentMessageResponse', AgentMessageResponseSchema, answer('agent-api', 'POST', /\/message$/), ['ok'], 'yes'],
  ['CoderErrorResponse', CoderErrorResponseSchema, answer('errors', 'GET', /^\/api\/v2\/workspaces\/not-a-uuid$/), ['message'], undefined],
  ['ValidationError', CoderErrorResponseSchema, answer('errors', 'POST', /\/workspaces$/), ['validations', 0, 'field'], 1],
];

describe('a recorded answer with a required field broken', () => {
  it.each(rows)('%s: the recorded answer fits', (_name, schema, body) => {
    expect(schema.safeParse(body).success).toBe(true);
  });

  it.each(rows)('%s: refused, naming the field', (_name, schema, body, path, value) => {
    const result = schema.safeParse(withField(body, path, value));

    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path)).toContainEqual(path);
  });

  it('AgentAPI’s error model: refuses a title or an error message that is not text', () => {
    const recordedRefusal = recordedResponseBodies(set, 'agent-api', 'POST', /\/message$/).find((body) => 'title' in (body as object));

    expect(AgentApiErrorModelSchema.safeParse(recordedRefusal).success).toBe(true);
    expect(AgentApiErrorModelSchema.safeParse(withField(recordedRefusal, ['title'], 500)).success).toBe(false);
    expect(AgentApiErrorModelSchema.safeParse(withField(recordedRefusal, ['errors', 0, 'message'], 500)).success).toBe(false);
  });
});

describe('a list Go sends as null', () => {
  it.each([
    ['the apps of an agent', WorkspaceAgentSchema, readyWorkspace, agentPath, 'apps'],
    ['the statuses of an app', WorkspaceAppSchema, readyWorkspace, [...agentPath, 'apps', 0], 'statuses'],
    ['the agents of a resource', WorkspaceResourceSchema, readyWorkspace, ['latest_build', 'resources', 0], 'agents'],
    ['the resources of a build', WorkspaceBuildSchema, readyWorkspace, ['latest_build'], 'resources'],
    ['the organizations of a user', UserSchema, answer('general', 'GET', /^\/api\/v2\/users\/me$/), [], 'organization_ids'],
    ['the roles of a user', UserSchema, answer('general', 'GET', /^\/api\/v2\/users\/me$/), [], 'roles'],
    ['the options of a parameter', TemplateVersionParameterSchema, richParameterWithOptions, [], 'options'],
    ['the entries of a task log', TaskLogsResponseSchema, answer('tasks', 'GET', /\/logs$/), [], 'logs'],
    ['the messages of a conversation', AgentMessagesResponseSchema, answer('agent-api', 'GET', /\/messages$/), [], 'messages'],
  ])('reads %s as none', (_name, schema: z.ZodType, body, path: Path, field) => {
    let part: unknown = body;
    for (const key of path) {
      part = (part as Record<string | number, unknown>)[key];
    }

    const parsed = schema.parse({ ...(part as object), [field]: null }) as Record<string, unknown>;

    expect(parsed[field]).toEqual([]);
  });
});

describe('values Coder may extend', () => {
  it('accepts a workspace status newer than this client, and says which it knows', () => {
    expect(WorkspaceStatusSchema.parse('hibernating')).toBe('hibernating');
    expect(WorkspaceStatusSchema.description).toBe(
      'one of pending, starting, running, stopping, stopped, failed, canceling, canceled, deleting, deleted, or a value newer than this client',
    );
  });
});
