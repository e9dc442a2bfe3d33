// Builds: the start/stop/delete state machine, the agent coming up, conflicts, failures and logs.
import { agentOf, type CoderError, type Template, type Workspace, type WorkspaceBuild, type WorkspacesResponse } from './support/coder-shapes.js';
import { openSession, waitFor, type SimulatorSession } from './support/simulator-session.js';

interface BuildLog {
  id: number;
  output: string;
  log_level: string;
}

describe('workspace builds and their state machine', () => {
  let session: SimulatorSession;
  let dockerDev: Template;

  beforeAll(async () => {
    // Slow enough that a 5 ms poll sees every phase of a build.
    session = await openSession({ speed: 0.05 });
    const templates = await session.getJson<Template[]>('/api/v2/templates');
    dockerDev = templates.find((template) => template.name === 'docker-dev') as Template;
  });

  afterAll(() => session.close());

  async function create(name: string): Promise<Workspace> {
    const result = await session.call('POST', '/api/v2/users/me/workspaces', { name, template_id: dockerDev.id });
    expect(result.status).toBe(201);
    return result.json as Workspace;
  }

  function workspace(id: string): Promise<Workspace> {
    return session.getJson<Workspace>(`/api/v2/workspaces/${id}`);
  }

  /** Records every distinct state seen until the probe says done. */
  async function observe(id: string, state: (workspace: Workspace) => string, done: (workspace: Workspace) => boolean): Promise<string[]> {
    const seen: string[] = [];
    await waitFor('the workspace to settle', async () => {
      const current = await workspace(id);
      const label = state(current);
      if (seen[seen.length - 1] !== label) {
        seen.push(label);
      }
      return done(current) ? current : undefined;
    });
    return seen;
  }

  it('a start build goes pending -> starting -> running and its agent connects and becomes ready', async () => {
    const created = await create('lifecycle-one');

    const states = await observe(
      created.id,
      (current) => {
        const agent = agentOf(current);
        return `${current.latest_build.status}/${current.latest_build.job.status}/${agent?.status ?? '-'}/${agent?.lifecycle_state ?? '-'}`;
      },
      (current) => agentOf(current)?.lifecycle_state === 'ready',
    );

    expect(`${created.latest_build.status}/${created.latest_build.job.status}`).toBe('pending/pending');
    expect(states).toContain('starting/running/-/-');
    expect(states).toContain('running/succeeded/connected/starting');
    expect(states[states.length - 1]).toBe('running/succeeded/connected/ready');
    const order = ['pending', 'starting', 'running'];
    const phases = states.map((state) => order.indexOf(state.split('/')[0] ?? ''));
    expect([...phases].sort((first, second) => first - second)).toEqual(phases);
  });

  it('stop takes the workspace to stopped without an agent, and start brings a new agent up', async () => {
    const created = await create('lifecycle-two');
    const running = await waitFor('running', async () => {
      const current = await workspace(created.id);
      return agentOf(current)?.lifecycle_state === 'ready' ? current : undefined;
    });

    const stop = await session.call('POST', `/api/v2/workspaces/${created.id}/builds`, { transition: 'stop' });
    const stopStates = await observe(created.id, (current) => current.latest_build.status, (current) => current.latest_build.status === 'stopped');
    const stopped = await workspace(created.id);
    const start = await session.call('POST', `/api/v2/workspaces/${created.id}/builds`, { transition: 'start' });
    const restarted = await waitFor('restarted', async () => {
      const current = await workspace(created.id);
      return agentOf(current)?.lifecycle_state === 'ready' ? current : undefined;
    });

    expect(stop.status).toBe(201);
    expect((stop.json as WorkspaceBuild).transition).toBe('stop');
    expect(stopStates).toContain('stopping');
    expect(agentOf(stopped)).toBeUndefined();
    expect(start.status).toBe(201);
    expect(restarted.latest_build.build_number).toBe(3);
    expect(agentOf(restarted)?.id).not.toBe(agentOf(running)?.id);
  });

  it('refuses a second build while one is active with 409', async () => {
    const created = await create('lifecycle-three');

    const result = await session.call('POST', `/api/v2/workspaces/${created.id}/builds`, { transition: 'stop' });

    expect(result.status).toBe(409);
    expect(result.json).toEqual({ message: 'A workspace build is already active.' });
  });

  it('validates the transition', async () => {
    const created = await create('lifecycle-four');

    const missing = await session.call('POST', `/api/v2/workspaces/${created.id}/builds`, {});
    const wrong = await session.call('POST', `/api/v2/workspaces/${created.id}/builds`, { transition: 'reboot' });

    expect(missing.status).toBe(400);
    expect((missing.json as CoderError).validations?.[0]).toEqual({
      field: 'transition',
      detail: 'Validation failed for tag "required" with value: ""',
    });
    expect(wrong.status).toBe(400);
    expect((wrong.json as CoderError).validations?.[0]?.detail).toContain('"oneof"');
  });

  it('delete takes the workspace through deleting; then it answers 410 by id, 404 by name and leaves the list', async () => {
    const created = await create('lifecycle-five');
    await waitFor('running', async () => ((await workspace(created.id)).latest_build.status === 'running' ? true : undefined));

    const deletion = await session.call('POST', `/api/v2/workspaces/${created.id}/builds`, { transition: 'delete' });
    const states = await waitFor('deleted', async () => {
      const result = await session.call('GET', `/api/v2/workspaces/${created.id}`);
      return result.status === 410 ? result : undefined;
    });
    const byName = await session.call('GET', '/api/v2/users/me/workspace/lifecycle-five');
    const listed = await session.getJson<WorkspacesResponse>('/api/v2/workspaces?q=name:lifecycle-five');
    const withDeleted = await session.getJson<Workspace>(`/api/v2/workspaces/${created.id}?include_deleted=true`);

    expect(deletion.status).toBe(201);
    expect((states.json as CoderError).message).toContain('was deleted');
    expect(byName.status).toBe(404);
    expect(listed.count).toBe(0);
    expect(withDeleted.latest_build.status).toBe('deleted');
  });

  it('a workspace whose name starts with "fail" fails its build with a job error', async () => {
    const created = await create('fail-on-purpose');

    const failed = await waitFor('failed', async () => {
      const current = await workspace(created.id);
      return current.latest_build.status === 'failed' ? current : undefined;
    });

    expect(failed.latest_build.job.status).toBe('failed');
    expect(failed.latest_build.job.error).toContain('simulated provisioning failure');
    expect(agentOf(failed)).toBeUndefined();
  });

  it('lists builds newest first, gets one by id, and 400/404s bad ids', async () => {
    const seededStopped = (await session.getJson<WorkspacesResponse>('/api/v2/workspaces?q=owner:me%20status:stopped')).workspaces[0];
    const builds = await session.getJson<WorkspaceBuild[]>(`/api/v2/workspaces/${seededStopped?.id ?? ''}/builds`);
    const first = await session.getJson<WorkspaceBuild>(`/api/v2/workspacebuilds/${builds[1]?.id ?? ''}`);
    const malformed = await session.call('GET', '/api/v2/workspacebuilds/42');
    const unknown = await session.call('GET', '/api/v2/workspacebuilds/00000000-0000-4000-8000-000000000042');

    expect(builds.map((build) => build.build_number)).toEqual([2, 1]);
    expect(builds.map((build) => build.transition)).toEqual(['stop', 'start']);
    expect(first.build_number).toBe(1);
    expect(malformed.status).toBe(400);
    expect(unknown.status).toBe(404);
  });

  it('build logs grow with the job and end with the apply; "after" skips what was read', async () => {
    const created = await create('lifecycle-logs');
    const pendingLogs = await session.getJson<BuildLog[]>(`/api/v2/workspacebuilds/${created.latest_build.id}/logs`);
    await waitFor('succeeded', async () => ((await workspace(created.id)).latest_build.job.status === 'succeeded' ? true : undefined));

    const logs = await session.getJson<BuildLog[]>(`/api/v2/workspacebuilds/${created.latest_build.id}/logs`);
    const later = await session.getJson<BuildLog[]>(
      `/api/v2/workspacebuilds/${created.latest_build.id}/logs?after=${logs[5]?.id ?? 0}`,
    );

    expect(pendingLogs).toEqual([]);
    expect(logs.map((log) => log.output)).toContain('Apply complete! Resources: 2 added, 0 changed, 0 destroyed.');
    expect(later).toEqual(logs.slice(6));
  });
});
