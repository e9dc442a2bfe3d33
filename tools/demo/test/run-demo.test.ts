// The demo's story against the in-process simulator at a fast pace: every step succeeds, a failing step is reported and cleaned up.
import { startSimulator, type RunningSimulator } from '@fleet/coder-sim';
import { runDemo, type DemoReport } from '../src/run-demo.js';

describe('runDemo against the Coder simulator', () => {
  let simulator: RunningSimulator;

  beforeAll(async () => {
    // Fast, yet slow enough that the second task is still running when the story cancels it.
    // The demo's own pace: its agent's tasks last long enough to be caught busy and cancelled.
    simulator = await startSimulator({ coderVersion: 'v2.30.0', speed: 0.3 });
  });

  afterAll(async () => {
    await simulator?.close();
  });

  afterEach(() => {
    simulator.control.clearFaults();
  });

  async function demo(agentName: string): Promise<{ report: DemoReport; transcript: string }> {
    const lines: string[] = [];
    const report = await runDemo({
      coder: { url: simulator.url, token: simulator.token },
      targetDescription: 'the simulator',
      write: (line) => lines.push(line),
      agentName,
      pollIntervalMs: 50,
    });
    return { report, transcript: lines.join('\n') };
  }

  /** Asks the simulator directly, as Coder is asked by owner and name: 404 once the workspace is deleted. */
  async function workspaceStatus(name: string): Promise<number> {
    const response = await fetch(`${simulator.url}/api/v2/users/me/workspace/${name}`, { headers: { 'Coder-Session-Token': simulator.token } });
    await response.body?.cancel();
    return response.status;
  }

  test('every step of the story succeeds, the agent is deleted at the end, and the transcript never holds the token', async () => {
    const { report, transcript } = await demo('fleet-demo-test-ok');

    expect(report.steps.filter((step) => !step.ok)).toEqual([]);
    expect(report.steps).toHaveLength(14);
    expect(report.skipped).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.agentLeftBehind).toBe(false);
    expect(report.agentNames).toEqual(['fleet-demo-test-ok-1', 'fleet-demo-test-ok-2', 'fleet-demo-test-ok-3']);
    for (const name of report.agentNames) expect(await workspaceStatus(name)).toBe(404);
    for (const tool of ['list_agent_projects', 'list_agent_roles', 'create_agent', 'wait_for_agents', 'start_agent_task', 'show_agent', 'show_agent_task_history', 'show_agent_log', 'cancel_agent_task', 'restart_agent', 'delete_agent']) {
      expect(transcript).toContain(`→ ${tool} {`);
    }
    expect(transcript).toMatch(/finished first: the rest of the story follows it/);
    expect(transcript).toMatch(/… progress 1\/\d+: /);
    expect(transcript).toContain('14 of 14 steps succeeded');
    expect(transcript).not.toContain(simulator.token);
    expect(transcript).toContain('CODER_SESSION_TOKEN=[REDACTED]');
  });

  test('a failing step fails the report, skips the rest, and the clean-up deletes the agent', async () => {
    // Every prompt sent after creation fails: the first task is delivered inside the simulator, the second is refused.
    simulator.control.setFaults([{ method: 'POST', path: '/(message|send)$', status: 500 }]);

    const { report, transcript } = await demo('fleet-demo-test-fail');

    expect(report.ok).toBe(false);
    expect(report.steps.at(-1)).toMatchObject({ title: 'Give that agent another task', ok: false });
    expect(report.skipped).toContain('Delete the three agents');
    expect(report.agentLeftBehind).toBe(false);
    expect(transcript).toContain('Cleaning up: deleting fleet-demo-test-fail-1, fleet-demo-test-fail-2, fleet-demo-test-fail-3');
    for (const name of report.agentNames) expect(await workspaceStatus(name)).toBe(404);
  });
});
