// Tests what each client method sends (method, path, query, body, headers) and what it makes of the answer, on recorded answers.
import { jest } from '@jest/globals';
import { CoderClient, CoderNotSupportedError, CoderTimeoutError } from '../../src/index.js';
import { answersByRequest, cannedFetch, jsonAnswer, neverAnsweringFetch } from '../support/canned-fetch.js';
import { recordedResponseBody, simulatorRecordings } from '../support/recordings.js';
import { useFakeTimersInEachTest } from '../support/fake-timers.js';

const token = 'client-requests-token-0000000000';
const v2_27 = simulatorRecordings('v2.27.1');
const v2_30 = simulatorRecordings('v2.30.0');
const v2_37 = simulatorRecordings('v2.37.0');

const buildInfo = (set = v2_30) => recordedResponseBody(set, 'general', 'GET', /^\/api\/v2\/buildinfo$/);
const recordedWorkspace = recordedResponseBody(v2_30, 'workspaces', 'GET', /^\/api\/v2\/workspaces\/[^/]+$/) as { id: string };
const recordedBuild = recordedResponseBody(v2_30, 'workspace-builds', 'POST', /\/builds$/);
const recordedTemplates = recordedResponseBody(v2_30, 'templates', 'GET', /^\/api\/v2\/templates$/);
const recordedTaskList = recordedResponseBody(v2_30, 'tasks', 'GET', /^\/api\/v2\/tasks$/) as { tasks: { id: string }[]; count?: number };
const recordedTask = recordedResponseBody(v2_27, 'tasks', 'GET', /^\/api\/experimental\/tasks\/me\/[^/]+$/) as { id: string };

function clientOf(fetchStub: typeof fetch, url = 'http://coder.test'): CoderClient {
  return new CoderClient({ url, token, fetch: fetchStub });
}

describe('new CoderClient', () => {
  it.each([
    ['coder.test', /`url` must be an absolute http\(s\) URL/],
    ['ftp://coder.test', /`url` must use http or https/],
    ['https://alice@coder.test', /must not carry credentials/],
    ['https://:secret@coder.test', /must not carry credentials/],
    ['https://coder.test/?org=1', /must not carry a query or a fragment/],
    ['https://coder.test/#top', /must not carry a query or a fragment/],
  ])('refuses the URL %s', (url, message) => {
    expect(() => new CoderClient({ url, token })).toThrow(message);
  });

  it('refuses a token that is not a string', () => {
    expect(() => new CoderClient({ url: 'https://coder.test', token: undefined as unknown as string })).toThrow('`token` must be a string');
  });
});

describe('what every request carries', () => {
  it('asks for JSON, sends the token in its header and the user agent given, and never follows a redirect', async () => {
    const coder = cannedFetch(() => jsonAnswer(buildInfo()));
    const client = new CoderClient({ url: 'http://coder.test', token, fetch: coder.fetch, userAgent: 'fleet-test/1.0' });

    await client.getBuildInfo();

    const [request] = coder.requests;
    expect(request?.headers.get('accept')).toBe('application/json');
    expect(request?.headers.get('coder-session-token')).toBe(token);
    expect(request?.headers.get('user-agent')).toBe('fleet-test/1.0');
    expect(request?.redirect).toBe('manual');
  });

  it('hands a fetch replacement that reads only its init (as Polly does) the headers and the redirect mode', async () => {
    const inits: RequestInit[] = [];
    const initReader = (async (_input: RequestInfo | URL, init?: RequestInit) => {
      inits.push(init ?? {});
      return jsonAnswer(buildInfo());
    }) as typeof fetch;

    await clientOf(initReader).getBuildInfo();

    const headers = new Headers(inits[0]?.headers);
    expect(headers.get('coder-session-token')).toBe(token);
    expect(headers.get('accept')).toBe('application/json');
    expect(inits[0]?.redirect).toBe('manual');
  });

  it('sends no user agent of its own and no token header for a client without a token', async () => {
    const coder = cannedFetch(() => jsonAnswer(buildInfo()));
    const anonymous = new CoderClient({ url: 'http://coder.test', token: '', fetch: coder.fetch });

    await anonymous.getBuildInfo();

    expect(coder.requests[0]?.headers.get('coder-session-token')).toBeNull();
    expect(coder.requests[0]?.headers.get('user-agent')).toBeNull();
  });

  it.each([
    ['http://coder.test', 'http://coder.test/api/v2/buildinfo'],
    ['http://coder.test/', 'http://coder.test/api/v2/buildinfo'],
    ['http://coder.test/coder', 'http://coder.test/coder/api/v2/buildinfo'],
    ['http://coder.test/coder/', 'http://coder.test/coder/api/v2/buildinfo'],
  ])('keeps the path of the deployment URL %s', async (url, expected) => {
    const coder = cannedFetch(() => jsonAnswer(buildInfo()));

    await clientOf(coder.fetch, url).getBuildInfo();

    expect(coder.requests.map((request) => request.url)).toEqual([expected]);
  });
});

describe('what each method asks for', () => {
  it.each([
    ['getOAuth2AuthorizationServerMetadata', (client: CoderClient) => client.getOAuth2AuthorizationServerMetadata(), 'GET /.well-known/oauth-authorization-server'],
    ['getApplicationsHost', (client: CoderClient) => client.getApplicationsHost(), 'GET /api/v2/applications/host'],
    ['getTemplates', (client: CoderClient) => client.getTemplates(), 'GET /api/v2/templates'],
    [
      'getTemplates of an organization, with a query',
      (client: CoderClient) => client.getTemplates({ organization: 'my org', q: 'deprecated:false' }),
      'GET /api/v2/organizations/my%20org/templates?q=deprecated%3Afalse',
    ],
    ['getTemplateByName', (client: CoderClient) => client.getTemplateByName('my org', 'a/b'), 'GET /api/v2/organizations/my%20org/templates/a%2Fb'],
    ['getWorkspaces without a filter', (client: CoderClient) => client.getWorkspaces(), 'GET /api/v2/workspaces'],
    ['getWorkspaceByOwnerAndName', (client: CoderClient) => client.getWorkspaceByOwnerAndName('me', 'dev box'), 'GET /api/v2/users/me/workspace/dev%20box'],
    ['getWorkspaceBuilds, a page', (client: CoderClient) => client.getWorkspaceBuilds('w1', { limit: 5, offset: 10 }), 'GET /api/v2/workspaces/w1/builds?limit=5&offset=10'],
    ['getWorkspaceBuilds, all', (client: CoderClient) => client.getWorkspaceBuilds('w1'), 'GET /api/v2/workspaces/w1/builds'],
  ])('%s', async (_name, call, expected) => {
    const coder = cannedFetch(() => jsonAnswer({ message: 'not this time' }, { status: 404 }));

    await call(clientOf(coder.fetch)).catch(() => undefined);

    expect(coder.lines()).toEqual([expected]);
  });

  it('reads the OAuth2 metadata and the wildcard app host', async () => {
    const metadata = { issuer: 'https://coder.test', authorization_endpoint: 'https://coder.test/oauth2/authorize', token_endpoint: 'https://coder.test/oauth2/tokens' };
    const coder = cannedFetch(
      answersByRequest({
        'GET /.well-known/oauth-authorization-server': () => jsonAnswer(metadata),
        'GET /api/v2/applications/host': () => jsonAnswer(recordedResponseBody(v2_30, 'general', 'GET', /^\/api\/v2\/applications\/host$/)),
      }),
    );
    const client = clientOf(coder.fetch);

    await expect(client.getOAuth2AuthorizationServerMetadata()).resolves.toEqual(metadata);
    await expect(client.getApplicationsHost()).resolves.toMatchObject({ host: expect.stringMatching(/^\*\.apps\./) });
  });

  it('reads the templates Coder lists', async () => {
    const coder = cannedFetch(() => jsonAnswer(recordedTemplates));

    const templates = await clientOf(coder.fetch).getTemplates();

    expect(templates.map((template) => template.id)).toEqual((recordedTemplates as { id: string }[]).map((template) => template.id));
  });

  it.each([
    ['startWorkspace', (client: CoderClient) => client.startWorkspace('w1'), { transition: 'start' }],
    ['startWorkspace on a version', (client: CoderClient) => client.startWorkspace('w1', 'v9'), { transition: 'start', template_version_id: 'v9' }],
    ['stopWorkspace', (client: CoderClient) => client.stopWorkspace('w1'), { transition: 'stop' }],
    ['deleteWorkspace', (client: CoderClient) => client.deleteWorkspace('w1'), { transition: 'delete' }],
  ])('%s posts one build and returns it', async (_name, call, body) => {
    const coder = cannedFetch(() => jsonAnswer(recordedBuild, { status: 201 }));

    const build = await call(clientOf(coder.fetch));

    expect(build).toMatchObject({ id: (recordedBuild as { id: string }).id });
    expect(coder.requests.map((request) => [request.method, request.target, JSON.parse(request.body ?? 'null')])).toEqual([
      ['POST', '/api/v2/workspaces/w1/builds', body],
    ]);
  });

  it('creates a workspace in an organization for a member', async () => {
    const coder = cannedFetch(() => jsonAnswer(recordedWorkspace, { status: 201 }));
    const request = { name: 'dev-box', template_id: 't1' };

    const workspace = await clientOf(coder.fetch).createWorkspace('org 1', 'me', request);

    expect(workspace.id).toBe(recordedWorkspace.id);
    expect(coder.requests.map((sent) => [sent.method, sent.target, sent.body])).toEqual([
      ['POST', '/api/v2/organizations/org%201/members/me/workspaces', JSON.stringify(request)],
    ]);
  });
});

describe('iterateWorkspaces', () => {
  /** Coder's paging over `total` copies of the recorded workspace. */
  function workspacePages(total: number) {
    return cannedFetch((request) => {
      const query = new URL(request.url).searchParams;
      const offset = Number(query.get('offset'));
      const limit = Number(query.get('limit'));
      const count = Math.max(0, Math.min(limit, total - offset));
      const workspaces = Array.from({ length: count }, (_value, index) => ({ ...recordedWorkspace, name: `w${offset + index}` }));
      return jsonAnswer({ workspaces, count: total });
    });
  }

  async function namesOf(iterator: AsyncIterable<{ name: string }>): Promise<string[]> {
    const names: string[] = [];
    for await (const workspace of iterator) {
      names.push(workspace.name);
    }
    return names;
  }

  it('asks 25 a page by default and stops at the count, without asking for an empty page', async () => {
    const coder = workspacePages(50);

    const names = await namesOf(clientOf(coder.fetch).iterateWorkspaces({ q: 'owner:me' }));

    expect(names).toHaveLength(50);
    expect(coder.lines()).toEqual(['GET /api/v2/workspaces?q=owner%3Ame&limit=25&offset=0', 'GET /api/v2/workspaces?q=owner%3Ame&limit=25&offset=25']);
  });

  it('stops at a short page', async () => {
    const coder = cannedFetch(() => jsonAnswer({ workspaces: [recordedWorkspace], count: 10 }));

    const names = await namesOf(clientOf(coder.fetch).iterateWorkspaces({ pageSize: 2 }));

    expect(names).toHaveLength(1);
    expect(coder.lines()).toEqual(['GET /api/v2/workspaces?limit=2&offset=0']);
  });

  it.each([0, -1, 1.5])('refuses a page size of %d before any request', async (pageSize) => {
    const coder = workspacePages(3);

    const error: unknown = await namesOf(clientOf(coder.fetch).iterateWorkspaces({ pageSize })).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(RangeError);
    expect((error as Error).message).toBe('iterateWorkspaces: `pageSize` must be a positive integer');
    expect(coder.requests).toHaveLength(0);
  });

  it('takes a page size of one', async () => {
    const coder = workspacePages(2);

    await expect(namesOf(clientOf(coder.fetch).iterateWorkspaces({ pageSize: 1 }))).resolves.toEqual(['w0', 'w1']);
  });
});

describe('the Tasks API', () => {
  it('counts the tasks of a list that carries no count', async () => {
    const { count: _count, ...withoutCount } = recordedTaskList;
    const coder = cannedFetch(
      answersByRequest({
        'GET /api/v2/buildinfo': () => jsonAnswer(buildInfo(v2_30)),
        'GET /api/v2/tasks?q=owner%3Ame': () => jsonAnswer(withoutCount),
      }),
    );

    const page = await clientOf(coder.fetch).getTasks({ q: 'owner:me' });

    expect(page.count).toBe(recordedTaskList.tasks.length);
  });

  it('gives the count Coder sends, which can exceed the page', async () => {
    const coder = cannedFetch(
      answersByRequest({
        'GET /api/v2/buildinfo': () => jsonAnswer(buildInfo(v2_30)),
        'GET /api/v2/tasks': () => jsonAnswer({ ...recordedTaskList, count: 99 }),
      }),
    );

    await expect(clientOf(coder.fetch).getTasks()).resolves.toMatchObject({ count: 99 });
  });

  it('reads the created task where 2.27 answers a create with the task’s workspace', async () => {
    const coder = cannedFetch(
      answersByRequest({
        'GET /api/v2/buildinfo': () => jsonAnswer(buildInfo(v2_27)),
        'POST /api/experimental/tasks/me': () => jsonAnswer({ ...recordedWorkspace, id: recordedTask.id }, { status: 201 }),
        [`GET /api/experimental/tasks/me/${recordedTask.id}`]: () => jsonAnswer(recordedTask),
      }),
    );

    const task = await clientOf(coder.fetch).createTask('me', { template_version_id: 'v1', input: 'Write a haiku.' });

    expect(task).toMatchObject({ id: recordedTask.id, name: (recordedTask as { name?: string }).name });
    expect(coder.lines()).toEqual(['GET /api/v2/buildinfo', 'POST /api/experimental/tasks/me', `GET /api/experimental/tasks/me/${recordedTask.id}`]);
    expect(coder.requests[1]?.body).toBe(JSON.stringify({ template_version_id: 'v1', input: 'Write a haiku.' }));
  });

  it('deletes a task on a 204 without a body', async () => {
    const coder = cannedFetch(
      answersByRequest({
        'GET /api/v2/buildinfo': () => jsonAnswer(buildInfo(v2_30)),
        'DELETE /api/v2/tasks/me/t%201': () => new Response(null, { status: 204 }),
      }),
    );

    await expect(clientOf(coder.fetch).deleteTask('me', 't 1')).resolves.toBeUndefined();
    expect(coder.lines()).toEqual(['GET /api/v2/buildinfo', 'DELETE /api/v2/tasks/me/t%201']);
  });

  it.each([
    ['getTasks', (client: CoderClient) => client.getTasks(), 'GET /api/v2/tasks'],
    ['getTask', (client: CoderClient) => client.getTask('me', 't1'), 'GET /api/v2/tasks/me/t1'],
    ['createTask', (client: CoderClient) => client.createTask('me', { template_version_id: 'v1', input: 'hi' }), 'POST /api/v2/tasks/me'],
    ['deleteTask', (client: CoderClient) => client.deleteTask('me', 't1'), 'DELETE /api/v2/tasks/me/t1'],
    ['sendTaskInput', (client: CoderClient) => client.sendTaskInput('me', 't1', 'hi'), 'POST /api/v2/tasks/me/t1/send'],
    ['getTaskLogs', (client: CoderClient) => client.getTaskLogs('me', 't1'), 'GET /api/v2/tasks/me/t1/logs'],
  ])('%s names the method, the path and the version where there is no Tasks API', async (_name, call, request) => {
    const info = buildInfo(v2_37) as { version: string };
    const coder = cannedFetch(() => jsonAnswer(info));

    const error: unknown = await call(clientOf(coder.fetch)).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(CoderNotSupportedError);
    expect((error as Error).message).toBe(`${request}: the Tasks API is not supported by this Coder (${info.version})`);
  });
});

describe('the retry limit', () => {
  it('sends a GET once more than the limit it is given', async () => {
    const coder = cannedFetch(() => jsonAnswer({ message: 'unavailable' }, { status: 502 }));
    const client = new CoderClient({ url: 'http://coder.test', token, fetch: coder.fetch, retry: { limit: 1, maxRetryDelayMs: 1 } });

    await client.getBuildInfo().catch(() => undefined);

    expect(coder.requests).toHaveLength(2);
  });
});

describe('the defaults', () => {
  useFakeTimersInEachTest({ now: new Date('2025-06-01T12:00:00Z') });

  it('waits 30 s for an answer', async () => {
    const client = new CoderClient({ url: 'http://coder.test', token, fetch: neverAnsweringFetch() });

    const pending = client.getBuildInfo().catch((caught: unknown) => caught);
    await jest.advanceTimersByTimeAsync(30_000);

    const error = await pending;
    expect(error).toBeInstanceOf(CoderTimeoutError);
    expect(error).toMatchObject({ timeoutMs: 30_000 });
  });

  it('retries a GET twice, waiting at most 10 s whatever Retry-After asks', async () => {
    const coder = cannedFetch(() => jsonAnswer({ message: 'busy' }, { status: 503, headers: { 'retry-after': '3600' } }));
    const client = new CoderClient({ url: 'http://coder.test', token, fetch: coder.fetch });

    const pending = client.getBuildInfo().catch((caught: unknown) => caught);
    await jest.advanceTimersByTimeAsync(9_999);
    const sentBeforeTenSeconds = coder.requests.length;
    await jest.advanceTimersByTimeAsync(10_001);

    await expect(pending).resolves.toMatchObject({ name: 'CoderApiError', status: 503 });
    expect(sentBeforeTenSeconds).toBe(1);
    expect(coder.requests).toHaveLength(3);
  });
});
