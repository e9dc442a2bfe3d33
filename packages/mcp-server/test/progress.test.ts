// Progress of create_agent and restart_agent with wait, on the real fleet over recorded Coder answers: only when asked, the fleet's steps in order, before the result; and a cancelled call stops its Coder request.
import { recordedCreation, recordedStartOf, untilAborted, type FakeAnswers, type RecordedGeneration } from '@fleet/coder-fakes';
import type { AgentProgress } from '@fleet/fleet-models';
import type { JSONRPCMessage, Progress } from '@modelcontextprotocol/sdk/types.js';
import { connectClient, type ConnectedClient } from './connected-client.js';
import { recordedFleet, type RecordedFleet } from './recorded-fleet.js';

const GENERATION: RecordedGeneration = 'v2.27.1';

const creation = (): FakeAnswers => recordedCreation(GENERATION);
const startOfReviewWebhooks = (): FakeAnswers => recordedStartOf(GENERATION, 'review-webhooks');

// [tool, arguments, the Coder answers it meets, the same call on the fleet itself]
const WAITING_CALLS: Array<[string, Record<string, unknown>, () => FakeAnswers, (recorded: RecordedFleet, onProgress: (step: AgentProgress) => void) => Promise<unknown>]> = [
  [
    'create_agent',
    { name: 'fleet-rec-workspace', project: 'claude-code', task: 'Say hello, then wait.', wait: true },
    creation,
    ({ fleet }, onProgress) => fleet.agents.create({ name: 'fleet-rec-workspace', project: 'claude-code', task: 'Say hello, then wait.' }, { wait: true, onProgress }),
  ],
  ['restart_agent', { agent_name: 'review-webhooks', wait: true }, startOfReviewWebhooks, ({ fleet }, onProgress) => fleet.agents.restart('review-webhooks', { wait: true, onProgress })],
];

let connected: ConnectedClient;

async function serve(answers: FakeAnswers): Promise<RecordedFleet> {
  const recorded = recordedFleet({ generation: GENERATION, answers });
  connected = await connectClient(recorded.fleet);
  return recorded;
}

afterEach(async () => {
  await connected.close();
});

function progressNotifications(messages: JSONRPCMessage[]): JSONRPCMessage[] {
  return messages.filter((message) => 'method' in message && message.method === 'notifications/progress');
}

test.each(WAITING_CALLS)('%s with wait reports every step of the fleet, in order, before the result, when the client asked for progress', async (tool, args, answers, sameCall) => {
  const reported: AgentProgress[] = [];
  await sameCall(recordedFleet({ generation: GENERATION, answers: answers() }), (step) => reported.push(step));
  await serve(answers());
  const received: Progress[] = [];

  const result = await connected.client.callTool({ name: tool, arguments: args }, undefined, { onprogress: (progress) => received.push(progress) });

  expect(result.isError).toBeFalsy();
  expect(reported.length).toBeGreaterThanOrEqual(4);
  expect(received).toEqual(reported.map(({ progress, total, message }) => ({ progress, total, message })));
  const lastProgressIndex = connected.serverMessages.lastIndexOf(progressNotifications(connected.serverMessages).at(-1) as JSONRPCMessage);
  const resultIndex = connected.serverMessages.findIndex((message) => 'result' in message && 'content' in message.result);
  expect(lastProgressIndex).toBeLessThan(resultIndex);
});

test.each(WAITING_CALLS)('%s with wait waits, but sends no progress when the client sent no progress token', async (tool, args, answers) => {
  const recorded = await serve(answers());

  const result = await connected.call(tool, args);

  expect(result.isError).toBeFalsy();
  expect(result.structuredContent).toMatchObject({ online: true });
  expect(recorded.clock.sleeps.length).toBeGreaterThan(0);
  expect(progressNotifications(connected.serverMessages)).toEqual([]);
});

test('create_agent without wait sends no progress where Coder delivers the first task, and does not wait', async () => {
  const recorded = await serve(creation());
  const received: Progress[] = [];

  const result = await connected.client.callTool({ name: 'create_agent', arguments: { name: 'fleet-rec-workspace', project: 'claude-code', task: 'Say hello, then wait.' } }, undefined, {
    onprogress: (progress) => received.push(progress),
  });

  expect(result.structuredContent).toMatchObject({ online: false, first_task: 'handed_to_coder' });
  expect(recorded.clock.sleeps).toEqual([]);
  expect(received).toEqual([]);
});

test("a client's cancellation aborts the Coder request in flight, and nothing is answered", async () => {
  const recorded = await serve({ getTasks: untilAborted, getWorkspaces: untilAborted });
  const controller = new AbortController();

  const call = connected.client.callTool({ name: 'list_agents', arguments: {} }, undefined, { signal: controller.signal });
  await waitUntil(() => recorded.coder.count('getTasks') + recorded.coder.count('getWorkspaces') > 0);
  const [request] = [...recorded.coder.argsOf('getTasks'), ...recorded.coder.argsOf('getWorkspaces')];
  const signal = (request?.at(-1) as { signal?: AbortSignal } | undefined)?.signal;
  controller.abort(new Error('the user pressed stop'));

  await expect(call).rejects.toThrow('the user pressed stop');
  await waitUntil(() => signal?.aborted === true);
  expect(signal).toBeInstanceOf(AbortSignal);
});

/** Polls a condition the server reaches on its own time (a message across the in-memory transport), bounded. */
async function waitUntil(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
