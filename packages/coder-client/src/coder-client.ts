// The typed client for Coder's REST API and for AgentAPI through Coder's app proxy.
import * as z from 'zod';
import { agentApiAppBasePath, agentApiAppSubdomainOrigin, type AgentApiAppLocation } from './agent-api/agent-api-app-location.js';
import { CoderApiError } from './errors/coder-api-error.js';
import {
  defaultMaxRetryDelayMs,
  defaultPromptTimeoutMs,
  defaultRetryLimit,
  defaultTimeoutMs,
  type CoderClientOptions,
} from './coder-client-options.js';
import { tasksApiForVersion, type TasksApi } from './coder-version.js';
import { LearnedOnce } from './learned-once.js';
import { CoderNotSupportedError } from './errors/coder-not-supported-error.js';
import { CoderHttp, type HttpMethod } from './http/coder-http.js';
import type { AgentApiMessageRequest } from './requests/agent-api-message-request.js';
import type { CreateTaskRequest } from './requests/create-task-request.js';
import type { CreateWorkspaceBuildRequest } from './requests/create-workspace-build-request.js';
import type { CreateWorkspaceRequest } from './requests/create-workspace-request.js';
import type {
  GetTasksOptions,
  GetTemplatesOptions,
  GetWorkspaceBuildsOptions,
  GetWorkspacesOptions,
  IterateWorkspacesOptions,
} from './requests/list-options.js';
import type { RequestOptions } from './requests/request-options.js';
import {
  AgentMessageResponseSchema,
  AgentMessagesResponseSchema,
  AgentApiStatusResponseSchema,
  type AgentMessage,
  type AgentMessageResponse,
  type AgentApiStatusResponse,
} from './schemas/agent-api.js';
import { AppHostResponseSchema, type AppHostResponse } from './schemas/app-host-response.js';
import { BuildInfoResponseSchema, type BuildInfoResponse } from './schemas/build-info-response.js';
import {
  OAuth2AuthorizationServerMetadataSchema,
  type OAuth2AuthorizationServerMetadata,
} from './schemas/oauth2-authorization-server-metadata.js';
import { listOf } from './schemas/list-of.js';
import { OrganizationSchema, type Organization } from './schemas/organization.js';
import { PresetSchema, type Preset } from './schemas/preset.js';
import { ProvisionerJobLogSchema, type ProvisionerJobLog } from './schemas/provisioner-job-log.js';
import { WorkspaceBuildParameterSchema, type WorkspaceBuildParameter } from './schemas/workspace-build-parameter.js';
import { TaskLogsResponseSchema, type TaskLogsResponse } from './schemas/task-log-entry.js';
import { CoderTaskSchema, TasksListResponseSchema, type CoderTask } from './schemas/task.js';
import { TemplateVersionParameterSchema, type TemplateVersionParameter } from './schemas/template-version-parameter.js';
import { TemplateVersionSchema, type TemplateVersion } from './schemas/template-version.js';
import { TemplateSchema, type Template } from './schemas/template.js';
import { UserSchema, type User } from './schemas/user.js';
import { WorkspaceBuildSchema, type WorkspaceBuild } from './schemas/workspace-build.js';
import { WorkspaceResourceSchema, type WorkspaceResource } from './schemas/workspace-resource.js';
import { WorkspaceSchema, WorkspacesResponseSchema, type Workspace, type WorkspacesResponse } from './schemas/workspace.js';
import { checkCoderUrl, type CoderUrlProblem } from './coder-url.js';

/** A page of tasks, with the total Coder counted (or the page's length where it does not say). */
export interface TasksPage {
  tasks: CoderTask[];
  count: number;
}

/**
 * Esc, what AgentAPI's own chat UI sends to interrupt: it stops Claude Code's work and is harmless
 * at an idle prompt, where Ctrl+C would arm exit and a second one end Claude Code and AgentAPI with it.
 */
const interruptKeystroke = '\u001b';
const defaultWorkspacePageSize = 25;

/** The 2.27 experimental API answered a create with the task's workspace rather than the task. */
const CreatedTaskOrWorkspaceSchema = z.union([CoderTaskSchema, WorkspaceSchema]);

const segment = encodeURIComponent;

interface AgentApiCall {
  method: HttpMethod;
  /** The AgentAPI endpoint, e.g. `status`. */
  endpoint: string;
  json?: unknown;
  signal?: AbortSignal | undefined;
  timeoutMs?: number | undefined;
}

interface LearnedTasksApi {
  api: TasksApi;
  coderVersion: string;
}

/**
 * One client per deployment and token. Methods are named like Coder's web client
 * (site/src/api/api.ts) and return the shapes Coder names; each takes a last `{ signal }`.
 */
const URL_PROBLEMS: Record<CoderUrlProblem, string> = {
  not_a_url: 'must be an absolute http(s) URL, e.g. https://coder.example.com',
  not_http: 'must use http or https',
  credentials: 'must not carry credentials',
  query_or_fragment: 'must not carry a query or a fragment',
};

export class CoderClient {
  readonly #http: CoderHttp;
  readonly #promptTimeoutMs: number;
  readonly #protocol: string;
  /** The deployment's wildcard host for subdomain apps, learned when first needed. */
  readonly #appsHost = new LearnedOnce(async () => (await this.getApplicationsHost()).host);
  /** The server's version and which Tasks API it has, learned when first needed. */
  readonly #tasksApi = new LearnedOnce(async (): Promise<LearnedTasksApi> => {
    const info = await this.getBuildInfo();
    return { api: tasksApiForVersion(info.version), coderVersion: info.version };
  });
  /** The deployment answered that path-based apps are disabled: reach every app on its subdomain. */
  #pathAppsDisabled = false;

  constructor(options: CoderClientOptions) {
    const checked = checkCoderUrl(options.url);
    if (!checked.ok) {
      throw new TypeError(`CoderClient: \`url\` ${URL_PROBLEMS[checked.problem]}`);
    }
    const parsedUrl = checked.url;
    if (typeof options.token !== 'string') {
      throw new TypeError('CoderClient: `token` must be a string');
    }
    this.#promptTimeoutMs = options.promptTimeoutMs ?? defaultPromptTimeoutMs;
    this.#http = new CoderHttp({
      url: parsedUrl.toString(),
      token: options.token,
      timeoutMs: options.timeoutMs ?? defaultTimeoutMs,
      retryLimit: options.retry?.limit ?? defaultRetryLimit,
      maxRetryDelayMs: options.retry?.maxRetryDelayMs ?? defaultMaxRetryDelayMs,
      fetch: options.fetch,
      userAgent: options.userAgent,
      maxResponseBytes: options.maxResponseBytes,
    });
    this.#protocol = parsedUrl.protocol;
  }

  // General

  /** GET /.well-known/oauth-authorization-server: where Coder's OAuth2 provider signs users in (404 when it is off). */
  getOAuth2AuthorizationServerMetadata(options: RequestOptions = {}): Promise<OAuth2AuthorizationServerMetadata> {
    return this.#get('/.well-known/oauth-authorization-server', OAuth2AuthorizationServerMetadataSchema, options);
  }

  /** GET /api/v2/buildinfo: the server's version. */
  getBuildInfo(options: RequestOptions = {}): Promise<BuildInfoResponse> {
    return this.#get('/api/v2/buildinfo', BuildInfoResponseSchema, options);
  }

  /** GET /api/v2/users/me: the token's owner. */
  getAuthenticatedUser(options: RequestOptions = {}): Promise<User> {
    return this.#get('/api/v2/users/me', UserSchema, options);
  }

  /** GET /api/v2/applications/host: the wildcard host of subdomain apps (empty when the deployment has none). */
  getApplicationsHost(options: RequestOptions = {}): Promise<AppHostResponse> {
    return this.#get('/api/v2/applications/host', AppHostResponseSchema, options);
  }

  /** GET /api/v2/organizations. */
  getOrganizations(options: RequestOptions = {}): Promise<Organization[]> {
    return this.#get('/api/v2/organizations', listOf(OrganizationSchema), options);
  }

  // Templates

  /** GET /api/v2/templates, or one organization's with `organization`. */
  getTemplates(filter: GetTemplatesOptions = {}, options: RequestOptions = {}): Promise<Template[]> {
    const path = filter.organization
      ? `/api/v2/organizations/${segment(filter.organization)}/templates`
      : '/api/v2/templates';
    return this.#get(path, listOf(TemplateSchema), options, { q: filter.q });
  }

  /** GET /api/v2/templates/{template}. */
  getTemplate(templateId: string, options: RequestOptions = {}): Promise<Template> {
    return this.#get(`/api/v2/templates/${segment(templateId)}`, TemplateSchema, options);
  }

  /** GET /api/v2/organizations/{organization}/templates/{templatename}. */
  getTemplateByName(organization: string, name: string, options: RequestOptions = {}): Promise<Template> {
    return this.#get(`/api/v2/organizations/${segment(organization)}/templates/${segment(name)}`, TemplateSchema, options);
  }

  /** GET /api/v2/templateversions/{templateversion}. */
  getTemplateVersion(versionId: string, options: RequestOptions = {}): Promise<TemplateVersion> {
    return this.#get(`/api/v2/templateversions/${segment(versionId)}`, TemplateVersionSchema, options);
  }

  /** GET /api/v2/templateversions/{templateversion}/rich-parameters. */
  getTemplateVersionRichParameters(versionId: string, options: RequestOptions = {}): Promise<TemplateVersionParameter[]> {
    return this.#get(
      `/api/v2/templateversions/${segment(versionId)}/rich-parameters`,
      listOf(TemplateVersionParameterSchema),
      options,
    );
  }

  /** GET /api/v2/templateversions/{templateversion}/resources: what the version's plan makes, its agents' apps among them. */
  getTemplateVersionResources(versionId: string, options: RequestOptions = {}): Promise<WorkspaceResource[]> {
    return this.#get(`/api/v2/templateversions/${segment(versionId)}/resources`, listOf(WorkspaceResourceSchema), options);
  }

  /** GET /api/v2/templateversions/{templateversion}/presets. */
  getTemplateVersionPresets(versionId: string, options: RequestOptions = {}): Promise<Preset[]> {
    return this.#get(`/api/v2/templateversions/${segment(versionId)}/presets`, listOf(PresetSchema), options);
  }

  // Workspaces

  /** GET /api/v2/workspaces: one page of workspaces matching `q`, and how many match in all. */
  getWorkspaces(filter: GetWorkspacesOptions = {}, options: RequestOptions = {}): Promise<WorkspacesResponse> {
    return this.#get('/api/v2/workspaces', WorkspacesResponseSchema, options, {
      q: filter.q,
      limit: filter.limit,
      offset: filter.offset,
    });
  }

  /** Every workspace matching `q`, fetched a page at a time as the caller iterates. */
  async *iterateWorkspaces(filter: IterateWorkspacesOptions = {}, options: RequestOptions = {}): AsyncGenerator<Workspace, void, undefined> {
    const pageSize = filter.pageSize ?? defaultWorkspacePageSize;
    if (!Number.isInteger(pageSize) || pageSize < 1) {
      throw new RangeError('iterateWorkspaces: `pageSize` must be a positive integer');
    }
    let offset = 0;
    for (;;) {
      const page = await this.getWorkspaces({ q: filter.q, limit: pageSize, offset }, options);
      yield* page.workspaces;
      offset += page.workspaces.length;
      if (page.workspaces.length < pageSize || offset >= page.count) {
        return;
      }
    }
  }

  /** GET /api/v2/workspaces/{workspace}. */
  getWorkspace(workspaceId: string, options: RequestOptions = {}): Promise<Workspace> {
    return this.#get(`/api/v2/workspaces/${segment(workspaceId)}`, WorkspaceSchema, options);
  }

  /** GET /api/v2/users/{user}/workspace/{workspacename}: one request, by owner (username, id or `me`) and name. */
  getWorkspaceByOwnerAndName(owner: string, name: string, options: RequestOptions = {}): Promise<Workspace> {
    return this.#get(`/api/v2/users/${segment(owner)}/workspace/${segment(name)}`, WorkspaceSchema, options);
  }

  /** POST /api/v2/organizations/{organization}/members/{user}/workspaces. Never retried. */
  createWorkspace(
    organization: string,
    user: string,
    request: CreateWorkspaceRequest,
    options: RequestOptions = {},
  ): Promise<Workspace> {
    const path = `/api/v2/organizations/${segment(organization)}/members/${segment(user)}/workspaces`;
    return this.#send('POST', path, WorkspaceSchema, request, options);
  }

  /** POST /api/v2/users/{user}/workspaces: create in the template's organization. Never retried. */
  createUserWorkspace(user: string, request: CreateWorkspaceRequest, options: RequestOptions = {}): Promise<Workspace> {
    return this.#send('POST', `/api/v2/users/${segment(user)}/workspaces`, WorkspaceSchema, request, options);
  }

  // Builds

  /** POST /api/v2/workspaces/{workspace}/builds. Never retried. */
  createWorkspaceBuild(
    workspaceId: string,
    request: CreateWorkspaceBuildRequest,
    options: RequestOptions = {},
  ): Promise<WorkspaceBuild> {
    return this.#send('POST', `/api/v2/workspaces/${segment(workspaceId)}/builds`, WorkspaceBuildSchema, request, options);
  }

  /** A `start` build, on `templateVersionId` when given (else the version of the previous build). */
  startWorkspace(workspaceId: string, templateVersionId?: string, options: RequestOptions = {}): Promise<WorkspaceBuild> {
    const request: CreateWorkspaceBuildRequest = { transition: 'start' };
    if (templateVersionId) {
      request.template_version_id = templateVersionId;
    }
    return this.createWorkspaceBuild(workspaceId, request, options);
  }

  /** A `stop` build. */
  stopWorkspace(workspaceId: string, options: RequestOptions = {}): Promise<WorkspaceBuild> {
    return this.createWorkspaceBuild(workspaceId, { transition: 'stop' }, options);
  }

  /** A `delete` build: Coder removes the workspace once it succeeds. */
  deleteWorkspace(workspaceId: string, options: RequestOptions = {}): Promise<WorkspaceBuild> {
    return this.createWorkspaceBuild(workspaceId, { transition: 'delete' }, options);
  }

  /** GET /api/v2/workspacebuilds/{workspacebuild}. */
  getWorkspaceBuild(buildId: string, options: RequestOptions = {}): Promise<WorkspaceBuild> {
    return this.#get(`/api/v2/workspacebuilds/${segment(buildId)}`, WorkspaceBuildSchema, options);
  }

  /** GET /api/v2/workspaces/{workspace}/builds, newest first. */
  getWorkspaceBuilds(
    workspaceId: string,
    filter: GetWorkspaceBuildsOptions = {},
    options: RequestOptions = {},
  ): Promise<WorkspaceBuild[]> {
    return this.#get(`/api/v2/workspaces/${segment(workspaceId)}/builds`, listOf(WorkspaceBuildSchema), options, {
      limit: filter.limit,
      offset: filter.offset,
    });
  }

  /** GET /api/v2/workspacebuilds/{workspacebuild}/parameters: the rich parameter values the build was made with. */
  getWorkspaceBuildParameters(buildId: string, options: RequestOptions = {}): Promise<WorkspaceBuildParameter[]> {
    return this.#get(
      `/api/v2/workspacebuilds/${segment(buildId)}/parameters`,
      listOf(WorkspaceBuildParameterSchema),
      options,
    );
  }

  /** GET /api/v2/workspacebuilds/{workspacebuild}/logs: the build's log so far. */
  getWorkspaceBuildLogs(buildId: string, options: RequestOptions = {}): Promise<ProvisionerJobLog[]> {
    return this.#get(`/api/v2/workspacebuilds/${segment(buildId)}/logs`, listOf(ProvisionerJobLogSchema), options);
  }

  // Tasks

  /**
   * The server's version, learned once per client from its buildinfo (the same request that picks
   * the Tasks API; concurrent first calls share it; a failed attempt is not remembered).
   */
  async getCoderVersion(options: RequestOptions = {}): Promise<string> {
    return (await this.#tasksApi.get(options.signal)).coderVersion;
  }

  /**
   * Which Tasks API the server has, from its version: learned once per client (concurrent first
   * calls share one buildinfo request; a failed attempt is not remembered).
   */
  async getTasksApi(options: RequestOptions = {}): Promise<TasksApi> {
    return (await this.#tasksApi.get(options.signal)).api;
  }

  /** GET {tasks}: tasks matching `q`, e.g. `owner:me`; `limit`/`offset` page where the release pages (2.27). */
  async getTasks(filter: GetTasksOptions = {}, options: RequestOptions = {}): Promise<TasksPage> {
    const base = await this.#tasksBase('GET', '', options);
    const page = await this.#get(base, TasksListResponseSchema, options, { q: filter.q, limit: filter.limit, offset: filter.offset });
    return { tasks: page.tasks, count: page.count ?? page.tasks.length };
  }

  /** GET {tasks}/{user}/{task}: a task by id (or, from 2.29, by name). */
  async getTask(user: string, taskId: string, options: RequestOptions = {}): Promise<CoderTask> {
    const path = await this.#tasksBase('GET', `/${segment(user)}/${segment(taskId)}`, options);
    return this.#get(path, CoderTaskSchema, options);
  }

  /** POST {tasks}/{user}: creates the task's workspace with `input` as the first prompt. Never retried. */
  async createTask(user: string, request: CreateTaskRequest, options: RequestOptions = {}): Promise<CoderTask> {
    const path = await this.#tasksBase('POST', `/${segment(user)}`, options);
    const created = await this.#send('POST', path, CreatedTaskOrWorkspaceSchema, request, options);
    if ('latest_build' in created) {
      // The task's id is its workspace's id on the release that answers this way.
      return this.getTask(user, created.id, options);
    }
    return created;
  }

  /** DELETE {tasks}/{user}/{task}: deletes the task's workspace. */
  async deleteTask(user: string, taskId: string, options: RequestOptions = {}): Promise<void> {
    const path = await this.#tasksBase('DELETE', `/${segment(user)}/${segment(taskId)}`, options);
    await this.#http.sendWithoutResult({ method: 'DELETE', path, signal: options.signal });
  }

  /** POST {tasks}/{user}/{task}/send: a new prompt for the task's agent. Never retried. */
  async sendTaskInput(user: string, taskId: string, input: string, options: RequestOptions = {}): Promise<void> {
    const path = await this.#tasksBase('POST', `/${segment(user)}/${segment(taskId)}/send`, options);
    await this.#http.sendWithoutResult({ method: 'POST', path, json: { input }, signal: options.signal });
  }

  /** GET {tasks}/{user}/{task}/logs: the task's conversation. */
  async getTaskLogs(user: string, taskId: string, options: RequestOptions = {}): Promise<TaskLogsResponse> {
    const path = await this.#tasksBase('GET', `/${segment(user)}/${segment(taskId)}/logs`, options);
    return this.#get(path, TaskLogsResponseSchema, options);
  }

  // AgentAPI through the app proxy

  /** AgentAPI GET status: `running` while the agent works, `stable` when it waits. */
  getAgentApiStatus(app: AgentApiAppLocation, options: RequestOptions = {}): Promise<AgentApiStatusResponse> {
    return this.#agentApi(app, { method: 'GET', endpoint: 'status', signal: options.signal }, AgentApiStatusResponseSchema);
  }

  /** AgentAPI GET messages: the whole conversation, oldest first. */
  async getAgentApiMessages(app: AgentApiAppLocation, options: RequestOptions = {}): Promise<AgentMessage[]> {
    const response = await this.#agentApi(app, { method: 'GET', endpoint: 'messages', signal: options.signal }, AgentMessagesResponseSchema);
    return response.messages;
  }

  /**
   * AgentAPI POST message: a prompt (`user`) or keystrokes (`raw`). Never retried. A prompt gets
   * `promptTimeoutMs`: AgentAPI answers only once the agent took it, which can take ~30 s.
   */
  sendAgentApiMessage(
    app: AgentApiAppLocation,
    message: AgentApiMessageRequest,
    options: RequestOptions = {},
  ): Promise<AgentMessageResponse> {
    const timeoutMs = message.type === 'user' ? this.#promptTimeoutMs : undefined;
    return this.#agentApi(app, { method: 'POST', endpoint: 'message', json: message, signal: options.signal, timeoutMs }, AgentMessageResponseSchema);
  }

  /** Sends Esc to the agent's terminal, which stops its current work (and does nothing to an idle one). */
  interruptAgentApi(app: AgentApiAppLocation, options: RequestOptions = {}): Promise<AgentMessageResponse> {
    return this.sendAgentApiMessage(app, { content: interruptKeystroke, type: 'raw' }, options);
  }

  // Internals

  #get<Schema extends z.ZodType>(
    path: string,
    schema: Schema,
    options: RequestOptions,
    searchParams?: Record<string, string | number | undefined>,
  ): Promise<z.output<Schema>> {
    return this.#http.send({ method: 'GET', path, searchParams: withoutUndefined(searchParams), signal: options.signal }, schema);
  }

  #send<Schema extends z.ZodType>(
    method: HttpMethod,
    path: string,
    schema: Schema,
    json: unknown,
    options: RequestOptions,
  ): Promise<z.output<Schema>> {
    return this.#http.send({ method, path, json, signal: options.signal }, schema);
  }

  /**
   * One AgentAPI call through the app proxy: on the app's subdomain when it is a subdomain app or
   * the deployment disabled path-based apps (learned from its 401/403 page, which refused the call
   * before it reached AgentAPI, so it is sent again there), else under `/@owner/workspace.agent/apps/slug/`.
   */
  async #agentApi<Schema extends z.ZodType>(app: AgentApiAppLocation, call: AgentApiCall, schema: Schema): Promise<z.output<Schema>> {
    const send = async (onSubdomain: boolean) => {
      const origin = onSubdomain ? await this.#subdomainOrigin(app, call.signal) : undefined;
      const path = origin === undefined ? `${agentApiAppBasePath(app)}${call.endpoint}` : `/${call.endpoint}`;
      return this.#http.send({ method: call.method, path, origin, json: call.json, signal: call.signal, timeoutMs: call.timeoutMs }, schema);
    };
    if (app.subdomain || this.#pathAppsDisabled) {
      return send(true);
    }
    try {
      return await send(false);
    } catch (error) {
      if (error instanceof CoderApiError && error.appProxyProblem === 'path_apps_disabled' && (await this.#appsHost.get(call.signal)) !== '') {
        this.#pathAppsDisabled = true;
        return send(true);
      }
      throw error;
    }
  }

  async #subdomainOrigin(app: AgentApiAppLocation, signal: AbortSignal | undefined): Promise<string> {
    const host = await this.#appsHost.get(signal);
    if (host === '') {
      throw new CoderNotSupportedError({
        method: 'GET',
        path: '/api/v2/applications/host',
        feature: `subdomain apps (app "${app.slug}" of workspace "${app.workspace}"): the deployment has no wildcard access URL`,
        coderVersion: 'this deployment',
      });
    }
    return agentApiAppSubdomainOrigin(app, host, this.#protocol);
  }

  /** The tasks path on this server (`/api/experimental/tasks` or `/api/v2/tasks`) plus `suffix`. */
  async #tasksBase(method: HttpMethod, suffix: string, options: RequestOptions): Promise<string> {
    const { api, coderVersion } = await this.#tasksApi.get(options.signal);
    if (api === 'none') {
      throw new CoderNotSupportedError({ method, path: `/api/v2/tasks${suffix}`, feature: 'Tasks API', coderVersion });
    }
    return `${api === 'experimental' ? '/api/experimental/tasks' : '/api/v2/tasks'}${suffix}`;
  }
}

function withoutUndefined(
  searchParams: Record<string, string | number | undefined> | undefined,
): Record<string, string | number> | undefined {
  if (!searchParams) {
    return undefined;
  }
  const entries = Object.entries(searchParams).filter((entry): entry is [string, string | number] => entry[1] !== undefined);
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}
