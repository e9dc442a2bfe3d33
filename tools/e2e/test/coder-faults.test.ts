// Coder failing under every tool: the right error code and a clear message, the server serving on, nothing sent twice, no token out.
import type { FaultRule } from '@fleet/coder-sim';
import { findLeaks } from './support/secret-leaks.js';
import { useStdioFleet } from './support/stdio-fleet-fixture.js';
import { errorOf, structuredOf } from './support/tool-result.js';
import type { AgentDetailsResult, ListAgentsOutput } from './support/tool-outputs.js';

/** Short, so that a Coder that does not answer becomes a timeout within the test's bounds. */
const CODER_TIMEOUT_MS = 1_000;
const EVERY_REST_PATH = '^/api/';

interface Fault {
  name: string;
  rule: Omit<FaultRule, 'path'>;
  code: 'CODER_UNAVAILABLE' | 'UNAUTHORIZED';
  /** What the message must say for a person to know what happened. */
  says: RegExp;
}

const FAULTS: Fault[] = [
  { name: '500', rule: { status: 500 }, code: 'CODER_UNAVAILABLE', says: /500/ },
  { name: '502', rule: { status: 502 }, code: 'CODER_UNAVAILABLE', says: /502/ },
  { name: '503 without Retry-After', rule: { status: 503 }, code: 'CODER_UNAVAILABLE', says: /503/ },
  { name: '503 with Retry-After', rule: { status: 503, retryAfterSeconds: 1 }, code: 'CODER_UNAVAILABLE', says: /503/ },
  { name: '429 with Retry-After', rule: { status: 429, retryAfterSeconds: 1 }, code: 'CODER_UNAVAILABLE', says: /429/ },
  { name: 'a dropped connection', rule: { drop: true }, code: 'CODER_UNAVAILABLE', says: /Coder/ },
  { name: 'a timeout', rule: { delayMs: CODER_TIMEOUT_MS * 3 }, code: 'CODER_UNAVAILABLE', says: /time|answer/i },
  { name: 'a malformed body', rule: { malformedBody: true }, code: 'CODER_UNAVAILABLE', says: /Coder/ },
  { name: 'a 401 mid-session', rule: { status: 401 }, code: 'UNAUTHORIZED', says: /CODER_SESSION_TOKEN/ },
];

describe('Coder faults under every tool (Coder v2.30.0)', () => {
  const fleet = useStdioFleet({ coderVersion: 'v2.30.0', speed: 0.05, seed: 3 }, { FLEET_CODER_TIMEOUT_MS: String(CODER_TIMEOUT_MS) });
  const call = (name: string, args: Record<string, unknown> = {}) => fleet().session.call(name, args);
  let idle = '';
  let created = 0;

  /** One call of each tool, with arguments that would succeed, so that only Coder's fault can fail it. */
  const toolCalls = (): [string, Record<string, unknown>][] => [
    ['list_agents', {}],
    ['show_agent', { agent_name: idle }],
    ['create_agent', { name: `fault-agent-${(created += 1)}`, project: 'Claude Code', task: 'Anything' }],
    ['delete_agent', { agent_name: idle }],
    ['restart_agent', { agent_name: idle }],
    ['start_agent_task', { agent_name: idle, task: 'Anything' }],
    ['cancel_agent_task', { agent_name: idle }],
    ['show_agent_task_history', { agent_name: idle }],
    ['show_agent_log', { agent_name: idle }],
    ['list_agent_projects', {}],
    ['list_agent_roles', { project: 'Claude Code' }],
  ];

  beforeAll(async () => {
    // Idle as show_agent says (AgentAPI's word): list_agents' idle/busy is Coder's hint and can be stale.
    const { agents } = structuredOf<ListAgentsOutput>(await call('list_agents'));
    for (const candidate of agents.filter((agent) => agent.status === 'idle' || agent.status === 'busy')) {
      const { agent } = structuredOf<AgentDetailsResult>(await call('show_agent', { agent_name: candidate.name }));
      if (agent.status === 'idle') {
        idle = agent.name;
        break;
      }
    }
  });

  afterEach(() => fleet().simulator.control.clearFaults());

  describe.each(FAULTS)('Coder answering with $name', ({ rule, code, says }) => {
    test('every tool returns its error code with a clear message, and the server serves the next call', async () => {
      const { simulator } = fleet();
      simulator.control.setFaults([{ path: EVERY_REST_PATH, ...rule }]);

      // All at once: each call waits out its own retries, so in sequence the suite would take minutes.
      const outcomes = await Promise.all(
        toolCalls().map(async ([tool, args]) => {
          const error = errorOf(await call(tool, args));
          return { tool, code: error.code, clear: says.test(error.message) && !/\n\s+at /.test(error.message) };
        }),
      );
      simulator.control.clearFaults();
      const next = await call('list_agents');

      expect(outcomes).toEqual(toolCalls().map(([tool]) => ({ tool, code, clear: true })));
      expect(next.isError).not.toBe(true);
    }, 30_000);
  });

  test('a create that Coder failed with 503 is not sent again, and no agent appears', async () => {
    const { simulator } = fleet();
    simulator.control.setFaults([{ method: 'POST', path: '^/api/v2/tasks/', status: 503, retryAfterSeconds: 1 }]);
    simulator.control.resetStats();

    const error = errorOf(await call('create_agent', { name: 'created-once', project: 'Claude Code', task: 'Anything' }));
    const creates = simulator.control.stats().byRoute['POST /api/v2/tasks/{user}'];
    simulator.control.clearFaults();
    const { agents } = structuredOf<ListAgentsOutput>(await call('list_agents'));

    expect(error.code).toBe('CODER_UNAVAILABLE');
    expect(creates).toBe(1);
    expect(agents.map((agent) => agent.name)).not.toContain('created-once');
  });

  test('a task that the app proxy failed with 503 is not sent again', async () => {
    const { simulator } = fleet();
    // Only the prompt's POST fails: the server first asks AgentAPI's GET /status (it must find the agent stable), which answers.
    simulator.control.setFaults([{ method: 'POST', path: '(^|/)message$', status: 503 }]);
    simulator.control.resetStats();
    const before = simulator.control.agentApi(idle);

    const error = errorOf(await call('start_agent_task', { agent_name: idle, task: 'Only once' }));
    const requests = simulator.control.requests();
    const sends = requests.filter((request) => request.method === 'POST' && /(^|\/)message(\?|$)/.test(request.path));

    // Coder's own 503 (JSON, not the proxy's HTML page for an unreachable app) says Coder failed, not the agent.
    expect(error.code).toBe('CODER_UNAVAILABLE');
    expect(error.message).toMatch(/503|unavailable/i);
    expect(simulator.control.stats().byRoute['GET /@{user}/{workspace}.{agent}/apps/{app}/status']).toBeGreaterThanOrEqual(1);
    expect(sends).toHaveLength(1);
    expect(simulator.control.stats().byRoute['POST /@{user}/{workspace}.{agent}/apps/{app}/message']).toBe(1);
    expect(simulator.control.agentApi(idle)?.userMessages).toBe(before?.userMessages);
  });

  test('a read that fails once with 503 and Retry-After is retried and succeeds', async () => {
    const { simulator } = fleet();
    simulator.control.setFaults([{ method: 'GET', path: '^/api/v2/tasks$', status: 503, retryAfterSeconds: 1, times: 1 }]);
    simulator.control.resetStats();

    const result = await call('list_agents');

    expect(result.isError).not.toBe(true);
    expect(simulator.control.stats().byRoute['GET /api/v2/tasks']).toBe(2);
  });

  test('no frame the server sent and no line it logged holds the session token', () => {
    const { session, server, simulator } = fleet();

    expect(findLeaks({ stdout: session.receivedFrames, stderr: server.stderr.lines() }, [simulator.token])).toEqual([]);
  });
});
