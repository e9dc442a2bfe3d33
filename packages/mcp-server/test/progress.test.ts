// Progress notifications of create_agent and restart_agent with wait: only when asked, in order, before the result.
import type { JSONRPCMessage, Progress } from '@modelcontextprotocol/sdk/types.js';
import { connectClient, type ConnectedClient } from './connected-client.js';
import { FakeFleet } from './fake-fleet.js';

let fleet: FakeFleet;
let connected: ConnectedClient;

beforeEach(async () => {
  fleet = new FakeFleet();
  connected = await connectClient(fleet);
});

afterEach(async () => {
  await connected.close();
});

function progressNotifications(messages: JSONRPCMessage[]): JSONRPCMessage[] {
  return messages.filter((message) => 'method' in message && message.method === 'notifications/progress');
}

const WAITING_CALLS: Array<[string, Record<string, unknown>]> = [
  ['create_agent', { name: 'new-agent', project: 'Claude Code', task: 'Review the docs', wait: true }],
  ['restart_agent', { agent_name: 'triage-issues', wait: true }],
];

test.each(WAITING_CALLS)('%s with wait reports every step, in order, before the result, when the client asked for progress', async (tool, args) => {
  const received: Progress[] = [];

  const result = await connected.client.callTool({ name: tool, arguments: args }, undefined, { onprogress: (progress) => received.push(progress) });

  expect(result.isError).toBeFalsy();
  expect(received).toEqual([
    { progress: 1, total: 4, message: 'Coder queued the build' },
    { progress: 2, total: 4, message: 'The workspace is being built' },
    { progress: 3, total: 4, message: 'Waiting for the workspace agent to connect' },
    { progress: 4, total: 4, message: 'The agent is online' },
  ]);
  const lastProgressIndex = connected.serverMessages.lastIndexOf(progressNotifications(connected.serverMessages).at(-1) as JSONRPCMessage);
  const resultIndex = connected.serverMessages.findIndex((message) => 'result' in message && 'content' in message.result);
  expect(lastProgressIndex).toBeLessThan(resultIndex);
});

test.each(WAITING_CALLS)('%s with wait sends no progress when the client sent no progress token', async (tool, args) => {
  const result = await connected.call(tool, args);

  expect(result.isError).toBeFalsy();
  expect(fleet.calls.at(-1)?.args.at(-1)).toMatchObject({ wait: true });
  expect(progressNotifications(connected.serverMessages)).toEqual([]);
});

test('create_agent without wait sends no progress when the service reports none (Coder delivers the first task)', async () => {
  const received: Progress[] = [];

  await connected.client.callTool({ name: 'create_agent', arguments: { name: 'new-agent', project: 'Claude Code', task: 'Review' } }, undefined, {
    onprogress: (progress) => received.push(progress),
  });

  const options = fleet.callsTo('agents.create')[0]?.args[1] as Record<string, unknown>;
  expect(options['wait']).toBe(false);
  expect(received).toEqual([]);
});

test('a step that does not advance is not sent, since MCP progress must increase', async () => {
  fleet.progressSteps = [
    { step: 'build_queued', progress: 1, total: 4, message: 'queued' },
    { step: 'build_running', progress: 2, total: 4, message: 'running' },
    { step: 'build_running', progress: 2, total: 4, message: 'still running' },
    { step: 'ready', progress: 4, total: 4, message: 'online' },
  ];
  const received: Progress[] = [];

  await connected.client.callTool({ name: 'restart_agent', arguments: { agent_name: 'triage-issues', wait: true } }, undefined, {
    onprogress: (progress) => received.push(progress),
  });

  expect(received.map((progress) => progress.message)).toEqual(['queued', 'running', 'online']);
});

test("the call's abort signal reaches the service", async () => {
  await connected.call('list_agents');

  const options = fleet.callsTo('agents.list')[0]?.args[1] as { signal?: unknown };
  expect(options.signal).toBeInstanceOf(AbortSignal);
});
