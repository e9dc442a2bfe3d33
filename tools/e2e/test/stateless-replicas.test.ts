// Two --stateless server processes behind a round-robin proxy serve one user's whole story, its calls alternating between them.
import { startSimulator, type RunningSimulator } from '@fleet/coder-sim';
import { waitForAgentGone, waitForAgentStatus } from './support/agent-polling.js';
import type { FleetSession } from './support/fleet-session.js';
import { connectWithToken, logRecords, startHttpFleetServer, type HttpFleetServer } from './support/http-fleet-server.js';
import { expectProgressEndingReady } from './support/progress-expectations.js';
import { startRoundRobinProxy, type RoundRobinProxy } from './support/round-robin-proxy.js';
import { errorOf, structuredOf } from './support/tool-result.js';
import type { AgentLogOutput, AgentResult, ListAgentsOutput, OnlineAgentResult, TaskHistoryOutput } from './support/tool-outputs.js';

const AGENT = 'replica-agent';
const USER = 'alice';

describe('two stateless replicas behind a round-robin proxy', () => {
  let simulator: RunningSimulator;
  const replicas: HttpFleetServer[] = [];
  let proxy: RoundRobinProxy;
  let session: FleetSession;

  beforeAll(async () => {
    simulator = await startSimulator({ coderVersion: 'v2.34.3', speed: 0.1, seed: 5, world: { members: [USER], agentsPerMember: 1 } });
    for (let replica = 0; replica < 2; replica += 1) {
      replicas.push(await startHttpFleetServer(['--auth', 'coder', '--stateless'], { CODER_URL: simulator.url }));
    }
    proxy = await startRoundRobinProxy(replicas.map((replica) => replica.endpoint));
    session = await connectWithToken(proxy.endpoint, simulator.tokens[USER] ?? '');
  });

  afterAll(async () => {
    await session?.close();
    await proxy?.close();
    await Promise.all(replicas.map((replica) => replica.process.stop()));
    await simulator?.close();
  });

  test('creates an agent, its progress arriving on the request that asked for it', async () => {
    const waited = await session.callWithProgress('create_agent', { name: AGENT, project: 'Claude Code', task: 'Summarise the open issues', wait: true });

    expect(structuredOf<OnlineAgentResult>(waited.result).online).toBe(true);
    expectProgressEndingReady(waited);
  });

  test('gives it a task, reads its history and log, cancels, restarts and deletes it', async () => {
    await waitForAgentStatus(session, AGENT, ['idle']);
    // The task ends on a permission question: busy or already waiting, the agent has something to cancel, however loaded the machine.
    const task = 'Write the migration guide [needs-permission]';
    expect(structuredOf<AgentResult>(await session.call('start_agent_task', { agent_name: AGENT, task })).agent.status).toBe('busy');
    expect(structuredOf<TaskHistoryOutput>(await session.call('show_agent_task_history', { agent_name: AGENT })).tasks[0]?.message).toBeTruthy();
    expect(structuredOf<AgentLogOutput>(await session.call('show_agent_log', { agent_name: AGENT, page_size: 2 })).entries.length).toBeGreaterThan(0);
    structuredOf<AgentResult>(await session.call('cancel_agent_task', { agent_name: AGENT }));
    await waitForAgentStatus(session, AGENT, ['idle']);
    const restarted = await session.callWithProgress('restart_agent', { agent_name: AGENT, wait: true });
    expect(structuredOf<OnlineAgentResult>(restarted.result).online).toBe(true);
    expect(structuredOf<AgentResult>(await session.call('delete_agent', { agent_name: AGENT })).agent.status).toBe('deleting');
    await waitForAgentGone(session, AGENT);
    expect(errorOf(await session.call('show_agent', { agent_name: AGENT })).code).toBe('NOT_FOUND');
    expect(structuredOf<ListAgentsOutput>(await session.call('list_agents')).agents.map((agent) => agent.name)).not.toContain(AGENT);
  });

  test('the calls alternated: both replicas answered requests, and both carried out changes', () => {
    const posts = proxy.routed.filter((entry) => entry.method === 'POST');
    const audited = replicas.map((replica) => logRecords(replica).filter((record) => record['audit'] === true && record['outcome'] === 'ok').length);

    expect(posts.filter((entry) => entry.backend === 0).length).toBeGreaterThan(5);
    expect(posts.filter((entry) => entry.backend === 1).length).toBeGreaterThan(5);
    expect(audited.every((count) => count > 0)).toBe(true);
    expect(audited.reduce((sum, count) => sum + count, 0)).toBe(5);
  });
});
