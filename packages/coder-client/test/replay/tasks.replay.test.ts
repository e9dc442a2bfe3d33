// Replays the Tasks API as each generation has it, and its absence on 2.37.
import {
  CoderClient,
  CoderError,
  CoderNotSupportedError,
  findAgentApiApp,
  tasksApiForVersion,
  type AgentApiAppLocation,
  type CreateTaskRequest,
} from '../../src/index.js';
import { everyRecordingSet, recordedRequestBody, simulatedGenerations, type RecordingSet } from '../support/recordings.js';
import { replay, replayToken, replayUrl, type Replay } from '../support/replay.js';
import { replayUntil } from '../support/replay-until.js';

const tasksPaths = { experimental: '/api/experimental/tasks', v2: '/api/v2/tasks' } as const;

/** What each recorded server is known to have; for a real Coder, what its version says. */
function expectedTasksApi(set: RecordingSet) {
  const generation = simulatedGenerations.find((candidate) => set.name === `simulator-${candidate.version}`);
  return generation ? generation.tasksApi : tasksApiForVersion(set.source.coderVersion);
}

const withTasks = everyRecordingSet().filter(([, set]) => expectedTasksApi(set) !== 'none');
const withoutTasks = everyRecordingSet().filter(([, set]) => expectedTasksApi(set) === 'none');

describe.each(withTasks)('the Tasks API on %s', (_name, set) => {
  let session: Replay;
  const client = new CoderClient({ url: replayUrl, token: replayToken });
  const api = expectedTasksApi(set) as keyof typeof tasksPaths;

  beforeEach(() => {
    session = replay(set, 'tasks');
  });
  afterEach(async () => {
    await session.stop();
  });

  it(`learns the Tasks API from the version once and uses the ${api} paths`, async () => {
    const [first, second] = await Promise.all([client.getTasksApi(), client.getTasksApi()]);

    await client.getTasks({ q: 'owner:me' });

    expect(first).toBe(api);
    expect(second).toBe(api);
    expect(session.requests).toEqual(['GET /api/v2/buildinfo', `GET ${tasksPaths[api]}?q=owner%3Ame`]);
  });

  it('creates a task, waits until its AgentAPI is stable, reads its logs, sends input and deletes it', async () => {
    const request = recordedRequestBody(set, 'tasks', 'POST', /\/tasks\/me$/) as CreateTaskRequest;

    const list = await client.getTasks({ q: 'owner:me' });
    const firstPage = await client.getTasks({ q: 'owner:me', limit: 2, offset: 0 });
    const task = await client.createTask('me', request);
    await client.getTask('me', task.id);
    // App statuses may end on a stale `working`, so the agent's AgentAPI says when it waits for input.
    const workspace = await replayUntil(
      () => client.getWorkspace(task.workspace_id ?? task.id),
      (current) => current.latest_build.resources.some((resource) => resource.agents.some((agent) => agent.lifecycle_state === 'ready')) && findAgentApiApp(current) !== undefined,
    );
    const app = findAgentApiApp(workspace) as AgentApiAppLocation;
    await replayUntil(
      () => client.getAgentApiStatus(app).catch((error: unknown) => (error instanceof CoderError && error.retryable ? undefined : Promise.reject(error))),
      (status) => status?.status === 'stable',
    );
    const waiting = await client.getTask('me', task.id);
    const logs = await client.getTaskLogs('me', task.id);
    await client.sendTaskInput('me', task.id, 'Now one about stars.');
    await client.deleteTask('me', task.id);

    expect(list.count).toBeGreaterThanOrEqual(list.tasks.length);
    // 2.27 pages its experimental list; later releases answer every task whatever the paging asks.
    expect(firstPage.tasks.length).toBe(api === 'experimental' ? Math.min(2, list.count) : list.tasks.length);
    expect(task.initial_prompt).toBe(request.input);
    expect(waiting.id).toBe(task.id);
    expect(logs.logs.some((entry) => entry.type === 'input' && entry.content.includes(request.input))).toBe(true);
    const taskRequests = session.requests.filter((line) => line.includes('/tasks'));
    expect(taskRequests.every((line) => line.split(' ')[1]?.startsWith(tasksPaths[api]))).toBe(true);
    expect(session.bodies).toContain(JSON.stringify({ input: 'Now one about stars.' }));
  });
});

describe.each(withoutTasks)('a server without a Tasks API, %s', (_name, set) => {
  let session: Replay;
  const client = new CoderClient({ url: replayUrl, token: replayToken });

  beforeEach(() => {
    session = replay(set, 'tasks');
  });
  afterEach(async () => {
    await session.stop();
  });

  it('reports no Tasks API and fails every task method with CoderNotSupportedError without a task request', async () => {
    const api = await client.getTasksApi();
    const failures = await Promise.all([
      client.getTasks({ q: 'owner:me' }).catch((caught: unknown) => caught),
      client.getTask('me', 'any').catch((caught: unknown) => caught),
      client.createTask('me', { template_version_id: 'v', input: 'hi' }).catch((caught: unknown) => caught),
      client.deleteTask('me', 'any').catch((caught: unknown) => caught),
      client.sendTaskInput('me', 'any', 'hi').catch((caught: unknown) => caught),
      client.getTaskLogs('me', 'any').catch((caught: unknown) => caught),
    ]);

    expect(api).toBe('none');
    for (const failure of failures) {
      expect(failure).toBeInstanceOf(CoderNotSupportedError);
      expect(failure).toMatchObject({ feature: 'Tasks API', retryable: false, coderVersion: set.source.coderVersion });
    }
    expect(session.requests).toEqual(['GET /api/v2/buildinfo']);
  });
});
