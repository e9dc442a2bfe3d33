// The traps of shared/coder-api/README.md §0.1, played per generation: each test fails if the simulator stops playing it.
import { request as httpRequest } from 'node:http';
import { seededAgentName } from '../src/world/agent-name-generator.js';
import { parseCliArguments } from '../src/cli-arguments.js';
import type { Workspace, WorkspacesResponse } from './support/coder-shapes.js';
import { openSession, waitFor, type SimulatorSession } from './support/simulator-session.js';

interface AgentApiStatus {
  status: string;
}

function appBySlug(workspace: Workspace, slug: string): { health: string } | undefined {
  const resources = (workspace.latest_build as unknown as { resources: { agents?: { apps: { slug: string; health: string }[] }[] }[] }).resources;
  return resources.flatMap((resource) => resource.agents ?? []).flatMap((agent) => agent.apps).find((candidate) => candidate.slug === slug);
}

/** fetch cannot set Host; node:http can. */
function getWithHost(url: string, host: string, headers: Record<string, string>): Promise<{ status: number; location: string | undefined; body: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { headers: { ...headers, Host: host } }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, location: response.headers.location, body }));
    });
    request.on('error', reject);
    request.end();
  });
}

const app = (workspace: string, slug: string, endpoint: string): string => `/@fleet-dev/${workspace}.main/apps/${slug}/${endpoint}`;

describe('AgentAPI and the app proxy (v2.30)', () => {
  let session: SimulatorSession;

  beforeAll(async () => {
    session = await openSession({ speed: 0.05, disablePathApps: false });
  });

  afterAll(() => session.close());

  const status = async (name: string, slug = 'ccw'): Promise<string> =>
    (await session.getJson<AgentApiStatus>(app(name, slug, 'status'))).status;

  it('refuses blank content with AgentAPI wording and accepts untrimmed content trimmed', async () => {
    const name = seededAgentName(0);
    const blank = await session.call('POST', app(name, 'ccw', 'message'), { content: '   ', type: 'user' });
    const untrimmed = await session.call('POST', app(name, 'ccw', 'message'), { content: '  Fix it  ', type: 'user' });
    await waitFor('stable', async () => ((await status(name)) === 'stable' ? true : undefined));
    const messages = await session.getJson<{ messages: { role: string; content: string }[] }>(app(name, 'ccw', 'messages'));

    expect(blank.status).toBe(500);
    expect(blank.headers.get('content-type')).toBe('application/problem+json');
    expect((blank.json as { errors: { message: string }[] }).errors).toEqual([
      { message: 'failed to send message: message must not be empty' },
    ]);
    expect(untrimmed.status).toBe(200);
    expect(messages.messages.filter((message) => message.role === 'user').at(-1)?.content).toBe('Fix it');
  });

  it('Esc interrupts a running agent, Esc on a stable one is harmless, and the raw input is counted', async () => {
    const name = seededAgentName(1); // busy
    const before = session.simulator.control.agentApi(name);
    await session.call('POST', app(name, 'ccw', 'message'), { content: '\u001b', type: 'raw' });
    await waitFor('stable after Esc', async () => ((await status(name)) === 'stable' ? true : undefined));
    await session.call('POST', app(name, 'ccw', 'message'), { content: '\u001b', type: 'raw' });
    const after = await session.getJson<{ escapes: number; exited: boolean }>(`/__sim/workspaces/${name}/agentapi`);

    expect(before?.escapes).toBe(0);
    expect(after.escapes).toBe(2);
    expect(after.exited).toBe(false);
    expect(await status(name)).toBe('stable');
  });

  it('two Ctrl+C on a stable agent exit Claude Code and AgentAPI: 502 HTML, app unhealthy, until a new start build', async () => {
    const target = seededAgentName(5); // agentapi module: slug `agentapi`
    await session.call('POST', app(target, 'agentapi', 'message'), { content: '\u0003', type: 'raw' });
    await session.call('POST', app(target, 'agentapi', 'message'), { content: '\u0003', type: 'raw' });
    const dead = await session.call('GET', app(target, 'agentapi', 'status'));
    const deadWorkspace = await session.getJson<Workspace>(`/api/v2/users/me/workspace/${target}`);

    expect(dead.status).toBe(502);
    expect(dead.headers.get('content-type')).toContain('text/html');
    expect(appBySlug(deadWorkspace, 'agentapi')?.health).toBe('unhealthy');
    expect(session.simulator.control.agentApi(target)).toMatchObject({ exited: true, ctrlCs: 2 });

    await session.call('POST', `/api/v2/workspaces/${deadWorkspace.id}/builds`, { transition: 'stop' });
    await waitFor('stopped', async () => {
      const current = await session.getJson<Workspace>(`/api/v2/workspaces/${deadWorkspace.id}`);
      return current.latest_build.status === 'stopped' ? true : undefined;
    }, 10_000);
    await session.call('POST', `/api/v2/workspaces/${deadWorkspace.id}/builds`, { transition: 'start' });
    await waitFor('AgentAPI back', async () => {
      const result = await session.call('GET', app(target, 'agentapi', 'status'));
      return result.status === 200 ? true : undefined;
    }, 10_000);
    expect(session.simulator.control.agentApi(target)?.exited).toBe(false);
  }, 30_000);

  it('serves subdomain apps by Host under the wildcard of /api/v2/applications/host', async () => {
    const host = await session.getJson<{ host: string }>('/api/v2/applications/host');
    const port = new URL(session.simulator.url).port;
    const name = seededAgentName(0);
    const appHost = `ccw--main--${name}--fleet-dev.apps.localhost:${port}`;
    const response = await getWithHost(`${session.simulator.url}/status`, appHost, { 'Coder-Session-Token': session.simulator.token });
    const unauthenticated = await getWithHost(`${session.simulator.url}/status`, appHost, {});

    expect(host).toEqual({ host: `*.apps.localhost:${port}` });
    expect(response.status).toBe(200);
    expect((JSON.parse(response.body) as AgentApiStatus).status).toBe('stable');
    expect(unauthenticated.status).toBe(303);
    expect(unauthenticated.location).toBe(
      `${session.simulator.url}/api/v2/applications/auth-redirect?redirect_uri=${encodeURIComponent(`http://${appHost}/status`)}`,
    );
  });

  it('passes an app redirect through (fault rule `location`) and records every request for benchmarks', async () => {
    const name = seededAgentName(0);
    session.simulator.control.resetStats();
    session.simulator.control.setFaults([{ path: '/apps/ccw/status$', status: 302, location: 'https://evil.example/', times: 1 }]);
    const redirected = await fetch(`${session.simulator.url}${app(name, 'ccw', 'status')}`, {
      redirect: 'manual',
      headers: { 'Coder-Session-Token': session.simulator.token },
    });
    await session.call('GET', '/api/v2/workspaces?q=owner:me&limit=1');
    const logged = await session.getJson<{ method: string; path: string }[]>('/__sim/requests');

    expect(redirected.status).toBe(302);
    expect(redirected.headers.get('location')).toBe('https://evil.example/');
    expect(logged).toEqual([
      { method: 'GET', path: app(name, 'ccw', 'status') },
      { method: 'GET', path: '/api/v2/workspaces?q=owner:me&limit=1' },
    ]);
    expect(session.simulator.control.requests()).toEqual(logged);
  });

  it('template version resources show the AgentAPI app (port 3284, /status) whatever its slug', async () => {
    const templates = await session.getJson<{ name: string; active_version_id: string }[]>('/api/v2/templates?q=has-ai-task:true');
    const apps = await Promise.all(
      templates.map(async (template) => {
        const resources = await session.getJson<{ agents?: { apps: { slug: string; url?: string; subdomain: boolean; healthcheck?: { url: string } }[] }[] }[]>(
          `/api/v2/templateversions/${template.active_version_id}/resources`,
        );
        return resources.flatMap((resource) => resource.agents ?? []).flatMap((agent) => agent.apps)
          .find((candidate) => candidate.healthcheck?.url === 'http://localhost:3284/status');
      }),
    );

    expect(templates.map((template) => template.name).sort()).toEqual(['agentapi-agent', 'claude-code', 'research-agent']);
    expect(apps.map((found) => `${found?.slug}:${String(found?.subdomain)}:${found?.url}`).sort()).toEqual([
      'agentapi:true:http://localhost:3284/',
      'ccw:false:http://localhost:3284/',
      'ccw:false:http://localhost:3284/',
    ]);
  });

  it('an idle agent whose newest status is a stale working: AgentAPI says stable', async () => {
    const list = await session.getJson<WorkspacesResponse>(`/api/v2/workspaces?q=${encodeURIComponent(`name:${seededAgentName(4)}`)}`);
    const stale = list.workspaces.find((workspace) => workspace.name === seededAgentName(4)) as Workspace;

    expect(stale.latest_app_status?.state).toBe('working');
    expect(await status(stale.name)).toBe('stable');
  });

  it('pages workspaces with limit/offset and counts all matches', async () => {
    const all = await session.getJson<WorkspacesResponse>('/api/v2/workspaces?q=owner:me');
    const page = await session.getJson<WorkspacesResponse>('/api/v2/workspaces?q=owner:me&limit=2&offset=1');

    expect(page.count).toBe(all.count);
    expect(page.workspaces.map((workspace) => workspace.id)).toEqual(all.workspaces.slice(1, 3).map((workspace) => workspace.id));
  });
});

describe('--disable-path-apps', () => {
  it('answers path apps with a 401 HTML page', async () => {
    const session = await openSession({ disablePathApps: true });
    try {
      const result = await session.call('GET', app(seededAgentName(0), 'ccw', 'status'));
      expect(result.status).toBe(401);
      expect(result.headers.get('content-type')).toContain('text/html');
      expect(result.text).toContain('Path-based applications are disabled');
    } finally {
      await session.close();
    }
    expect(parseCliArguments(['--disable-path-apps', '--prompt-post-ms', '20000'])).toMatchObject({
      kind: 'start',
      options: { disablePathApps: true, promptPostMs: 20000 },
    });
  });
});

describe('the first prompt per generation', () => {
  const createAndWait = async (coderVersion: string, viaTasks: boolean): Promise<{ session: SimulatorSession; name: string }> => {
    const session = await openSession({ coderVersion });
    const templates = await session.getJson<{ id: string; name: string; active_version_id: string }[]>('/api/v2/templates');
    const claude = templates.find((template) => template.name === 'claude-code') as { id: string; active_version_id: string };
    const name = `first-${viaTasks ? 'task' : 'plain'}`;
    if (viaTasks) {
      await session.call('POST', '/api/v2/tasks/me', { input: 'Write the docs', name, template_version_id: claude.active_version_id });
    } else {
      await session.call('POST', '/api/v2/users/me/workspaces', {
        name,
        template_id: claude.id,
        rich_parameter_values: [{ name: 'AI Prompt', value: 'Write the docs' }],
      });
    }
    await waitFor('AgentAPI up', async () => ((await session.call('GET', app(name, 'ccw', 'status'))).status === 200 ? true : undefined), 10_000);
    return { session, name };
  };
  const userMessages = async (session: SimulatorSession, name: string): Promise<string[]> =>
    (await session.getJson<{ messages: { role: string; content: string }[] }>(app(name, 'ccw', 'messages'))).messages
      .filter((message) => message.role === 'user')
      .map((message) => message.content);

  it.each([
    ['v2.27.1', false, ['Write the docs']],
    ['v2.30.0', false, []],
    ['v2.30.0', true, ['Write the docs']],
    ['v2.37.0', false, []],
  ])('on %s (via tasks: %s) the agent receives %j', async (coderVersion, viaTasks, expected) => {
    const { session, name } = await createAndWait(coderVersion, viaTasks);
    try {
      expect(await userMessages(session, name)).toEqual(expected);
    } finally {
      await session.close();
    }
  });
});
