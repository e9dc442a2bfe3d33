// Replays AgentAPI through Coder's app proxy: locating the app, status, messages, a prompt, a refusal, an interrupt.
import { CoderApiError, CoderClient, findAgentApiApp, type Workspace } from '../../src/index.js';
import { everyRecordingSet, recordedPath } from '../support/recordings.js';
import { replay, replayToken, replayUrl, type Replay } from '../support/replay.js';
import { replayUntil } from '../support/replay-until.js';

function agentsReady(workspace: Workspace): boolean {
  const agents = workspace.latest_build.resources.flatMap((resource) => resource.agents);
  return agents.length > 0 && agents.every((agent) => agent.lifecycle_state === 'ready');
}

describe.each(everyRecordingSet())('AgentAPI through the app proxy on %s', (_name, set) => {
  let session: Replay;
  const client = new CoderClient({ url: replayUrl, token: replayToken, retry: { maxRetryDelayMs: 5 } });

  beforeEach(() => {
    session = replay(set, 'agent-api');
  });
  afterEach(async () => {
    await session.stop();
  });

  it('talks to the agent: status, messages, a prompt, a refused second prompt, an interrupt', async () => {
    const workspacePath = recordedPath(set, 'agent-api', 'GET', /^\/api\/v2\/workspaces\/[^/]+$/);
    const workspaceId = workspacePath.split('/').at(-1) ?? '';

    const workspace = await replayUntil(
      () => client.getWorkspace(workspaceId),
      (current) => agentsReady(current) && findAgentApiApp(current) !== undefined,
    );
    const app = findAgentApiApp(workspace);
    if (!app) {
      throw new Error('no AgentAPI app found');
    }
    const settled = await replayUntil(() => client.getAgentApiStatus(app), (status) => status.status === 'stable');
    const before = await client.getAgentApiMessages(app);
    const accepted = await client.sendAgentApiMessage(app, { content: 'List the files in this folder.', type: 'user' });
    const refusal: unknown = await client
      .sendAgentApiMessage(app, { content: 'And now something else.', type: 'user' })
      .catch((caught: unknown) => caught);
    const interrupted = await client.interruptAgentApi(app);
    await replayUntil(() => client.getAgentApiStatus(app), (status) => status.status === 'stable');
    const after = await client.getAgentApiMessages(app);

    expect(app).toMatchObject({ owner: workspace.owner_name, workspace: workspace.name });
    expect(settled.status).toBe('stable');
    expect(accepted.ok).toBe(true);
    expect(refusal).toBeInstanceOf(CoderApiError);
    expect(refusal).toMatchObject({ method: 'POST', path: expect.stringMatching(/\/apps\/[^/]+\/message$/) });
    expect(interrupted.ok).toBe(true);
    // Esc, never Ctrl+C: a second Ctrl+C at an idle prompt ends Claude Code and AgentAPI with it.
    expect(session.bodies).toContain(JSON.stringify({ content: '\u001b', type: 'raw' }));
    expect(session.bodies).not.toContain(JSON.stringify({ content: '\u0003', type: 'raw' }));
    expect(after.length).toBeGreaterThan(before.length);
    expect(after.some((message) => message.role === 'user' && message.content.includes('List the files'))).toBe(true);
  });

  it('never sends a refused prompt twice', async () => {
    const workspacePath = recordedPath(set, 'agent-api', 'GET', /^\/api\/v2\/workspaces\/[^/]+$/);
    const workspace = await replayUntil(
      () => client.getWorkspace(workspacePath.split('/').at(-1) ?? ''),
      (current) => agentsReady(current) && findAgentApiApp(current) !== undefined,
    );
    const app = findAgentApiApp(workspace);
    if (!app) {
      throw new Error('no AgentAPI app found');
    }
    await client.sendAgentApiMessage(app, { content: 'List the files in this folder.', type: 'user' });

    await client.sendAgentApiMessage(app, { content: 'And now something else.', type: 'user' }).catch(() => undefined);

    expect(session.requests.filter((request) => request.startsWith('POST'))).toHaveLength(2);
  });
});
