// A task marked [needs-permission] stops on Claude Code's permission dialog until the user answers it.
import type { Workspace, WorkspacesResponse } from './support/coder-shapes.js';
import { openSession, waitFor, type SimulatorSession } from './support/simulator-session.js';
import { seededAgentName } from '../src/world/agent-name-generator.js';

interface AgentApiMessages {
  messages: { id: number; role: string; content: string }[];
}

const TASK = 'Run the migration on staging [needs-permission]';

describe('a task that needs permission', () => {
  let session: SimulatorSession;
  let agent: Workspace;

  beforeEach(async () => {
    session = await openSession({ speed: 0.05 });
    const agents = await session.getJson<WorkspacesResponse>('/api/v2/workspaces?q=owner:me');
    agent = agents.workspaces.find((workspace) => workspace.name === seededAgentName(0)) as Workspace;
  });

  afterEach(() => session.close());

  const app = (endpoint: string): string => `/@fleet-dev/${agent.name}.main/apps/ccw/${endpoint}`;
  const send = (content: string, type = 'user') => session.call('POST', app('message'), { content, type });
  const status = async (): Promise<string> => (await session.getJson<{ status: string }>(app('status'))).status;
  const lastAgentMessage = async (): Promise<string> => {
    const { messages } = await session.getJson<AgentApiMessages>(app('messages'));
    return messages.filter((message) => message.role === 'agent').at(-1)?.content ?? '';
  };
  const latestAppStatus = async () => (await session.getJson<Workspace>(`/api/v2/workspaces/${agent.id}`)).latest_app_status;
  const untilStable = () => waitFor('the agent to be stable', async () => ((await status()) === 'stable' ? true : undefined));

  async function stopOnDialog(): Promise<void> {
    await send(TASK);
    await waitFor('the dialog', async () => ((await lastAgentMessage()).includes('Do you want to proceed?') ? true : undefined));
  }

  it('ends its work turn on the dialog: AgentAPI stable, the watcher reporting idle', async () => {
    await stopOnDialog();

    expect(await status()).toBe('stable');
    expect(await lastAgentMessage()).toMatch(/Do you want to proceed\?\n ❯ 1\. Yes\n {3}2\. Yes, and don't ask again .*\n {3}3\. No, and tell Claude/);
    expect(await latestAppStatus()).toMatchObject({ state: 'idle', needs_user_attention: false });
  });

  it.each(['1', 'yes'])('goes on and finishes normally when the user answers %s', async (answer) => {
    await stopOnDialog();

    const answered = await send(answer);
    const afterAnswer = await status();
    const working = await latestAppStatus();
    await untilStable();

    expect(answered.status).toBe(200);
    expect(afterAnswer).toBe('running');
    expect(working?.state).toBe('working');
    expect(await lastAgentMessage()).toContain(`I looked into: ${TASK}`);
    expect(await latestAppStatus()).toMatchObject({ state: 'idle' });
  });

  it('stops the work when the user answers no', async () => {
    await stopOnDialog();

    await send('no');
    await untilStable();

    expect(await lastAgentMessage()).toContain('Interrupted by user');
    expect(await latestAppStatus()).toMatchObject({ state: 'idle', message: expect.stringContaining('Interrupted') });
  });

  it('is dismissed by Esc without a new app status, and asks no more', async () => {
    await stopOnDialog();
    const before = await latestAppStatus();

    const escaped = await send('\u001b', 'raw');

    expect(escaped.status).toBe(200);
    expect(await status()).toBe('stable');
    expect(await lastAgentMessage()).toContain('Interrupted by user');
    expect((await latestAppStatus())?.id).toBe(before?.id);
    await send('Carry on with something else');
    await untilStable();
    expect(await lastAgentMessage()).toContain('I looked into: Carry on with something else');
  });
});
