// Hostile input through the built server: control characters and huge tasks never reach an agent's terminal, and
// control characters a hostile Coder sends never reach the client's terminal as text.
import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { startSimulator, type RunningSimulator } from '@fleet/coder-sim';
import { useStdioFleet } from './support/stdio-fleet-fixture.js';
import { startStdioServer, type StdioServer } from './support/stdio-server.js';
import { errorOf, structuredOf, textOf } from './support/tool-result.js';
import type { AgentDetailsResult, ListAgentsOutput, ProjectsOutput, RolesOutput } from './support/tool-outputs.js';

type Call = (name: string, args?: Record<string, unknown>) => Promise<CallToolResult>;

/** An idle agent, as AgentAPI (through show_agent) says, not as a possibly stale app status does. */
async function idleAgent(call: Call): Promise<string> {
  const { agents } = structuredOf<ListAgentsOutput>(await call('list_agents'));
  for (const agent of agents.filter((listed) => listed.status === 'idle' || listed.status === 'busy')) {
    const shown = structuredOf<AgentDetailsResult>(await call('show_agent', { agent_name: agent.name })).agent;
    if (shown.status === 'idle') return shown.name;
  }
  throw new Error('no idle agent in the simulated world');
}

describe('a task that would act on the terminal is refused before it is sent (Coder v2.30.0)', () => {
  const fleet = useStdioFleet({ coderVersion: 'v2.30.0', speed: 0.05, seed: 7 });
  const call: Call = (name, args = {}) => fleet().session.call(name, args);

  const HOSTILE_TASKS: Array<[string, string, string]> = [
    ['an end of bracketed paste, then keystrokes', 'Summarise the README\u001b[201~\rrm -rf ~\r', 'U+001B ESC at character 21 (line 1, column 21)'],
    ['a bare ESC', '\u001bReview the docs', 'U+001B ESC at character 1'],
    ['a carriage return', 'Review the docs\rand submit', 'U+000D CR (Ctrl+M) at character 16'],
    ['Ctrl+C', 'Review\n\u0003', 'U+0003 ETX (Ctrl+C) at character 8 (line 2, column 1)'],
    ['a NUL', 'Review\u0000', 'U+0000 NUL (Ctrl+@) at character 7'],
    ['a C1 CSI', 'Review \u009b2J', 'U+009B CSI at character 8'],
    ['a right-to-left override', 'Approve \u202eexe.txt', 'U+202E RIGHT-TO-LEFT OVERRIDE at character 9'],
    ['a left-to-right isolate', 'Approve \u2066this\u2069', 'U+2066 LEFT-TO-RIGHT ISOLATE at character 9'],
  ];

  test.each(HOSTILE_TASKS)('start_agent_task refuses %s with INVALID_INPUT naming it, and AgentAPI receives nothing', async (_what, task, named) => {
    const name = await idleAgent(call);
    const before = fleet().simulator.control.agentApi(name);

    const error = errorOf(await call('start_agent_task', { agent_name: name, task }));

    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toContain(named);
    const after = fleet().simulator.control.agentApi(name);
    expect([after?.userMessages, after?.rawMessages]).toEqual([before?.userMessages, before?.rawMessages]);
  });

  test('create_agent refuses a task ending the bracketed paste with INVALID_INPUT, and Coder is not asked', async () => {
    fleet().simulator.control.resetStats();

    const error = errorOf(await call('create_agent', { name: 'paste-escape', project: 'Claude Code', task: 'Hello\u001b[201~\r' }));

    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toContain('U+001B ESC at character 6');
    expect(fleet().simulator.control.stats().requests).toBe(0);
  });

  test('newlines and tabs are a task like any other: the agent takes it', async () => {
    const name = await idleAgent(call);

    const result = await call('start_agent_task', { agent_name: name, task: 'Review the docs:\n\t- the examples\n\t- the error table' });

    expect(result.isError).not.toBe(true);
  });

  test('a 1 MB task is INVALID_INPUT saying the limit and its size; nothing reaches the agent and the server keeps serving', async () => {
    const name = await idleAgent(call);
    const before = fleet().simulator.control.agentApi(name);

    const error = errorOf(await call('start_agent_task', { agent_name: name, task: 'a'.repeat(1024 * 1024) }));

    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toContain('a task has at most 100 KB (102,400 bytes of UTF-8) and this one has 1 MB (1,048,576 bytes)');
    expect(error.message.length).toBeLessThan(1_000);
    expect(fleet().simulator.control.agentApi(name)?.userMessages).toBe(before?.userMessages);
    expect(structuredOf<ListAgentsOutput>(await call('list_agents')).total).toBeGreaterThan(0);
  });
});

/** Sets the terminal title, rings, clears the screen, a NUL, a C1 CSI, and reverses what follows. */
const HOSTILE = '\u001b]0;pwned\u0007\u001b[2J\u0000\u009b31m\u202e';
/** Any control character but newline and tab, the only ones a text may keep. */
// eslint-disable-next-line no-control-regex -- the test looks for raw control characters
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u;
/** Coder's fields that hold names, descriptions, statuses and conversations: what a hostile Coder would poison. */
const POISONED_KEYS = new Set(['display_name', 'template_display_name', 'description', 'Description', 'Name', 'message', 'content']);

function poison(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(poison);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, field]) => [key, POISONED_KEYS.has(key) && typeof field === 'string' && field !== '' ? `${field}${HOSTILE}` : poison(field)]),
  );
}

/** A Coder in front of the simulator that appends control characters to every name, description, status and message. */
async function startPoisoningProxy(target: string): Promise<{ url: string; server: Server }> {
  const server = createServer((incoming, outgoing) => {
    const forwarded = httpRequest(`${target}${incoming.url ?? '/'}`, { method: incoming.method, headers: { ...incoming.headers, host: new URL(target).host } }, (answer: IncomingMessage) => {
      const chunks: Buffer[] = [];
      answer.on('data', (chunk: Buffer) => chunks.push(chunk));
      answer.on('end', () => {
        let body = Buffer.concat(chunks);
        const headers = { ...answer.headers };
        if (String(headers['content-type']).includes('json') && body.length > 0) {
          body = Buffer.from(JSON.stringify(poison(JSON.parse(body.toString('utf8')))));
          delete headers['transfer-encoding'];
          headers['content-length'] = String(body.length);
        }
        outgoing.writeHead(answer.statusCode ?? 502, headers);
        outgoing.end(body);
      });
    });
    forwarded.on('error', () => outgoing.destroy());
    incoming.pipe(forwarded);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

describe('control characters from a hostile Coder are escaped in every text answer (Coder v2.30.0)', () => {
  let simulator: RunningSimulator;
  let proxy: { url: string; server: Server };
  let server: StdioServer;
  const call: Call = (name, args = {}) => server.session.call(name, args);

  beforeAll(async () => {
    simulator = await startSimulator({ coderVersion: 'v2.30.0', speed: 0.05, seed: 7 });
    proxy = await startPoisoningProxy(simulator.url);
    server = await startStdioServer({ url: proxy.url, token: simulator.token });
  }, 30_000);
  afterAll(async () => {
    await server.close();
    await new Promise((resolve) => proxy.server.close(resolve));
    await simulator.close();
  }, 30_000);

  test('project names and descriptions: escaped in text, raw in structuredContent', async () => {
    const result = await call('list_agent_projects');

    expect(textOf(result)).not.toMatch(RAW_CONTROL);
    expect(textOf(result)).toContain('\\u001b]0;pwned\\u0007\\u001b[2J\\u0000\\u009b31m\\u202e');
    expect(structuredOf<ProjectsOutput>(result).projects[0]?.display_name).toContain(HOSTILE);
  });

  test('role names and descriptions', async () => {
    const { projects } = structuredOf<ProjectsOutput>(await call('list_agent_projects'));
    const answers = await Promise.all(projects.map((project) => call('list_agent_roles', { project: project.name })));
    const withRoles = answers.find((answer) => structuredOf<RolesOutput>(answer).roles.length > 0);
    if (withRoles === undefined) throw new Error('no project of the simulated world has roles');

    const text = textOf(withRoles);

    expect(text).toContain('\\u001b');
    expect(text).not.toMatch(RAW_CONTROL);
  });

  test("agents' projects, roles and app status messages, in list_agents and show_agent", async () => {
    const listed = await call('list_agents');
    const name = structuredOf<ListAgentsOutput>(listed).agents[0]?.name;

    const shown = await call('show_agent', { agent_name: name });

    expect(textOf(listed)).toContain('\\u001b');
    expect(textOf(listed)).not.toMatch(RAW_CONTROL);
    expect(textOf(shown)).not.toMatch(RAW_CONTROL);
  });

  test("an agent's task history and its conversation", async () => {
    const name = await idleAgent(call);

    const history = textOf(await call('show_agent_task_history', { agent_name: name, page_size: 20 }));
    const log = textOf(await call('show_agent_log', { agent_name: name, page_size: 20 }));

    expect(history).toContain('\\u001b');
    expect(history).not.toMatch(RAW_CONTROL);
    expect(log).toContain('\\u001b');
    expect(log).not.toMatch(RAW_CONTROL);
  });

  test("an error listing Coder's project names", async () => {
    const result = await call('list_agent_roles', { project: 'no-such-project' });

    expect(errorOf(result).code).toBe('NOT_FOUND');
    expect(textOf(result)).toContain('\\u001b');
    expect(textOf(result)).not.toMatch(RAW_CONTROL);
    expect(errorOf(result).message).not.toMatch(RAW_CONTROL);
  });
});
