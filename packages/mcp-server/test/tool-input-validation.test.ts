// Bad arguments are refused as INVALID_INPUT naming the field, and never reach Coder.
import { connectClient, type ConnectedClient } from './connected-client.js';
import { recordedFleet, type RecordedFleet } from './recorded-fleet.js';
import { errorDetailsOf, textOf } from './tool-result.js';

let recorded: RecordedFleet;
let connected: ConnectedClient;

beforeEach(async () => {
  recorded = recordedFleet();
  connected = await connectClient(recorded.fleet);
});

afterEach(async () => {
  await connected.close();
});

const TEN_THOUSAND_CHARACTERS = 'a'.repeat(10_000);

// [tool, arguments, a fragment the message must contain: the field and what was wrong]
const BAD_INPUTS: Array<[string, Record<string, unknown>, string]> = [
  ['list_agents', { status: 'sleeping' }, 'status'],
  ['list_agents', { project: '   ' }, 'project: a project name must not be empty'],
  ['list_agents', { project: 42 }, 'project must be a string, not a number'],
  ['list_agents', { verbose: true }, 'unknown argument "verbose": this tool takes only status, project'],
  ['show_agent', {}, 'agent_name is required'],
  ['show_agent', { agent_name: '' }, 'agent_name: an agent name must not be empty'],
  ['show_agent', { agent_name: '   ' }, 'agent_name: an agent name may only contain letters, digits'],
  ['show_agent', { agent_name: 'Bad_Name' }, '(got "Bad_Name")'],
  ['show_agent', { agent_name: 'double--hyphen' }, 'agent_name: an agent name may only contain'],
  ['show_agent', { agent_name: TEN_THOUSAND_CHARACTERS }, 'agent_name: an agent name has at most 32 characters'],
  ['show_agent', { agent_name: null }, 'agent_name must be a string, not null'],
  ['show_agent', { agent_name: 'review-api-docs', name: 'review-api-docs' }, 'unknown argument "name"'],
  ['create_agent', { project: 'Claude Code', task: 'Review the docs' }, 'name is required'],
  ['create_agent', { name: '-leading', project: 'Claude Code', task: 'Review the docs' }, 'name: an agent name may only contain'],
  ['create_agent', { name: 'new-agent', project: 'Claude Code', task: '' }, 'task: a task must not be empty'],
  ['create_agent', { name: 'new-agent', project: 'Claude Code', task: ' \n\t ' }, 'task: a task must not be empty or only whitespace'],
  ['create_agent', { name: 'new-agent', project: '', task: 'Review the docs' }, 'project: a project name must not be empty'],
  ['create_agent', { name: 'new-agent', project: 'Claude Code', task: 'Review the docs', role: ' ' }, 'role: a role name must not be empty'],
  ['create_agent', { name: 'new-agent', project: 'Claude Code', task: 'Review the docs', wait: 'yes' }, 'wait must be true or false, not a string'],
  ['create_agent', { name: 'new-agent', project: 'Claude Code', task: 'Review the docs', template: 'x' }, 'unknown argument "template"'],
  ['delete_agent', { agent_name: 'agent.with.dots' }, 'agent_name: an agent name may only contain'],
  ['restart_agent', { agent_name: 'triage-issues', wait: 1 }, 'wait must be true or false, not a number'],
  ['start_agent_task', { agent_name: 'fix-login-bug', task: '   ' }, 'task: a task must not be empty or only whitespace'],
  ['start_agent_task', { agent_name: 'fix-login-bug' }, 'task is required'],
  ['start_agent_task', { agent_name: 'fix-login-bug', task: 'Review\u001b[201~\r' }, 'task: a task must not contain control characters other than newline and tab, and this one has U+001B ESC at character 7'],
  ['create_agent', { name: 'new-agent', project: 'Claude Code', task: 'Review \u202etxt.exe' }, 'U+202E RIGHT-TO-LEFT OVERRIDE at character 8'],
  ['cancel_agent_task', { agent_name: ['fix-login-bug'] }, 'agent_name must be a string, not an array'],
  ['show_agent_task_history', { agent_name: 'review-api-docs', page: 0 }, 'page: page starts at 1'],
  ['show_agent_task_history', { agent_name: 'review-api-docs', page: -3 }, 'page: page starts at 1'],
  ['show_agent_task_history', { agent_name: 'review-api-docs', page: 1.5 }, 'page must be a whole number, not 1.5'],
  ['show_agent_task_history', { agent_name: 'review-api-docs', page: 1e20 }, 'page is far too large'],
  ['show_agent_task_history', { agent_name: 'review-api-docs', page: 2_000_000 }, 'page: page must be at most 1000000'],
  ['show_agent_task_history', { agent_name: 'review-api-docs', page_size: 101 }, 'page_size: page_size must be at most 100'],
  ['show_agent_task_history', { agent_name: 'review-api-docs', page_size: 0 }, 'page_size: page_size must be at least 1'],
  ['show_agent_log', { agent_name: 'review-api-docs', page: '2' }, 'page must be a number, not a string'],
  ['show_agent_log', { agent_name: 'review-api-docs', page_size: -1 }, 'page_size: page_size must be at least 1'],
  ['list_agent_projects', { project: 'Claude Code' }, 'unknown argument "project": this tool takes no arguments'],
  ['list_agent_roles', {}, 'project is required'],
  ['list_agent_roles', { project: 'x'.repeat(300) }, 'project: a project name has at most 256 characters'],
];

test.each(BAD_INPUTS)('%s with %j is refused as INVALID_INPUT naming the field, before any request to Coder', async (tool, args, fragment) => {
  const result = await connected.call(tool, args);

  expect(result.isError).toBe(true);
  expect(textOf(result)).toMatch(/^INVALID_INPUT: /);
  expect(textOf(result)).toContain(fragment);
  expect(errorDetailsOf(result)).toMatchObject({ code: 'INVALID_INPUT', retryable: false });
  expect(result.structuredContent).toBeUndefined();
  expect(recorded.coder.requestCounts()).toEqual({});
});

test.each([
  ['start_agent_task', { agent_name: 'fix-login-bug' }],
  ['create_agent', { name: 'new-agent', project: 'Claude Code' }],
])('%s refuses a task past 100 KB as INVALID_INPUT saying the limit and its size', async (tool, args) => {
  const result = await connected.call(tool, { ...args, task: 'a'.repeat(150 * 1024) });

  expect(textOf(result)).toContain('task: a task has at most 100 KB (102,400 bytes of UTF-8) and this one has 150 KB (153,600 bytes)');
  expect(recorded.coder.requestCounts()).toEqual({});
});

test('a ten-thousand-character name is quoted shortened, not whole', async () => {
  const result = await connected.call('show_agent', { agent_name: TEN_THOUSAND_CHARACTERS });

  expect(textOf(result).length).toBeLessThan(300);
  expect(textOf(result)).toContain('10000 characters');
});

test('several bad fields are all named in one message', async () => {
  const result = await connected.call('show_agent_log', { agent_name: 'Bad_Name', page: 0, page_size: 500 });

  expect(textOf(result)).toContain('agent_name:');
  expect(textOf(result)).toContain('page:');
  expect(textOf(result)).toContain('page_size:');
});

test('a valid call with defaults reaches Coder, and is answered', async () => {
  const result = await connected.call('show_agent_task_history', { agent_name: 'refactor-billing' });

  expect(result.isError).toBeFalsy();
  expect(result.structuredContent).toMatchObject({ agent_name: 'refactor-billing', page: 1, page_size: 20 });
  expect(recorded.coder.count('getWorkspaceByOwnerAndName')).toBe(1);
});
