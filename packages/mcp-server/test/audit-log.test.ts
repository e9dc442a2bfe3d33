// One audit line per call that changes something: the Coder user, the tool, the agent, the outcome and a request id; never the task.
import { FleetError } from '@fleet/fleet-models';
import { connectClient } from './connected-client.js';
import { FakeFleet } from './fake-fleet.js';

const TASK = 'Rotate the production database password to hunter2';

test('a mutating call logs who, what, on which agent and how it ended, without the task text', async () => {
  const fleet = new FakeFleet();
  const connected = await connectClient(fleet, { caller: { username: 'alice' } });

  await connected.call('start_agent_task', { agent_name: 'triage-issues', task: TASK });
  await connected.call('delete_agent', { agent_name: 'no-such-agent' });
  await connected.call('list_agents');
  await connected.close();

  const audits = connected.log.records().filter((record) => record['audit'] === true);
  expect(audits).toEqual([
    expect.objectContaining({ level: 'info', user: 'alice', tool: 'start_agent_task', agent: 'triage-issues', outcome: expect.any(String) }),
    expect.objectContaining({ user: 'alice', tool: 'delete_agent', agent: 'no-such-agent', outcome: 'NOT_FOUND' }),
  ]);
  expect(audits.every((record) => typeof record['request_id'] === 'string')).toBe(true);
  expect(connected.log.lines.join('')).not.toContain('hunter2');
});

test('with a caller of their own, a credential Coder refuses during a call says to sign in again and is forgotten', async () => {
  const fleet = new FakeFleet();
  fleet.failures.set('agents.list', new FleetError('UNAUTHORIZED', 'Coder refused the session token (401 on GET /api/v2/workspaces): set CODER_SESSION_TOKEN'));
  let refusals = 0;
  const connected = await connectClient(fleet, { caller: { username: 'bob', credentialRefused: () => (refusals += 1) } });

  const result = await connected.call('list_agents');
  await connected.close();

  expect(result.isError).toBe(true);
  expect(JSON.stringify(result.content)).toContain('Sign in again');
  expect(JSON.stringify(result.content)).not.toContain('CODER_SESSION_TOKEN');
  expect(refusals).toBe(1);
});
