// Tests locating the AgentAPI app of recorded workspaces and tasks: by the ids Coder keeps, else by what AgentAPI serves.
import {
  agentApiAppBasePath,
  agentApiAppFromTask,
  agentApiAppSubdomainOrigin,
  findAgentApiApp,
  isAgentApiApp,
  resourcesServeAgentApi,
  CoderTaskSchema,
  TasksListResponseSchema,
  WorkspaceSchema,
  WorkspacesResponseSchema,
  type Workspace,
} from '../../src/index.js';
import { recordedResponseBodies, recordedResponseBody, simulatorRecordings } from '../support/recordings.js';

/** Every workspace of the recorded pages of `owner:me`. */
function recordedWorkspaces(version: string): Workspace[] {
  const set = simulatorRecordings(version);
  return recordedResponseBodies(set, 'workspace-paging', 'GET', /^\/api\/v2\/workspaces$/).flatMap(
    (page) => WorkspacesResponseSchema.parse(page).workspaces,
  );
}

function createdWorkspace(version: string): Workspace {
  const set = simulatorRecordings(version);
  return WorkspaceSchema.parse(recordedResponseBody(set, 'agent-api', 'GET', /^\/api\/v2\/workspaces\/[^/]+$/));
}

function appsOf(workspace: Workspace) {
  return workspace.latest_build.resources.flatMap((resource) => resource.agents).flatMap((agent) => agent.apps);
}

describe('findAgentApiApp', () => {
  it("finds the app named by the build's ai_task_sidebar_app_id on 2.27", () => {
    const workspace = createdWorkspace('v2.27.1');
    const sidebarAppId = workspace.latest_build.ai_task_sidebar_app_id;

    const app = findAgentApiApp(workspace);

    expect(sidebarAppId).toEqual(expect.any(String));
    expect(app).toMatchObject({ appId: sidebarAppId, owner: workspace.owner_name, workspace: workspace.name });
  });

  it('follows the app id, not the slug: renaming the app does not lose it', () => {
    const workspace = createdWorkspace('v2.27.1');
    for (const app of appsOf(workspace)) {
      app.slug = `renamed-${app.slug}`;
    }

    const app = findAgentApiApp(workspace);

    expect(app?.slug.startsWith('renamed-')).toBe(true);
    expect(app?.appId).toBe(workspace.latest_build.ai_task_sidebar_app_id);
  });

  it('finds the sidebar app by its id even where nothing else marks it as AgentAPI’s', () => {
    const workspace = createdWorkspace('v2.27.1');
    for (const app of appsOf(workspace)) {
      app.url = 'http://localhost:8000/';
      app.healthcheck = null;
    }

    expect(findAgentApiApp(workspace)?.appId).toBe(workspace.latest_build.ai_task_sidebar_app_id);
  });

  it('says whether the app is served on its own subdomain, and that it is not when Coder leaves it out', () => {
    const workspace = createdWorkspace('v2.27.1');
    const sidebarApp = appsOf(workspace).find((app) => app.id === workspace.latest_build.ai_task_sidebar_app_id);
    if (!sidebarApp) {
      throw new Error('no sidebar app recorded');
    }

    sidebarApp.subdomain = true;
    const onSubdomain = findAgentApiApp(workspace);
    delete sidebarApp.subdomain;
    const unsaid = findAgentApiApp(workspace);

    expect(onSubdomain?.subdomain).toBe(true);
    expect(unsaid?.subdomain).toBe(false);
  });

  it('finds the app the agent reports on where builds carry no sidebar app id (2.30, 2.37)', () => {
    for (const version of ['v2.30.0', 'v2.37.0']) {
      const workspace = recordedWorkspaces(version).find((candidate) => candidate.latest_app_status && appsOf(candidate).length > 0);
      if (!workspace) {
        throw new Error(`no running AI workspace recorded for ${version}`);
      }

      const app = findAgentApiApp(workspace);

      expect(workspace.latest_build.ai_task_sidebar_app_id).toBeUndefined();
      expect(app?.appId).toBe(workspace.latest_app_status?.app_id);
    }
  });

  it('finds nothing on a workspace without an AI task', () => {
    const plain = recordedWorkspaces('v2.27.1').find((workspace) => !workspace.latest_build.has_ai_task);

    expect(plain).toBeDefined();
    expect(findAgentApiApp(plain as Workspace)).toBeUndefined();
  });

  it('finds nothing when the named app is not among the agents (a stopped workspace has none)', () => {
    const stopped = recordedWorkspaces('v2.27.1').find((workspace) => workspace.latest_build.status === 'stopped');

    expect(stopped).toBeDefined();
    expect(findAgentApiApp(stopped as Workspace)).toBeUndefined();
  });

  it('builds the path-based app proxy path from owner, workspace, agent and slug, encoded', () => {
    const path = agentApiAppBasePath({ owner: 'fleet dev', workspace: 'fix-login', agent: 'main', slug: 'c/cw', appId: 'a', subdomain: false });

    expect(path).toBe('/@fleet%20dev/fix-login.main/apps/c%2Fcw/');
  });
});

describe('agentApiAppFromTask', () => {
  it("finds the app by the task's workspace_app_id on 2.30", () => {
    const set = simulatorRecordings('v2.30.0');
    const { tasks } = TasksListResponseSchema.parse(recordedResponseBody(set, 'tasks', 'GET', /^\/api\/v2\/tasks$/));
    const workspaces = recordedWorkspaces('v2.30.0');
    const task = tasks.find((candidate) => candidate.workspace_app_id && workspaces.some((workspace) => workspace.id === candidate.workspace_id));
    const workspace = workspaces.find((candidate) => candidate.id === task?.workspace_id);
    if (!task || !workspace) {
      throw new Error('no recorded task with its workspace');
    }

    const app = agentApiAppFromTask(task, workspace);

    expect(app?.appId).toBe(task.workspace_app_id);
    expect(app?.workspace).toBe(workspace.name);
  });

  it("finds the task's app by its id even where nothing else marks it as AgentAPI's, and the AgentAPI app where the task names none", () => {
    const workspace = recordedWorkspaces('v2.30.0').find((candidate) => findAgentApiApp(candidate) !== undefined);
    if (!workspace) {
      throw new Error('no recorded workspace with an AgentAPI app');
    }
    const agentApiAppId = findAgentApiApp(workspace)?.appId;
    const plainApp = appsOf(workspace).find((app) => app.id !== agentApiAppId);
    if (!plainApp) {
      throw new Error('no second app recorded');
    }
    const task = CoderTaskSchema.parse({ id: 't', name: 't', owner_name: workspace.owner_name, status: 'active', created_at: '', updated_at: '' });

    expect(agentApiAppFromTask({ ...task, workspace_app_id: plainApp.id }, workspace)?.appId).toBe(plainApp.id);
    expect(agentApiAppFromTask(task, workspace)?.appId).toBe(agentApiAppId);
  });
});

describe('isAgentApiApp', () => {
  const app = (overrides: { slug?: string; url?: string; healthcheck?: { url?: string } }) => ({ slug: 'web', ...overrides });

  it.each([
    ['an internal URL on port 3284', app({ url: 'http://localhost:3284/' })],
    ['a /status healthcheck', app({ url: 'http://localhost:8080', healthcheck: { url: 'http://localhost:8080/status/' } })],
    ['a /status healthcheck with trailing slashes', app({ url: 'http://localhost:8080', healthcheck: { url: 'http://localhost:8080/status//' } })],
    ['a slug the operator declared', app({ slug: 'claude', url: 'http://localhost:9000' })],
  ])('recognises %s', (_what, candidate) => {
    expect(isAgentApiApp(candidate, { slugs: ['claude'] })).toBe(true);
  });

  it.each([
    ['another port', app({ url: 'http://localhost:13337/' })],
    ['another healthcheck path', app({ url: 'http://localhost:8080', healthcheck: { url: 'http://localhost:8080/healthz' } })],
    ['the slug of claude-code v4 alone, undeclared', app({ slug: 'ccw' })],
    ['an unparsable URL', app({ url: 'not a url' })],
  ])('does not take an app with %s for AgentAPI', (_what, candidate) => {
    expect(isAgentApiApp(candidate)).toBe(false);
  });

  it("tells from a template version's resources whether its workspaces run AgentAPI", () => {
    const withAgentApi = [{ id: 'r', agents: [{ apps: [app({ url: 'http://localhost:3284' })] }] }];
    const without = [{ id: 'r', agents: [{ apps: [app({ url: 'http://localhost:13337' })] }] }, { id: 'volume', agents: [] }];

    const oneAmongMany = [
      { id: 'volume', agents: [] },
      { id: 'r', agents: [{ apps: [] }, { apps: [app({ url: 'http://localhost:13337' }), app({ url: 'http://localhost:3284' })] }] },
    ];

    expect(resourcesServeAgentApi(withAgentApi as never)).toBe(true);
    expect(resourcesServeAgentApi(oneAmongMany as never)).toBe(true);
    expect(resourcesServeAgentApi(without as never)).toBe(false);
  });
});

describe('agentApiAppSubdomainOrigin', () => {
  it("puts slug, agent, workspace and owner before the deployment's wildcard host, with Coder's URL scheme", () => {
    const origin = agentApiAppSubdomainOrigin(
      { owner: 'Fleet-Dev', workspace: 'fix-login', agent: 'main', slug: 'agentapi', appId: 'a', subdomain: true },
      '*.apps.example.com:8443',
      'https:',
    );

    expect(origin).toBe('https://agentapi--main--fix-login--fleet-dev.apps.example.com:8443');
  });
});
