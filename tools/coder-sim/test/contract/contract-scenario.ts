// Drives a running simulator through every kind of response it can send: successes, errors, build and agent states.
import { randomUUID } from 'node:crypto';
import { isJsonObject } from './json-document.js';
import type { JsonObject } from './json-document.js';
import { parseServerSentEvents } from './server-sent-events.js';

export interface ScenarioTarget {
  url: string;
  token: string;
  /** '/api/experimental/tasks', '/api/v2/tasks', or null where the generation has no Tasks API. */
  tasksBasePath: string | null;
  setFaults(faults: Array<{ path: string; status: number; retryAfterSeconds?: number; times?: number }>): void;
  clearFaults(): void;
}

interface Answer {
  status: number;
  body: unknown;
}

interface CallOptions {
  method?: string;
  body?: unknown;
  /** null sends no session token; a string sends that token instead of the right one. */
  token?: string | null;
  /** 'manual' records a redirect itself instead of where it leads */
  redirect?: RequestRedirect;
}

/** How long any awaited state may take at the small speed the contract test uses. */
const stateDeadlineMilliseconds = 15_000;
const pollIntervalMilliseconds = 25;

function field(value: unknown, ...path: Array<string | number>): unknown {
  let current = value;
  for (const key of path) {
    if (Array.isArray(current) && typeof key === 'number') current = current[key];
    else if (isJsonObject(current) && typeof key === 'string') current = current[key];
    else return undefined;
  }
  return current;
}

function text(value: unknown, ...path: Array<string | number>): string {
  const found = field(value, ...path);
  if (typeof found !== 'string') throw new Error(`expected a string at ${path.join('.')}, got ${JSON.stringify(found)}`);
  return found;
}

function list(value: unknown, ...path: Array<string | number>): unknown[] {
  const found = path.length === 0 ? value : field(value, ...path);
  return Array.isArray(found) ? found : [];
}

function pause(milliseconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, milliseconds));
}

export class ContractScenario {
  constructor(
    private readonly target: ScenarioTarget,
    private readonly recordingFetch: (input: string | URL, init?: RequestInit) => Promise<Response>,
    /** Distinguishes this run's workspace names from the seeded ones. */
    private readonly namePrefix: string,
  ) {}

  async run(): Promise<void> {
    await this.exerciseIdentity();
    const organizationId = await this.exerciseOrganizations();
    const template = await this.exerciseTemplates(organizationId);
    await this.exerciseWorkspaceQueries();
    const first = await this.exerciseWorkspaceCreation(organizationId, template);
    await this.exerciseBuilds(first);
    await this.exerciseAgentApi(first);
    await this.exerciseStopAndStart(first);
    await this.exerciseTasks(template);
    await this.exerciseDeletion(first);
    await this.exerciseFaults();
  }

  private async call(path: string, options: CallOptions = {}): Promise<Answer> {
    const headers: Record<string, string> = {};
    if (options.token !== null) headers['Coder-Session-Token'] = options.token ?? this.target.token;
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await this.recordingFetch(`${this.target.url}${path}`, {
      method: options.method ?? 'GET',
      headers,
      ...(options.redirect ? { redirect: options.redirect } : {}),
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    });
    const bodyText = await response.text();
    let body: unknown = bodyText;
    try {
      body = bodyText === '' ? undefined : JSON.parse(bodyText);
    } catch {
      // Not JSON: the contract check reports it; the scenario keeps the text.
    }
    return { status: response.status, body };
  }

  /** Calls `path` until `accept` holds for the answer, within the state deadline. */
  private async pollUntil(path: string, accept: (answer: Answer) => boolean, what: string): Promise<Answer> {
    const deadline = Date.now() + stateDeadlineMilliseconds;
    for (;;) {
      const answer = await this.call(path);
      if (accept(answer)) return answer;
      if (Date.now() > deadline) throw new Error(`${what} did not happen within ${stateDeadlineMilliseconds} ms; last answer ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`);
      await pause(pollIntervalMilliseconds);
    }
  }

  private async exerciseIdentity(): Promise<void> {
    await this.call('/api/v2/buildinfo', { token: null });
    await this.call('/api/v2/users/me', { token: null });
    await this.call('/api/v2/users/me', { token: 'not-the-token' });
    const me = await this.call('/api/v2/users/me');
    await this.call(`/api/v2/users/${text(me.body, 'username')}`);
    await this.call(`/api/v2/users/${text(me.body, 'id')}`);
    await this.call('/api/v2/users/nobody-by-this-name');
  }

  private async exerciseOrganizations(): Promise<string> {
    const organizations = await this.call('/api/v2/organizations');
    const all = list(organizations.body);
    const chosen = all.find((organization) => field(organization, 'is_default') === true) ?? all[0];
    const id = text(chosen, 'id');
    await this.call(`/api/v2/organizations/${id}`);
    await this.call(`/api/v2/organizations/${id}/templates`);
    await this.call('/api/v2/organizations/not-a-uuid');
    await this.call(`/api/v2/organizations/${randomUUID()}`);
    return id;
  }

  /** Returns the template the agents are created from: one whose active version's resources hold an AgentAPI app (port 3284). */
  private async exerciseTemplates(organizationId: string): Promise<{ id: string; activeVersionId: string; presetId: string | undefined }> {
    const templates = list((await this.call('/api/v2/templates')).body);
    let aiTemplate: { id: string; activeVersionId: string; presetId: string | undefined } | undefined;
    for (const template of templates) {
      const id = text(template, 'id');
      const versionId = text(template, 'active_version_id');
      await this.call(`/api/v2/templates/${id}`);
      await this.call(`/api/v2/organizations/${organizationId}/templates/${text(template, 'name')}`);
      await this.call(`/api/v2/templateversions/${versionId}`);
      const parameters = list((await this.call(`/api/v2/templateversions/${versionId}/rich-parameters`)).body);
      const presets = list((await this.call(`/api/v2/templateversions/${versionId}/presets`)).body);
      const resources = list((await this.call(`/api/v2/templateversions/${versionId}/resources`)).body);
      void parameters;
      const servesAgentApi = resources.some((resource) =>
        list(resource, 'agents').some((agent) =>
          list(agent, 'apps').some((app) => String(field(app, 'url') ?? '').startsWith('http://localhost:3284') && field(app, 'subdomain') === false),
        ),
      );
      if (servesAgentApi && aiTemplate === undefined) {
        const preset = presets.find((candidate) => field(candidate, 'Default') === true) ?? presets[0];
        const presetId = field(preset, 'ID') ?? field(preset, 'id');
        aiTemplate = { id, activeVersionId: versionId, presetId: typeof presetId === 'string' ? presetId : undefined };
      }
    }
    await this.call('/api/v2/templates/not-a-uuid');
    await this.call(`/api/v2/templates/${randomUUID()}`);
    await this.call(`/api/v2/organizations/${organizationId}/templates/no-such-template`);
    await this.call('/api/v2/templateversions/not-a-uuid');
    await this.call(`/api/v2/templateversions/${randomUUID()}`);
    await this.call(`/api/v2/templateversions/${randomUUID()}/rich-parameters`);
    await this.call(`/api/v2/templateversions/${randomUUID()}/presets`);
    await this.call(`/api/v2/templateversions/${randomUUID()}/resources`);
    await this.call('/api/v2/applications/host');
    if (aiTemplate === undefined) throw new Error('the simulator seeds no template whose active version serves AgentAPI as a path app');
    return aiTemplate;
  }

  private async exerciseWorkspaceQueries(): Promise<void> {
    const mine = await this.call(`/api/v2/workspaces?q=${encodeURIComponent('owner:me')}`);
    for (const query of ['owner:me has-ai-task:true', 'owner:me status:running', 'status:stopped', 'has-ai-task:false', 'owner:me limit']) {
      await this.call(`/api/v2/workspaces?q=${encodeURIComponent(query)}`);
    }
    await this.call('/api/v2/workspaces?limit=1&offset=1');
    for (const workspace of list(mine.body, 'workspaces')) {
      await this.call(`/api/v2/workspaces/${text(workspace, 'id')}`);
      await this.call(`/api/v2/users/${text(workspace, 'owner_name')}/workspace/${text(workspace, 'name')}`);
    }
    await this.call('/api/v2/workspaces/not-a-uuid');
    await this.call(`/api/v2/workspaces/${randomUUID()}`);
    await this.call('/api/v2/users/me/workspace/no-such-workspace');
  }

  private async exerciseWorkspaceCreation(
    organizationId: string,
    template: { id: string; presetId: string | undefined },
  ): Promise<JsonObject> {
    const request = (name: string): JsonObject => ({
      name,
      template_id: template.id,
      ...(template.presetId === undefined ? {} : { template_version_preset_id: template.presetId }),
      rich_parameter_values: [{ name: 'AI Prompt', value: 'Add a contract test for the simulator.' }],
    });
    const byOrganization = `/api/v2/organizations/${organizationId}/members/me/workspaces`;
    await this.call(byOrganization, { method: 'POST', body: request('Not a valid name!') });
    await this.call(byOrganization, { method: 'POST', body: { ...request(`${this.namePrefix}-x`), template_id: randomUUID() } });
    const created = await this.call(byOrganization, { method: 'POST', body: request(`${this.namePrefix}-a`) });
    if (created.status !== 201) throw new Error(`creating a workspace answered ${created.status}: ${JSON.stringify(created.body)}`);
    await this.call(byOrganization, { method: 'POST', body: request(`${this.namePrefix}-A`) });
    await this.call('/api/v2/users/me/workspaces', { method: 'POST', body: request(`${this.namePrefix}-b`) });
    await this.call('/api/v2/users/me/workspaces', { method: 'POST', body: request('') });
    const id = text(created.body, 'id');
    const ready = await this.pollUntil(
      `/api/v2/workspaces/${id}`,
      (answer) => field(answer.body, 'latest_build', 'status') === 'running' && field(answer.body, 'latest_build', 'resources', 0, 'agents', 0, 'lifecycle_state') === 'ready',
      'the new workspace running with a ready agent',
    );
    if (!isJsonObject(ready.body)) throw new Error('workspace body is not an object');
    return ready.body;
  }

  private async exerciseBuilds(workspace: JsonObject): Promise<void> {
    const id = text(workspace, 'id');
    const builds = list((await this.call(`/api/v2/workspaces/${id}/builds`)).body);
    for (const build of builds) {
      await this.call(`/api/v2/workspacebuilds/${text(build, 'id')}`);
      await this.call(`/api/v2/workspacebuilds/${text(build, 'id')}/logs`);
      await this.call(`/api/v2/workspacebuilds/${text(build, 'id')}/parameters`);
    }
    await this.call('/api/v2/workspacebuilds/not-a-uuid');
    await this.call(`/api/v2/workspacebuilds/${randomUUID()}`);
    await this.call(`/api/v2/workspacebuilds/${randomUUID()}/logs`);
    await this.call(`/api/v2/workspacebuilds/${randomUUID()}/parameters`);
    await this.call(`/api/v2/workspaces/${randomUUID()}/builds`);
  }

  private appPath(workspace: JsonObject, slugOverride?: string): string {
    const agent = field(workspace, 'latest_build', 'resources', 0, 'agents', 0);
    const apps = list(agent, 'apps');
    const sidebarAppId = field(workspace, 'latest_build', 'ai_task_sidebar_app_id');
    const app = apps.find((candidate) => field(candidate, 'id') === sidebarAppId) ?? apps.find((candidate) => field(candidate, 'slug') === 'ccw') ?? apps[0];
    const slug = slugOverride ?? text(app, 'slug');
    return `/@${text(workspace, 'owner_name')}/${text(workspace, 'name')}.${text(agent, 'name')}/apps/${slug}`;
  }

  private async exerciseAgentApi(workspace: JsonObject): Promise<void> {
    const app = this.appPath(workspace);
    await this.call(`${app}/status`);
    await this.call(`${app}/messages`);
    await this.call(`${app}/status`, { token: null, redirect: 'manual' });
    await this.call(`${this.appPath(workspace, 'no-such-app')}/status`);
    const eventStream = this.readEvents(`${app}/events`);
    await this.call(`${app}/message`, { method: 'POST', body: { content: 'Write the contract test.', type: 'user' } });
    // A second prompt while the agent works is refused by AgentAPI.
    await this.call(`${app}/message`, { method: 'POST', body: { content: 'And another thing.', type: 'user' } });
    await this.call(`${app}/status`);
    await this.call(`${app}/message`, { method: 'POST', body: { content: '\u0003', type: 'raw' } });
    await this.pollUntil(`${app}/status`, (answer) => field(answer.body, 'status') === 'stable', 'the agent stable after the interrupt');
    await this.call(`${app}/message`, { method: 'POST', body: { content: 'Now finish it.', type: 'user' } });
    await this.pollUntil(`${app}/status`, (answer) => field(answer.body, 'status') === 'stable', 'the agent stable after its answer');
    await this.call(`${app}/messages`);
    await eventStream;
    // The workspace now carries working, idle and complete app statuses.
    await this.call(`/api/v2/workspaces/${text(workspace, 'id')}`);
  }

  /** Reads the SSE stream until at least one complete event arrived (bounded), then hangs up. */
  private async readEvents(path: string): Promise<void> {
    const abort = new AbortController();
    const deadline = setTimeout(() => abort.abort(), stateDeadlineMilliseconds);
    try {
      const response = await this.recordingFetch(`${this.target.url}${path}`, {
        headers: { 'Coder-Session-Token': this.target.token, Accept: 'text/event-stream' },
        signal: abort.signal,
      });
      if (response.body === null) return;
      const reader = response.body.getReader();
      const decoder = new TextDecoder();
      let received = '';
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        received += decoder.decode(value, { stream: true });
        if (parseServerSentEvents(received).length >= 2) break;
      }
      abort.abort();
    } catch {
      // Aborted at the deadline: the recorder keeps whatever arrived, and the contract check judges it.
    } finally {
      clearTimeout(deadline);
    }
  }

  private async exerciseStopAndStart(workspace: JsonObject): Promise<void> {
    const id = text(workspace, 'id');
    const builds = `/api/v2/workspaces/${id}/builds`;
    await this.call(builds, { method: 'POST', body: { transition: 'stop' } });
    // A second build while the first is active is refused.
    await this.call(builds, { method: 'POST', body: { transition: 'stop' } });
    await this.pollUntil(`/api/v2/workspaces/${id}`, (answer) => field(answer.body, 'latest_build', 'status') === 'stopped', 'the workspace stopped');
    await this.call(`${this.appPath(workspace)}/status`);
    await this.call(builds, { method: 'POST', body: { transition: 'explode' } });
    await this.call(builds, { method: 'POST', body: { transition: 'start' } });
    await this.pollUntil(`/api/v2/workspaces/${id}`, (answer) => field(answer.body, 'latest_build', 'status') === 'running', 'the workspace running again');
    await this.call(builds);
  }

  private async exerciseTasks(template: { activeVersionId: string; presetId: string | undefined }): Promise<void> {
    const base = this.target.tasksBasePath;
    if (base === null) {
      // This generation has no Tasks API: both path families answer as unknown routes.
      await this.call('/api/v2/tasks');
      await this.call('/api/experimental/tasks');
      await this.call('/api/v2/tasks/me', { method: 'POST', body: { input: 'x', template_version_id: template.activeVersionId } });
      return;
    }
    await this.call(`${base}?q=${encodeURIComponent('owner:me')}`);
    const created = await this.call(`${base}/me`, {
      method: 'POST',
      body: {
        input: 'Summarise the repository.',
        name: `${this.namePrefix}-task`,
        template_version_id: template.activeVersionId,
        ...(template.presetId === undefined ? {} : { template_version_preset_id: template.presetId }),
      },
    });
    await this.call(`${base}/me`, { method: 'POST', body: { input: 'x', template_version_id: randomUUID() } });
    if (created.status !== 201) throw new Error(`creating a task answered ${created.status}: ${JSON.stringify(created.body)}`);
    const task = `${base}/me/${text(created.body, 'id')}`;
    // v2 tasks report `active`; 2.27's experimental tasks report the workspace status and the agent lifecycle.
    const active = (answer: Answer): boolean =>
      field(answer.body, 'status') === 'active' ||
      (field(answer.body, 'status') === 'running' && field(answer.body, 'workspace_agent_lifecycle') === 'ready');
    await this.pollUntil(task, active, 'the task active');
    await this.call(`${base}/me/${text(created.body, 'name')}`);
    await this.pollUntil(
      `${task}/logs`,
      (answer) => answer.status === 200 && list(answer.body, 'logs').length > 0,
      'the task logs showing its first prompt',
    );
    const sent = await this.call(`${task}/send`, { method: 'POST', body: { input: 'Also list the open issues.' } });
    // The agent may still work on the first prompt; a refusal is a response too, then retry until accepted.
    if (sent.status !== 204) await this.pollUntilSent(`${task}/send`);
    await this.call(`${task}/logs`);
    await this.call(`${base}?q=${encodeURIComponent('owner:me')}`);
    await this.call(`${base}/me/${randomUUID()}`);
    await this.call(`${base}/me/${randomUUID()}/logs`);
    await this.call(`${task}`, { method: 'DELETE' });
    await this.call(`${base}/me/${randomUUID()}`, { method: 'DELETE' });
  }

  private async pollUntilSent(path: string): Promise<void> {
    const deadline = Date.now() + stateDeadlineMilliseconds;
    for (;;) {
      const answer = await this.call(path, { method: 'POST', body: { input: 'Also list the open issues.' } });
      if (answer.status === 204) return;
      if (Date.now() > deadline) throw new Error(`sending task input kept answering ${answer.status}: ${JSON.stringify(answer.body)}`);
      await pause(pollIntervalMilliseconds);
    }
  }

  private async exerciseDeletion(workspace: JsonObject): Promise<void> {
    const id = text(workspace, 'id');
    await this.call(`/api/v2/workspaces/${id}/builds`, { method: 'POST', body: { transition: 'delete' } });
    // Coder answers 410 Gone for a deleted workspace fetched by id (404 where it never existed).
    await this.pollUntil(`/api/v2/workspaces/${id}`, (answer) => answer.status === 410 || answer.status === 404, 'the deleted workspace gone');
    await this.call(`/api/v2/users/me/workspace/${text(workspace, 'name')}`);
  }

  private async exerciseFaults(): Promise<void> {
    this.target.setFaults([{ path: '^/api/v2/organizations$', status: 503, retryAfterSeconds: 1, times: 1 }]);
    await this.call('/api/v2/organizations');
    this.target.setFaults([{ path: '^/api/v2/workspaces$', status: 429, retryAfterSeconds: 1, times: 1 }]);
    await this.call('/api/v2/workspaces');
    this.target.setFaults([{ path: '^/api/v2/users/me$', status: 500, times: 1 }]);
    await this.call('/api/v2/users/me');
    this.target.clearFaults();
  }
}
