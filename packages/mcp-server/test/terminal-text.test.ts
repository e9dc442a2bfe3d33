// What Coder and agents say reaches a reader's terminal as text with its control characters escaped; structuredContent keeps it raw.
import { recordedCoder, type FakeAnswers } from '@fleet/coder-fakes';
import type { Project, Role, HistoryEntry } from '@fleet/fleet-models';
import { describeProject } from '../src/outputs/project-output.js';
import { describeRole } from '../src/outputs/role-output.js';
import { describeTask } from '../src/outputs/task-output.js';
import { connectClient, type ConnectedClient } from './connected-client.js';
import { GENERATION, recordedFleet } from './recorded-fleet.js';
import { errorDetailsOf, summaryOf, textOf } from './tool-result.js';

/** Sets the terminal's title, rings, clears the screen, a NUL, a C1 CSI, and reverses what follows. */
const HOSTILE = '\u001b]0;pwned\u0007\u001b[2J\u0000\u009b31m\u202eevil';
const ESCAPED = '\\u001b]0;pwned\\u0007\\u001b[2J\\u0000\\u009b31m\\u202eevil';
/** Any control character but newline and tab, the only ones text may keep. */
// eslint-disable-next-line no-control-regex -- the test looks for raw control characters
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u;

/** Coder's recorded answers, which an override passes on with one free-text field made hostile. */
const recorded = recordedCoder(GENERATION).client;

let connected: ConnectedClient | undefined;

async function serve(answers: FakeAnswers): Promise<ConnectedClient> {
  connected = await connectClient(recordedFleet({ answers }).fleet);
  return connected;
}

afterEach(async () => {
  await connected?.close();
  connected = undefined;
});

/** The claude-code project and its default role, as the fleet reads them from the recordings. */
async function recordedProjectAndRole(): Promise<{ project: Project; role: Role }> {
  const { fleet } = recordedFleet();
  const project = (await fleet.projects.list()).find((candidate) => candidate.name === 'claude-code');
  const role = (await fleet.projects.roles('claude-code')).find((candidate) => candidate.isDefault);
  if (project === undefined || role === undefined) throw new Error('the recordings lost the claude-code project or its default role');
  return { project, role };
}

describe('one-line readings escape every control character, newline and tab included', () => {
  test('a project', async () => {
    const project: Project = { ...(await recordedProjectAndRole()).project, displayName: `Claude${HOSTILE}`, description: `line one\nline two\t${HOSTILE}` };

    expect(describeProject(project)).toBe(`Claude${ESCAPED} (claude-code): line one\\u000aline two\\u0009${ESCAPED}`);
  });

  test('a role', async () => {
    const role: Role = { ...(await recordedProjectAndRole()).role, name: `Implementer${HOSTILE}`, description: 'fake\r[ok] done' };

    expect(describeRole(role)).toBe(`Implementer${ESCAPED} (default): fake\\u000d[ok] done`);
  });

  test('a status the agent reported', () => {
    const task: HistoryEntry = { id: '1', state: 'working', message: `Reading${HOSTILE}\nnext`, uri: null, needsUserAttention: false, createdAt: '2025-10-21T12:00:00.000Z' };

    expect(describeTask(task)).toBe(`2025-10-21T12:00:00.000Z working: Reading${ESCAPED}\\u000anext`);
  });
});

describe('through the server', () => {
  test("list_agents escapes an agent's last status in text and keeps it raw in structuredContent", async () => {
    const server = await serve({
      getTasks: async (...args) => {
        const page = await recorded.getTasks(...args);
        const tasks = page.tasks.map((task) => (task.name === 'fix-login' && task.current_state ? { ...task, current_state: { ...task.current_state, message: `Reading${HOSTILE}` } } : task));
        return { ...page, tasks };
      },
    });

    const result = await server.call('list_agents', {});

    expect(textOf(result)).not.toMatch(RAW_CONTROL);
    expect(textOf(result)).toContain(ESCAPED);
    // The JSON in the text decodes to the raw value, like structuredContent.
    expect(() => summaryOf(result)).not.toThrow();
    const structured = result.structuredContent as { agents: Array<{ name: string; last_task: { message: string } | null }> };
    expect(structured.agents.find((agent) => agent.name === 'fix-login')?.last_task?.message).toBe(`Reading${HOSTILE}`);
  });

  test('show_agent_log keeps the lines and tabs of a conversation and escapes the rest', async () => {
    const server = await serve({
      getTaskLogs: async (...args) => {
        const { logs } = await recorded.getTaskLogs(...args);
        return { logs: logs.map((entry, index) => (index === logs.length - 1 ? { ...entry, content: `Done:\n\t- item\r\n${HOSTILE}` } : entry)) };
      },
    });

    const result = await server.call('show_agent_log', { agent_name: 'fix-login' });

    expect(textOf(result)).not.toMatch(RAW_CONTROL);
    expect(textOf(result)).toContain(`Done:\n\t- item\\u000d\n${ESCAPED}`);
  });

  test('an error message quoting Coder is escaped in text and in _meta', async () => {
    const server = await serve({
      getTemplates: async (...args) =>
        (await recorded.getTemplates(...args)).map((template) => (template.name === 'claude-code' ? { ...template, display_name: `Claude${HOSTILE}` } : template)),
    });

    const result = await server.call('list_agent_roles', { project: 'x' });

    expect(textOf(result)).toMatch(/^NOT_FOUND: There is no project "x"\. /);
    expect(textOf(result)).toContain(`Claude${ESCAPED} (claude-code)`);
    expect(textOf(result)).not.toMatch(RAW_CONTROL);
    expect(errorDetailsOf(result)?.message).not.toMatch(RAW_CONTROL);
  });
});
