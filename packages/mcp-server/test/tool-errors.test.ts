// Fleet errors keep their code and message; anything else becomes INTERNAL with a request id; no stack, no token.
import { FleetError, type FleetErrorCode } from '@fleet/fleet-models';
import { connectClient, type ConnectedClient } from './connected-client.js';
import { FakeFleet, type FakeFleetMethod } from './fake-fleet.js';
import { errorDetailsOf, textOf } from './tool-result.js';

const SESSION_TOKEN = 'Xk2hq9TzLw-8s7dF3gH1jK4lM6nP0rQ2';

let fleet: FakeFleet;
let connected: ConnectedClient;

beforeEach(async () => {
  fleet = new FakeFleet();
  connected = await connectClient(fleet, { secrets: [SESSION_TOKEN] });
});

afterEach(async () => {
  await connected.close();
});

const COMMON: FleetErrorCode[] = ['UNAUTHORIZED', 'CODER_UNAVAILABLE'];

// [tool, valid arguments, the service method it calls, the codes that method can meet]
const TOOLS: Array<[string, Record<string, unknown>, FakeFleetMethod, FleetErrorCode[]]> = [
  ['list_agents', { project: 'Claude Code' }, 'agents.list', [...COMMON, 'NOT_FOUND']],
  ['show_agent', { agent_name: 'fix-login-bug' }, 'agents.show', [...COMMON, 'NOT_FOUND']],
  ['create_agent', { name: 'new-agent', project: 'Claude Code', task: 'Review the docs' }, 'agents.create', [...COMMON, 'NOT_FOUND', 'CONFLICT', 'INVALID_INPUT']],
  ['delete_agent', { agent_name: 'fix-login-bug' }, 'agents.delete', [...COMMON, 'NOT_FOUND', 'CONFLICT']],
  ['restart_agent', { agent_name: 'fix-login-bug' }, 'agents.restart', [...COMMON, 'NOT_FOUND', 'CONFLICT', 'INVALID_STATE']],
  ['start_agent_task', { agent_name: 'fix-login-bug', task: 'Add a test' }, 'tasks.start', [...COMMON, 'NOT_FOUND', 'AGENT_BUSY', 'CONFLICT', 'AGENT_OFFLINE']],
  ['cancel_agent_task', { agent_name: 'review-api-docs' }, 'tasks.cancel', [...COMMON, 'NOT_FOUND', 'INVALID_STATE', 'AGENT_OFFLINE']],
  ['show_agent_task_history', { agent_name: 'review-api-docs' }, 'tasks.history', [...COMMON, 'NOT_FOUND']],
  ['show_agent_log', { agent_name: 'review-api-docs' }, 'tasks.log', [...COMMON, 'NOT_FOUND', 'AGENT_OFFLINE']],
  ['list_agent_projects', {}, 'projects.list', COMMON],
  ['list_agent_roles', { project: 'Claude Code' }, 'projects.roles', [...COMMON, 'NOT_FOUND']],
];

const CASES = TOOLS.flatMap(([tool, args, method, codes]) => codes.map((code) => [tool, code, args, method] as const));

test.each(CASES)('%s answers a %s from the fleet as an error result with that code and message', async (tool, code, args, method) => {
  const retryable = code === 'CODER_UNAVAILABLE';
  fleet.failures.set(method, new FleetError(code, `the fleet refused: ${code.toLowerCase()}`, { retryable }));

  const result = await connected.call(tool, args);

  expect(result.isError).toBe(true);
  expect(textOf(result)).toBe(`${code}: the fleet refused: ${code.toLowerCase()}`);
  expect(errorDetailsOf(result)).toEqual({ code, message: `the fleet refused: ${code.toLowerCase()}`, retryable });
  expect(fleet.callsTo(method)).toHaveLength(1);
});

test.each(TOOLS.map(([tool, args, method]) => [tool, args, method] as const))(
  '%s answers an unexpected exception as INTERNAL with a request id, no stack, and logs the stack',
  async (tool, args, method) => {
    const failure = new TypeError(`Cannot read properties of undefined (reading 'latest_build') for token ${SESSION_TOKEN}`);
    fleet.failures.set(method, failure);

    const result = await connected.call(tool, args);

    const details = errorDetailsOf(result);
    expect(result.isError).toBe(true);
    expect(details?.code).toBe('INTERNAL');
    expect(details?.request_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(textOf(result)).toMatch(/^INTERNAL: /);
    expect(textOf(result)).toContain(details?.request_id);
    expect(textOf(result)).not.toContain('latest_build');
    expect(textOf(result)).not.toMatch(/\bat .+:\d+:\d+/);
    const logged = connected.log.records().find((record) => record['request_id'] === details?.request_id);
    expect(logged).toMatchObject({ level: 'error', tool, error: { name: 'TypeError', stack: expect.stringContaining('TypeError') } });
    expect(connected.log.lines.join('')).not.toContain(SESSION_TOKEN);
    expect(connected.log.lines.join('')).toContain('[REDACTED]');
  },
);

test('a FleetError with the INTERNAL code also gets a request id and is logged', async () => {
  fleet.failures.set('agents.list', new FleetError('INTERNAL', 'the domain gave up', { cause: new Error('deep cause') }));

  const result = await connected.call('list_agents');

  const details = errorDetailsOf(result);
  expect(details?.code).toBe('INTERNAL');
  expect(details?.request_id).toEqual(expect.any(String));
  expect(connected.log.records().some((record) => record['request_id'] === details?.request_id && record['level'] === 'error')).toBe(true);
});

test('a token inside a FleetError message never reaches the client', async () => {
  fleet.failures.set('agents.show', new FleetError('UNAUTHORIZED', `Coder refused the token ${SESSION_TOKEN}: set CODER_SESSION_TOKEN`));

  const result = await connected.call('show_agent', { agent_name: 'fix-login-bug' });

  expect(JSON.stringify(result)).not.toContain(SESSION_TOKEN);
  expect(textOf(result)).toBe('UNAUTHORIZED: Coder refused the token [REDACTED]: set CODER_SESSION_TOKEN');
});

test('a thrown non-Error value becomes INTERNAL too', async () => {
  fleet.failures.set('projects.list', 'a string thrown by mistake');

  const result = await connected.call('list_agent_projects');

  expect(errorDetailsOf(result)?.code).toBe('INTERNAL');
  expect(textOf(result)).not.toContain('a string thrown by mistake');
});

describe('the fake fleet applies the rules, and the server passes their errors on', () => {
  test('a task for a busy agent is AGENT_BUSY', async () => {
    const result = await connected.call('start_agent_task', { agent_name: 'review-api-docs', task: 'Something else' });

    expect(errorDetailsOf(result)?.code).toBe('AGENT_BUSY');
  });

  test('a task for a stopped agent is AGENT_OFFLINE with its status', async () => {
    const result = await connected.call('start_agent_task', { agent_name: 'triage-issues', task: 'Triage the new issues' });

    expect(textOf(result)).toBe('AGENT_OFFLINE: triage-issues is stopped, not online; restart_agent starts it');
  });

  test('cancel for an idle agent is INVALID_STATE', async () => {
    const result = await connected.call('cancel_agent_task', { agent_name: 'fix-login-bug' });

    expect(errorDetailsOf(result)?.code).toBe('INVALID_STATE');
  });

  test('a name that exists already is CONFLICT', async () => {
    const result = await connected.call('create_agent', { name: 'Fix-Login-Bug', project: 'Claude Code', task: 'Again' });

    expect(errorDetailsOf(result)?.code).toBe('CONFLICT');
  });

  test('an agent that vanished between two calls is NOT_FOUND', async () => {
    await connected.call('delete_agent', { agent_name: 'fix-login-bug' });

    const result = await connected.call('show_agent', { agent_name: 'fix-login-bug' });

    expect(errorDetailsOf(result)?.code).toBe('NOT_FOUND');
  });

  test('an unknown role is NOT_FOUND listing the roles', async () => {
    const result = await connected.call('create_agent', { name: 'new-agent', project: 'Claude Code', task: 'Review', role: 'Architect' });

    expect(textOf(result)).toContain('the roles are Reviewer, Developer');
  });
});
