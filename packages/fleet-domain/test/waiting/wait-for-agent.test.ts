// Waiting for an agent to come online, through create and restart with `wait`: the steps it reports, and what ends the wait.
import type { Workspace } from '@fleet/coder-client';
import type { AgentProgress } from '@fleet/fleet-models';
import { FleetAgentService } from '../../src/services/fleet-agent-service.js';
import { type FakeAnswers, FakeClock, inTurn, recordedCoder, recordedCreatedWorkspace, recordedCreatedWorkspaceAsPolled, recordedStopBuilds, withWorkspaceAgents } from '@fleet/coder-fakes';
import { backendOver } from '../support/backend-over.js';
import { present } from '../support/present.js';

const request = { name: 'fleet-rec-workspace', project: 'claude-code', task: 'Say hello, then wait.' };

function setUp(overrides: FakeAnswers, options: { waitTimeoutMs?: number } = {}) {
  const fake = recordedCoder('v2.37.0', overrides);
  const clock = new FakeClock();
  return { fake, clock, service: new FleetAgentService(backendOver(fake), { clock, ...options }) };
}

function stepsOf(progress: readonly AgentProgress[]): string[] {
  return progress.map((step) => `${step.step} ${step.progress}/${step.total}`);
}

/** The recorded created workspace while its build runs, its agent connected and starting: how Coder shows it. */
function agentStarting(): Workspace {
  return present(recordedCreatedWorkspaceAsPolled('v2.37.0')[1]);
}

/**
 * The recorded starting workspace after its agent's startup script failed: lifecycle `start_error`, and the
 * health Coder gives such an agent (coder/coder coderd/database/db2sdk: "agent startup script exited with an
 * error"; the workspace lists it among its failing agents). The simulator never fails a startup script.
 */
function agentStartFailed(): Workspace {
  const workspace = withWorkspaceAgents(agentStarting(), () => ({
    lifecycle_state: 'start_error',
    health: { healthy: false, reason: 'agent startup script exited with an error' },
  }));
  const failing = workspace.latest_build.resources.flatMap((resource) => resource.agents.map((agent) => agent.id));
  return { ...workspace, health: { healthy: false, failing_agents: failing } };
}

describe('waiting for an agent to come online', () => {
  it('stops at an agent whose startup script failed, reporting Coder\'s reason, and sends it no task', async () => {
    const { service, fake } = setUp({
      createWorkspace: async () => recordedCreatedWorkspace('v2.37.0'),
      getWorkspace: inTurn(agentStarting(), agentStartFailed()),
    });
    const progress: AgentProgress[] = [];

    const created = await service.create(request, { wait: true, onProgress: (step) => progress.push(step) });

    expect(created).toMatchObject({ firstTask: 'not_delivered', agent: { status: 'starting', health: { lifecycleState: 'start_error' } } });
    expect(stepsOf(progress)).toEqual(['build_queued 1/5', 'build_running 2/5', 'agent_connecting 3/5', 'failed 5/5']);
    expect(progress.at(-1)?.message).toBe(
      'The workspace agent of "fleet-rec-workspace" failed to start (agent startup script exited with an error).',
    );
    expect(fake.count('getWorkspace')).toBe(2);
    expect(fake.count('getAgentApiStatus') + fake.count('sendAgentApiMessage')).toBe(0);
  });

  it('names the lifecycle state itself when Coder reports no health for the agent that failed to start', async () => {
    // The client's schema takes an agent without health (`health` is nullish) and a workspace without it.
    const failed = agentStartFailed();
    const { health: _workspaceHealth, ...withoutWorkspaceHealth } = failed;
    const withoutHealth = withWorkspaceAgents(withoutWorkspaceHealth, () => ({ health: null }));
    const { service } = setUp({ createWorkspace: async () => recordedCreatedWorkspace('v2.37.0'), getWorkspace: async () => withoutHealth });
    const progress: AgentProgress[] = [];

    await service.create(request, { wait: true, onProgress: (step) => progress.push(step) });

    expect(progress.at(-1)).toEqual({
      step: 'failed',
      progress: 5,
      total: 5,
      message: 'The workspace agent of "fleet-rec-workspace" failed to start (start_error).',
    });
  });

  it('describes each step by the agent it is about, the last one with the status it came online with', async () => {
    const { service } = setUp({ createWorkspace: async () => recordedCreatedWorkspace('v2.37.0'), getWorkspace: inTurn(...recordedCreatedWorkspaceAsPolled('v2.37.0')) });
    const progress: AgentProgress[] = [];

    await service.create(request, { wait: true, onProgress: (step) => progress.push(step) });

    expect(progress.slice(0, 4).map((step) => step.message)).toEqual([
      'Build of "fleet-rec-workspace" queued: waiting for a provisioner.',
      'Building the workspace of "fleet-rec-workspace".',
      'Workspace of "fleet-rec-workspace" built: waiting for its agent to connect and get ready.',
      'Agent "fleet-rec-workspace" is online (idle).',
    ]);
  });

  it('stops waiting, reporting no failure, when someone queues a stop of the agent meanwhile', async () => {
    const [queuedStop] = recordedStopBuilds('v2.37.0');
    const created = recordedCreatedWorkspace('v2.37.0');
    const { service, fake } = setUp({
      createWorkspace: async () => created,
      getWorkspace: async () => ({ ...created, latest_build: { ...created.latest_build, ...present(queuedStop) } }),
    });
    const progress: AgentProgress[] = [];

    const result = await service.create(request, { wait: true, onProgress: (step) => progress.push(step) });

    expect(result).toMatchObject({ firstTask: 'not_delivered', agent: { status: 'stopping' } });
    expect(stepsOf(progress)).toEqual(['build_queued 1/5']);
    expect(fake.count('getWorkspace')).toBe(1);
  });

  it.each([
    ['canceled', undefined, 'The build of "fleet-rec-workspace" was canceled.'],
    ['failed', undefined, 'The build of "fleet-rec-workspace" failed.'],
    ['failed', 'terraform apply: exit status 1', 'The build of "fleet-rec-workspace" failed: terraform apply: exit status 1.'],
  ] as const)('reports a start build whose job %s (error %s) as failed: %s', async (jobStatus, error, message) => {
    const created = recordedCreatedWorkspace('v2.37.0');
    // Coder gives the build the status of its ended job (coder/coder codersdk WorkspaceStatus: failed, canceled).
    const ended: Workspace = { ...created, latest_build: { ...created.latest_build, status: jobStatus, job: { ...created.latest_build.job, status: jobStatus, error } } };
    const { service } = setUp({ createWorkspace: async () => created, getWorkspace: async () => ended });
    const progress: AgentProgress[] = [];

    await service.create(request, { wait: true, onProgress: (step) => progress.push(step) });

    expect(progress.at(-1)).toEqual({ step: 'failed', progress: 5, total: 5, message });
  });
});
