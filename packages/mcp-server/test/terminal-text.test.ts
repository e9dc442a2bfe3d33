// What Coder and agents say reaches a reader's terminal as text with its control characters escaped; structuredContent keeps it raw.
import { FleetError, type Project, type Role, type HistoryEntry } from '@fleet/fleet-models';
import { describeProject } from '../src/outputs/project-output.js';
import { describeRole } from '../src/outputs/role-output.js';
import { describeTask } from '../src/outputs/task-output.js';
import { connectClient, type ConnectedClient } from './connected-client.js';
import { FakeFleet, PROJECTS, ROLES } from './fake-fleet.js';
import { errorDetailsOf, summaryOf, textOf } from './tool-result.js';

/** Sets the terminal's title, rings, clears the screen, a NUL, a C1 CSI, and reverses what follows. */
const HOSTILE = '\u001b]0;pwned\u0007\u001b[2J\u0000\u009b31m\u202eevil';
const ESCAPED = '\\u001b]0;pwned\\u0007\\u001b[2J\\u0000\\u009b31m\\u202eevil';
/** Any control character but newline and tab, the only ones text may keep. */
// eslint-disable-next-line no-control-regex -- the test looks for raw control characters
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u;

let fleet: FakeFleet;
let connected: ConnectedClient;

beforeEach(async () => {
  fleet = new FakeFleet();
  connected = await connectClient(fleet);
});

afterEach(async () => {
  await connected.close();
});

describe('one-line readings escape every control character, newline and tab included', () => {
  test('a project', () => {
    const project: Project = { ...(PROJECTS[0] as Project), displayName: `Claude${HOSTILE}`, description: `line one\nline two\t${HOSTILE}` };

    expect(describeProject(project)).toBe(`Claude${ESCAPED} (claude-code): line one\\u000aline two\\u0009${ESCAPED}`);
  });

  test('a role', () => {
    const role: Role = { ...(ROLES[0] as Role), name: `Reviewer${HOSTILE}`, description: 'fake\r[ok] done' };

    expect(describeRole(role)).toBe(`Reviewer${ESCAPED} (default): fake\\u000d[ok] done`);
  });

  test('a status the agent reported', () => {
    const task: HistoryEntry = { id: '1', state: 'working', message: `Reading${HOSTILE}\nnext`, uri: null, needsUserAttention: false, createdAt: '2025-10-21T12:00:00.000Z' };

    expect(describeTask(task)).toBe(`2025-10-21T12:00:00.000Z working: Reading${ESCAPED}\\u000anext`);
  });
});

describe('through the server', () => {
  test("list_agents escapes an agent's last status in text and keeps it raw in structuredContent", async () => {
    const agent = fleet.agentsByName.get('review-api-docs');
    if (agent?.lastTask == null) throw new Error('the fake fleet lost its busy agent');
    agent.lastTask = { ...agent.lastTask, message: `Reading${HOSTILE}` };

    const result = await connected.call('list_agents', {});

    expect(textOf(result)).not.toMatch(RAW_CONTROL);
    expect(textOf(result)).toContain(ESCAPED);
    // The JSON in the text decodes to the raw value, like structuredContent.
    expect(() => summaryOf(result)).not.toThrow();
    const structured = result.structuredContent as { agents: Array<{ last_task: { message: string } | null }> };
    expect(structured.agents[0]?.last_task?.message).toBe(`Reading${HOSTILE}`);
  });

  test('show_agent_log keeps the lines and tabs of a conversation and escapes the rest', async () => {
    fleet.conversations.set('review-api-docs', [
      { id: '1', type: 'output', content: `Done:\n\t- item\r\n${HOSTILE}`, time: '2025-10-21T11:58:40.000Z' },
    ]);

    const result = await connected.call('show_agent_log', { agent_name: 'review-api-docs' });

    expect(textOf(result)).not.toMatch(RAW_CONTROL);
    expect(textOf(result)).toContain(`Done:\n\t- item\\u000d\n${ESCAPED}`);
  });

  test('an error message quoting Coder is escaped in text and in _meta', async () => {
    fleet.failures.set('projects.list', new FleetError('NOT_FOUND', `There is no project "x". The projects are: Claude${HOSTILE}.`));

    const result = await connected.call('list_agent_projects', {});

    expect(textOf(result)).toBe(`NOT_FOUND: There is no project "x". The projects are: Claude${ESCAPED}.`);
    expect(errorDetailsOf(result)?.message).not.toMatch(RAW_CONTROL);
  });
});
