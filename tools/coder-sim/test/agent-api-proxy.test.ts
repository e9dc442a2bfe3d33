// AgentAPI through the app proxy: status, conversation, running/stable, interrupts, events, proxy errors.
import { agentApiAppOf, type Workspace, type WorkspacesResponse } from './support/coder-shapes.js';
import { openSession, waitFor, type SimulatorSession } from './support/simulator-session.js';
import { seededAgentName } from '../src/world/agent-name-generator.js';

interface AgentApiStatus {
  status: string;
  agent_type: string;
  transport: string;
}

interface AgentApiMessages {
  messages: { id: number; role: string; content: string; time: string }[];
}

interface Problem {
  title: string;
  status: number;
  detail: string;
}

describe('AgentAPI behind the path-based app proxy', () => {
  let session: SimulatorSession;
  let idle: Workspace;
  let busy: Workspace;
  let stopped: Workspace;

  beforeAll(async () => {
    // An agent answers in 200-500 ms at this speed: long enough to observe it working, short enough for a test.
    session = await openSession({ speed: 0.1 });
    const agents = await session.getJson<WorkspacesResponse>('/api/v2/workspaces?q=owner:me%20has-ai-task:true');
    // App statuses are not the truth about busy/idle (agent 4 ends on a stale `working`): pick the seeded agents by name.
    const named = (position: number): Workspace =>
      agents.workspaces.find((workspace) => workspace.name === seededAgentName(position)) as Workspace;
    idle = named(0);
    busy = named(1);
    stopped = named(2);
  });

  afterAll(() => session.close());

  const app = (workspace: Workspace, endpoint: string): string => `/@fleet-dev/${workspace.name}.main/apps/ccw/${endpoint}`;
  const status = async (workspace: Workspace): Promise<string> => (await session.getJson<AgentApiStatus>(app(workspace, 'status'))).status;

  it('reports stable for an idle agent and running for the busy one, with AgentAPI shape', async () => {
    const idleStatus = await session.getJson<AgentApiStatus>(app(idle, 'status'));

    expect(idleStatus).toMatchObject({ status: 'stable', agent_type: 'claude', transport: 'pty' });
    expect(await status(busy)).toBe('running');
  });

  it('answers the same without the agent name when the workspace has one agent', async () => {
    const result = await session.getJson<AgentApiStatus>(`/@fleet-dev/${idle.name}/apps/ccw/status`);

    expect(result.status).toBe('stable');
  });

  it('serves the conversation: the welcome screen, then user prompts and agent answers', async () => {
    const { messages } = await session.getJson<AgentApiMessages>(app(idle, 'messages'));

    expect(messages[0]?.role).toBe('agent');
    expect(messages[0]?.content).toContain('Welcome to Claude Code');
    expect(messages.slice(1, 5).map((message) => message.role)).toEqual(['user', 'agent', 'user', 'agent']);
    expect(messages.map((message) => message.id)).toEqual(messages.map((_, position) => position));
  });

  it('a user message makes the agent run, refuses another meanwhile, then answers and reports app statuses', async () => {
    const before = await session.getJson<AgentApiMessages>(app(idle, 'messages'));

    const accepted = await session.call('POST', app(idle, 'message'), { content: 'Please add a changelog entry', type: 'user' });
    const runningStatus = await status(idle);
    const refused = await session.call('POST', app(idle, 'message'), { content: 'And another thing', type: 'user' });
    const working = await session.getJson<Workspace>(`/api/v2/workspaces/${idle.id}`);
    await waitFor('the agent to finish', async () => ((await status(idle)) === 'stable' ? true : undefined));
    const after = await session.getJson<AgentApiMessages>(app(idle, 'messages'));
    const finished = await session.getJson<Workspace>(`/api/v2/workspaces/${idle.id}`);

    expect(accepted.status).toBe(200);
    expect(accepted.json).toMatchObject({ ok: true });
    expect(runningStatus).toBe('running');
    expect(refused.status).toBe(500);
    expect(refused.headers.get('content-type')).toBe('application/problem+json');
    expect(refused.json).toEqual({
      $schema: 'http://localhost:3284/schemas/ErrorModel.json',
      title: 'Internal Server Error',
      status: 500,
      detail: 'unexpected error occurred',
      errors: [{ message: 'failed to send message: message can only be sent when the agent is waiting for user input' }],
    });
    expect(working.latest_app_status?.state).toBe('working');
    expect(after.messages.length).toBe(before.messages.length + 2);
    expect(after.messages.slice(-2).map((message) => message.role)).toEqual(['user', 'agent']);
    // exp mcp forces Claude Code's own "complete" to `working`; only the watcher says `idle`; never `complete`.
    const statuses = agentApiAppOf(finished)?.statuses ?? [];
    expect(statuses[0]?.id).toBe(finished.latest_app_status?.id);
    expect(statuses.slice(0, 2).map((entry) => entry.state).sort()).toEqual(['idle', 'working']);
    expect(statuses.some((entry) => entry.state === 'complete')).toBe(false);
  });

  it('a raw Ctrl+C interrupts a running agent: stable soon after, with an idle status saying so', async () => {
    const interrupted = await session.call('POST', app(busy, 'message'), { content: '\u0003', type: 'raw' });

    await waitFor('the interrupt', async () => ((await status(busy)) === 'stable' ? true : undefined));
    const after = await session.getJson<Workspace>(`/api/v2/workspaces/${busy.id}`);

    expect(interrupted.status).toBe(200);
    expect(after.latest_app_status?.state).toBe('idle');
    expect(after.latest_app_status?.message).toContain('Interrupted');
  });

  it('validates the message body as AgentAPI does (422 problem)', async () => {
    const result = await session.call('POST', app(idle, 'message'), { content: 'hello', type: 'shout' });

    expect(result.status).toBe(422);
    expect((result.json as Problem).title).toBe('Unprocessable Entity');
  });

  it('streams events: the current state first, then status changes as they happen', async () => {
    const controller = new AbortController();
    const response = await fetch(`${session.simulator.url}${app(idle, 'events')}`, {
      headers: { 'Coder-Session-Token': session.simulator.token },
      signal: controller.signal,
    });
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let received = '';
    const readUntil = async (needle: string): Promise<void> => {
      await waitFor(`event text ${needle}`, async () => {
        const chunk = await reader.read();
        received += decoder.decode(chunk.value ?? new Uint8Array());
        return received.includes(needle) ? true : undefined;
      });
    };

    await readUntil('"status":"stable"');
    await session.call('POST', app(idle, 'message'), { content: 'Stream this', type: 'user' });
    await readUntil('"status":"running"');
    controller.abort();

    expect(response.headers.get('content-type')).toBe('text/event-stream');
    expect(received).toContain('event: message_update');
    expect(received).toContain('event: status_change');
    expect(received).toContain('Stream this');
  });

  it('answers 400 "Workspace Offline" when the workspace is stopped and 404 for an unknown app, workspace or agent', async () => {
    const stoppedResult = await session.call('GET', app(stopped, 'status'));
    const unknownApp = await session.call('GET', `/@fleet-dev/${idle.name}.main/apps/nope/status`);
    const unknownWorkspace = await session.call('GET', '/@fleet-dev/ghost.main/apps/ccw/status');
    const unknownAgent = await session.call('GET', `/@fleet-dev/${idle.name}.other/apps/ccw/status`);
    const plainWorkspace = await session.call('GET', '/@fleet-dev/dev-box.main/apps/ccw/status');

    expect(stoppedResult.status).toBe(400);
    expect(stoppedResult.headers.get('content-type')).toContain('text/html');
    expect(stoppedResult.text).toContain('Workspace Offline');
    expect(unknownApp.status).toBe(404);
    expect(unknownWorkspace.status).toBe(404);
    expect(unknownAgent.status).toBe(404);
    expect(plainWorkspace.status).toBe(404);
  });

  it('without an accepted token redirects 303 to the login page (path apps), as RedirectToLogin does', async () => {
    const target = `${app(idle, 'status')}?x=1`;
    const response = await fetch(`${session.simulator.url}${target}`, { redirect: 'manual' });
    const wrongToken = await fetch(`${session.simulator.url}${target}`, {
      redirect: 'manual',
      headers: { 'Coder-Session-Token': 'abcdefghij-abcdefghijklmnopqrstuv' },
    });

    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(
      `${session.simulator.url}/login?message=You+are+signed+out+or+your+session+has+expired.+Please+sign+in+again+to+continue.&redirect=${encodeURIComponent(target)}`,
    );
    expect(wrongToken.status).toBe(303);
  });

  it('counts both path styles under one route key', async () => {
    session.simulator.control.resetStats();

    await session.call('GET', app(idle, 'status'));
    await session.call('GET', `/@fleet-dev/${idle.name}/apps/ccw/status`);

    expect(session.simulator.control.stats().byRoute).toEqual({
      'GET /@{user}/{workspace}.{agent}/apps/{app}/status': 2,
    });
  });
});
