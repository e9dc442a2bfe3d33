// The traps where a real Coder differs from a naive reading of it (shared/coder-api/README.md §0.1), each through the built server.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { useStdioFleet } from './support/stdio-fleet-fixture.js';
import { errorOf, structuredOf, textOf } from './support/tool-result.js';
import type { AgentDetailsResult, AgentResult, ListAgentsOutput } from './support/tool-outputs.js';

const SEED = 11;

/** The running agents as list_agents shows them, each with what show_agent (which asks AgentAPI) says. */
type Call = (name: string, args?: Record<string, unknown>) => Promise<CallToolResult>;

async function listedAndShown(call: Call) {
  const { agents } = structuredOf<ListAgentsOutput>(await call('list_agents'));
  return Promise.all(
    agents
      .filter((agent) => agent.status === 'busy' || agent.status === 'idle')
      .map(async (agent) => ({
        listed: agent,
        shown: structuredOf<AgentDetailsResult>(await call('show_agent', { agent_name: agent.name })).agent,
      })),
  );
}

describe('app statuses are hints, AgentAPI is the truth (Coder v2.34.3)', () => {
  const fleet = useStdioFleet({ coderVersion: 'v2.34.3', speed: 0.25, seed: SEED, world: { agents: 8, longHistoryAgents: 0 } });
  const call = (name: string, args: Record<string, unknown> = {}) => fleet().session.call(name, args);

  test('a stale `working` status does not block a task: show_agent says idle and the agent takes one', async () => {
    const stale = (await listedAndShown(call)).find(({ listed, shown }) => listed.last_task?.state === 'working' && shown.status === 'idle');
    expect(stale).toBeDefined();

    const started = await call('start_agent_task', { agent_name: stale?.shown.name, task: 'Check the stale status trap' });

    expect(structuredOf<AgentResult>(started).agent.status).toBe('busy');
  });

  test('three parallel cancels of one busy agent send exactly one Esc, and no Ctrl+C', async () => {
    const idle = (await listedAndShown(call)).find(({ shown }) => shown.status === 'idle');
    const name = idle?.shown.name ?? '';
    structuredOf<AgentResult>(await call('start_agent_task', { agent_name: name, task: 'Refactor the parser slowly' }));
    const before = fleet().simulator.control.agentApi(name);

    const results = await Promise.all([1, 2, 3].map(() => call('cancel_agent_task', { agent_name: name })));

    const after = fleet().simulator.control.agentApi(name);
    expect(results.every((result) => result.isError !== true)).toBe(true);
    expect((after?.escapes ?? 0) - (before?.escapes ?? 0)).toBe(1);
    expect(after?.ctrlCs).toBe(before?.ctrlCs);
  });

  test('cancel of an agent AgentAPI reports stable sends nothing and says INVALID_STATE', async () => {
    const idle = (await listedAndShown(call)).find(({ shown }) => shown.status === 'idle');
    const name = idle?.shown.name ?? '';
    const before = fleet().simulator.control.agentApi(name);

    const result = await call('cancel_agent_task', { agent_name: name });

    expect(errorOf(result).code).toBe('INVALID_STATE');
    expect(fleet().simulator.control.agentApi(name)?.rawMessages).toBe(before?.rawMessages);
  });

  test("two prompts racing to one idle agent: AgentAPI's huma 500 refusal is AGENT_BUSY, not CODER_UNAVAILABLE", async () => {
    const idle = (await listedAndShown(call)).find(({ shown }) => shown.status === 'idle');
    const name = idle?.shown.name ?? '';
    fleet().simulator.control.resetStats();

    const results = await Promise.all([call('start_agent_task', { agent_name: name, task: 'First' }), call('start_agent_task', { agent_name: name, task: 'Second' })]);

    const refused = results.filter((result) => result.isError === true).map(errorOf);
    expect(results.filter((result) => result.isError !== true)).toHaveLength(1);
    expect(refused.map((error) => error.code)).toEqual(['AGENT_BUSY']);
    // Both prompts reached AgentAPI: the refusal came from its 500, not from Fleet's own status check.
    const posts = fleet().simulator.control.requests().filter((request) => request.method === 'POST' && request.path.endsWith('/message'));
    expect(posts).toHaveLength(2);
  });

  test('a second Ctrl+C at an idle prompt kills Claude Code and AgentAPI: the agent reads AGENT_OFFLINE, not a broken Coder', async () => {
    const idle = (await listedAndShown(call)).find(({ shown }) => shown.status === 'idle');
    const name = idle?.shown.name ?? '';
    const { url, token } = fleet().simulator;
    const ctrlC = () =>
      fetch(`${url}/@fleet-dev/${name}.main/apps/ccw/message`, {
        method: 'POST',
        headers: { 'Coder-Session-Token': token, 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'raw', content: '\u0003' }),
      });
    await ctrlC();
    await ctrlC();
    expect(fleet().simulator.control.agentApi(name)?.exited).toBe(true);

    const result = await call('start_agent_task', { agent_name: name, task: 'Anyone there?' });

    expect(errorOf(result).code).toBe('AGENT_OFFLINE');
    expect(textOf(result)).toMatch(/restart_agent/);
  });
});

describe("Coder's app proxy answers with redirects and HTML (Coder v2.30.0)", () => {
  const fleet = useStdioFleet({ coderVersion: 'v2.30.0', speed: 0.25, seed: SEED, world: { agents: 6, longHistoryAgents: 0 } });
  const call = (name: string, args: Record<string, unknown> = {}) => fleet().session.call(name, args);
  let target: Server;
  const received: { method: string; url: string; headers: IncomingHttpHeaders; body: string }[] = [];

  beforeAll(async () => {
    target = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        received.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers, body });
        response.end('{}');
      });
    });
    await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    fleet().simulator.control.clearFaults();
    await new Promise((resolve) => target.close(resolve));
  });
  afterEach(() => fleet().simulator.control.clearFaults());

  async function idleAgent(): Promise<string> {
    const found = (await listedAndShown(call)).find(({ shown }) => shown.status === 'idle');
    return found?.shown.name ?? '';
  }

  test('no redirect is followed: neither the token nor a prompt reaches the place a 307/308/302 points to', async () => {
    const name = await idleAgent();
    const elsewhere = `http://127.0.0.1:${(target.address() as AddressInfo).port}/collect`;
    for (const status of [302, 307, 308]) {
      fleet().simulator.control.setFaults([
        { path: '^/api/v2/(workspaces|tasks)$', status, location: elsewhere },
        { path: '/apps/[^/]+/message$', status, location: elsewhere },
        { path: '/apps/[^/]+/status$', status, location: elsewhere },
      ]);

      const results = [
        await call('list_agents'),
        await call('start_agent_task', { agent_name: name, task: 'A secret plan' }),
        await call('cancel_agent_task', { agent_name: name }),
      ];

      expect(results.map((result) => result.isError)).toEqual([true, true, true]);
    }
    expect(received).toEqual([]);
  });

  test("a 303 to /login from the app proxy is UNAUTHORIZED, naming the app proxy", async () => {
    const name = await idleAgent();
    fleet().simulator.control.setFaults([{ path: '/apps/[^/]+/status$', status: 303, location: '/login?redirect=%2F' }]);

    const result = await call('start_agent_task', { agent_name: name, task: 'Hello' });

    expect(errorOf(result).code).toBe('UNAUTHORIZED');
    expect(textOf(result)).toMatch(/app proxy/);
  });
});

describe('a prompt POST takes as long as AgentAPI takes (Coder v2.30.0, 20 s per prompt, 5 s per other request)', () => {
  const fleet = useStdioFleet(
    { coderVersion: 'v2.30.0', speed: 1, seed: SEED, promptPostMs: 20_000, world: { agents: 6, longHistoryAgents: 0 } },
    { FLEET_CODER_TIMEOUT_MS: '5000' },
  );
  const call = (name: string, args: Record<string, unknown> = {}) => fleet().session.call(name, args);

  test('a 20 s prompt POST succeeds', async () => {
    const idle = (await listedAndShown(call)).find(({ shown }) => shown.status === 'idle');

    const result = await call('start_agent_task', { agent_name: idle?.shown.name, task: 'Take your time' });

    expect(structuredOf<AgentResult>(result).agent.status).toBe('busy');
  }, 60_000);
});

describe('Coder 2.37+: no Tasks API, no has_ai_task, no has-ai-task filter', () => {
  const fleet = useStdioFleet({ coderVersion: 'v2.37.0', speed: 0.25, seed: SEED, world: { agents: 120, longHistoryAgents: 0 } });

  test('lists a page from Coder\'s own paging and counts, never with has-ai-task, and leaves plain workspaces out', async () => {
    fleet().simulator.control.resetStats();

    const { agents, total, counts } = structuredOf<ListAgentsOutput>(await fleet().session.call('list_agents', { page_size: 50 }));

    const requests = fleet().simulator.control.requests();
    expect(total).toBe(120);
    expect(counts.total).toBe(120);
    expect(agents).toHaveLength(50);
    expect(agents.map((agent) => agent.name)).not.toContain('dev-box');
    expect(requests.some((request) => decodeURIComponent(request.path).includes('has-ai-task'))).toBe(false);
    const lists = requests.filter((request) => request.path.startsWith('/api/v2/workspaces?'));
    // Every request bounded: counts are limit=1 queries, the page at most its own size.
    expect(lists.every((list) => Number(/[?&]limit=(\d+)/.exec(list.path)?.[1] ?? 'Infinity') <= 50)).toBe(true);
    expect(lists.filter((list) => /[?&]limit=1(&|$)/.test(list.path)).length).toBeGreaterThan(1);
  });
});

describe('path-based apps disabled (coder server --disable-path-apps): AgentAPI on the wildcard host (Coder v2.34.3)', () => {
  const fleet = useStdioFleet({ coderVersion: 'v2.34.3', speed: 0.25, seed: SEED, disablePathApps: true, world: { agents: 6, longHistoryAgents: 0 } });
  const call = (name: string, args: Record<string, unknown> = {}) => fleet().session.call(name, args);

  test('show_agent, start_agent_task and show_agent_log reach a path app on its subdomain once the proxy refused the path form', async () => {
    const idle = (await listedAndShown(call)).find(({ shown }) => shown.status === 'idle' && shown.health.healthy);
    const name = idle?.shown.name ?? '';
    fleet().simulator.control.resetStats();

    const started = await call('start_agent_task', { agent_name: name, task: 'Work through the subdomain' });
    const log = await call('show_agent_log', { agent_name: name });

    expect(structuredOf<AgentResult>(started).agent.status).toBe('busy');
    expect(log.isError).not.toBe(true);
    const proxied = fleet().simulator.control.requests().filter((request) => /^\/(@|status|message)/.test(request.path));
    // Once the proxy refused the path form (401 HTML, during show_agent above), every AgentAPI call goes to the subdomain.
    expect(proxied.filter((request) => request.path.startsWith('/@'))).toEqual([]);
    expect(proxied.some((request) => request.method === 'POST' && request.path === '/message')).toBe(true);
  });
});
