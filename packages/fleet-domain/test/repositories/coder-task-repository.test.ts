// History, log, prompts and interrupts through a fake client answering recorded Coder and AgentAPI data.
import { CoderAgentRepository } from '../../src/repositories/coder-agent-repository.js';
import { CoderTaskRepository } from '../../src/repositories/coder-task-repository.js';
import { TemplateVersionCache } from '../../src/repositories/template-version-cache.js';
import type { FakeCoderClient } from '../support/fake-coder-client.js';
import { recordedCoder } from '../support/recorded-coder.js';
import { recordedAgentMessages, recordedTaskLogs, recordedTasks } from '../support/recorded-coder-data.js';
import { present } from '../support/present.js';

async function recordOf(fake: FakeCoderClient, name: string) {
  const record = await new CoderAgentRepository(fake.client, new TemplateVersionCache(fake.client), 'http://coder.test').findByName(name);
  if (!record) {
    throw new Error(`no recorded agent ${name}`);
  }
  return record;
}

describe('CoderTaskRepository.history', () => {
  it('reads the AgentAPI app statuses of the workspace already read, newest first, without a request', async () => {
    const fake = recordedCoder('v2.27.1');
    const record = await recordOf(fake, 'refactor-billing');
    const before = fake.calls.size;
    const history = new CoderTaskRepository(fake.client).history(record);
    expect(fake.calls.size).toBe(before);
    expect(history.length).toBeGreaterThan(200);
    const times = history.map((entry) => Date.parse(entry.createdAt));
    expect(times).toEqual([...times].sort((first, second) => second - first));
    expect(history[0]).toMatchObject({ state: 'working', needsUserAttention: false });
    expect(history.every((entry) => ['working', 'idle', 'complete', 'failure'].includes(entry.state))).toBe(true);
  });

  it('has no history for a stopped workspace, whose build carries no agent', async () => {
    const fake = recordedCoder('v2.37.0');
    expect(new CoderTaskRepository(fake.client).history(await recordOf(fake, 'review-webhooks'))).toEqual([]);
  });
});

describe('CoderTaskRepository.log', () => {
  it('reads the task logs on /api/v2/tasks releases, newest first, by the task id', async () => {
    const fake = recordedCoder('v2.30.0');
    const record = await recordOf(fake, 'fix-login');
    const log = await new CoderTaskRepository(fake.client).log(record);
    const recorded = recordedTaskLogs('v2.30.0');
    expect(fake.calls.get('getTaskLogs')?.[0]?.slice(0, 2)).toEqual(['me', record.taskId]);
    expect(log).toHaveLength(recorded.length);
    expect(log?.[0]).toEqual({
      id: String(recorded[recorded.length - 1]?.id),
      type: recorded[recorded.length - 1]?.type,
      content: recorded[recorded.length - 1]?.content,
      time: recorded[recorded.length - 1]?.time,
    });
    expect(fake.count('getAgentApiMessages')).toBe(0);
  });

  it.each(['v2.27.1', 'v2.37.0'] as const)('reads the AgentAPI messages on %s, newest first, user turns as input', async (generation) => {
    const fake = recordedCoder(generation);
    const log = await new CoderTaskRepository(fake.client).log(await recordOf(fake, 'fix-login'));
    const messages = recordedAgentMessages(generation);
    expect(log).toHaveLength(messages.length);
    expect(log?.map((entry) => entry.type)).toEqual(messages.map((message) => (message.role === 'user' ? 'input' : 'output')).reverse());
    expect(fake.calls.get('getAgentApiMessages')?.[0]?.[0]).toMatchObject({ workspace: 'fix-login', slug: 'ccw' });
    expect(fake.count('getTaskLogs')).toBe(0);
  });
});

describe('CoderTaskRepository.locateAgentApi', () => {
  it('takes the app from the workspace when it says, without a request', async () => {
    const fake = recordedCoder('v2.37.0');
    const record = await recordOf(fake, 'fix-login');
    await expect(new CoderTaskRepository(fake.client).locateAgentApi(record)).resolves.toBe(record.app);
    expect(fake.count('getTask')).toBe(0);
  });

  it('asks the task for its app on /api/v2/tasks releases when the workspace has not said yet', async () => {
    const task = recordedTasks('v2.30.0').find((candidate) => candidate.name === 'fix-login');
    const fake = recordedCoder('v2.30.0', { getTask: async () => present(task) });
    const record = await recordOf(fake, 'fix-login');
    const withoutStatus = { ...record, app: undefined, workspace: { ...record.workspace, latest_app_status: null } };
    const app = await new CoderTaskRepository(fake.client).locateAgentApi(withoutStatus);
    expect(app).toMatchObject({ workspace: 'fix-login', agent: 'main', slug: 'ccw', appId: task?.workspace_app_id });
    expect(fake.count('getTask')).toBe(1);
  });

  it('finds none on releases without the Tasks API when the workspace has not said', async () => {
    const fake = recordedCoder('v2.37.0');
    const record = await recordOf(fake, 'review-webhooks');
    await expect(new CoderTaskRepository(fake.client).locateAgentApi(record)).resolves.toBeUndefined();
  });
});

describe('CoderTaskRepository prompts', () => {
  it('sends a prompt as a user message and an interrupt as Ctrl+C, each to the located app', async () => {
    const fake = recordedCoder('v2.27.1', {
      sendAgentApiMessage: async () => ({ ok: true }),
      interruptAgentApi: async () => ({ ok: true }),
    });
    const record = await recordOf(fake, 'fix-login');
    const tasks = new CoderTaskRepository(fake.client);
    await expect(tasks.sendPrompt(present(record.app), 'Fix the login')).resolves.toBe(true);
    await expect(tasks.interrupt(present(record.app))).resolves.toBe(true);
    expect(fake.calls.get('sendAgentApiMessage')?.[0]?.slice(0, 2)).toEqual([record.app, { content: 'Fix the login', type: 'user' }]);
    expect(fake.calls.get('interruptAgentApi')?.[0]?.[0]).toBe(record.app);
  });
});
