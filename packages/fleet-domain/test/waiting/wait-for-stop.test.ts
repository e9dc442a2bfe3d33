// The stop half of a restart: its steps and messages, and a stop build that fails or is canceled.
import type { Workspace, WorkspaceBuild } from '@fleet/coder-client';
import type { AgentProgress } from '@fleet/fleet-models';
import { FleetAgentService } from '../../src/services/fleet-agent-service.js';
import { type FakeAnswers, FakeClock, inTurn, recordedCoder, recordedStartBuild, recordedStopBuilds, recordedWorkspace } from '@fleet/coder-fakes';
import { backendOver } from '../support/backend-over.js';
import { present } from '../support/present.js';

const GENERATION = 'v2.37.0';

function setUp(overrides: FakeAnswers) {
  const fake = recordedCoder(GENERATION, overrides);
  const clock = new FakeClock();
  return { fake, clock, service: new FleetAgentService(backendOver(fake), { clock }) };
}

function withBuild(name: string, build: Workspace['latest_build']): Workspace {
  return { ...recordedWorkspace(GENERATION, name), latest_build: build };
}

/**
 * The recorded stop build as it runs, ended by its job as `jobStatus`: Coder marks the workspace `failed`
 * or `canceled` with it; a failed job carries its error (here the recorded failed build's).
 */
function stopEnded(jobStatus: 'failed' | 'canceled'): WorkspaceBuild {
  const running = present(recordedStopBuilds(GENERATION).find((build) => build.job.status === 'running'));
  const error = jobStatus === 'failed' ? recordedWorkspace(GENERATION, 'test-cache').latest_build.job.error : undefined;
  return { ...running, status: jobStatus, job: { ...running.job, status: jobStatus, error } };
}

describe('waiting for the stop of a restart', () => {
  it('reports the stop build queued then stopping, with their messages, before the start', async () => {
    const [accepted, ...polled] = recordedStopBuilds(GENERATION);
    const started = recordedStartBuild(GENERATION);
    const { service } = setUp({
      stopWorkspace: async () => present(accepted),
      getWorkspaceBuild: inTurn(...polled),
      startWorkspace: async () => started,
      getWorkspace: async () => withBuild('fix-login', started),
    });
    const progress: AgentProgress[] = [];

    await service.restart('fix-login', { onProgress: (step) => progress.push(step) });

    expect(progress).toEqual([
      { step: 'build_queued', progress: 1, total: 6, message: 'Stop build of "fix-login" queued.' },
      { step: 'build_running', progress: 2, total: 6, message: 'Stopping the workspace of "fix-login".' },
    ]);
  });

  it.each([
    ['failed', 'The stop build of "fix-login" failed: terraform apply: exit status 1\nError: creating Docker container: no space left on device.'],
    ['canceled', 'The stop build of "fix-login" canceled.'],
  ] as const)('stops at a stop build that %s, reports it at the total, and does not start the agent', async (jobStatus, message) => {
    const [accepted] = recordedStopBuilds(GENERATION);
    const ended = stopEnded(jobStatus);
    const { service, fake } = setUp({
      stopWorkspace: async () => present(accepted),
      getWorkspaceBuild: async () => ended,
      getWorkspace: async () => withBuild('fix-login', ended),
    });
    const progress: AgentProgress[] = [];

    const details = await service.restart('fix-login', { wait: true, onProgress: (step) => progress.push(step) });

    expect(details.status).toBe(jobStatus);
    expect(progress.map((step) => `${step.step} ${step.progress}/${step.total}`)).toEqual(['build_queued 1/6', 'failed 6/6']);
    expect(progress.at(-1)?.message).toBe(message);
    expect(fake.count('getWorkspaceBuild')).toBe(1);
    expect(fake.count('startWorkspace')).toBe(0);
  });
});
