// One audit line per call that changes something: the Coder user, the tool, the agent, the outcome and a request id; never the task.
import { everyRequestFailing, recordedApiError } from '@fleet/coder-fakes';
import { connectClient } from './connected-client.js';
import { GENERATION, recordedFleet } from './recorded-fleet.js';

const TASK = 'Rotate the production database password to hunter2';

test('a mutating call logs who, what, on which agent and how it ended, without the task text', async () => {
  const connected = await connectClient(recordedFleet().fleet, { caller: { username: 'alice' } });

  await connected.call('start_agent_task', { agent_name: 'fix-login', task: TASK });
  await connected.call('start_agent_task', { agent_name: 'review-webhooks', task: TASK });
  await connected.call('delete_agent', { agent_name: 'no-such-agent' });
  await connected.call('list_agents');
  await connected.close();

  const audits = connected.log.records().filter((record) => record['audit'] === true);
  expect(audits).toEqual([
    expect.objectContaining({ level: 'info', user: 'alice', tool: 'start_agent_task', agent: 'fix-login', outcome: 'ok' }),
    expect.objectContaining({ user: 'alice', tool: 'start_agent_task', agent: 'review-webhooks', outcome: 'AGENT_OFFLINE' }),
    expect.objectContaining({ user: 'alice', tool: 'delete_agent', agent: 'no-such-agent', outcome: 'NOT_FOUND' }),
  ]);
  expect(audits.every((record) => typeof record['request_id'] === 'string')).toBe(true);
  expect(connected.log.lines.join('')).not.toContain('hunter2');
});

test('with a caller of their own, a credential Coder refuses during a call says to sign in again and is forgotten', async () => {
  const refused = recordedApiError(GENERATION, 'errors', 'GET', /users\/me$/);
  let refusals = 0;
  const connected = await connectClient(recordedFleet({ answers: everyRequestFailing(refused) }).fleet, {
    caller: { username: 'bob', credentialRefused: () => (refusals += 1) },
  });

  const result = await connected.call('list_agents');
  await connected.close();

  expect(result.isError).toBe(true);
  expect(JSON.stringify(result.content)).toContain('Sign in again');
  expect(JSON.stringify(result.content)).not.toContain('CODER_SESSION_TOKEN');
  expect(refusals).toBe(1);
});
