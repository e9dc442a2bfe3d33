// Waits for a stop build to finish (the first half of a restart), reporting its steps.
import type { AgentProgress } from '@fleet/fleet-models';
import type { BuildProgress } from '../backends/fleet-backend.js';
import { isJobFinished } from '../status/build-states.js';
import { pollUntil } from './poll-until.js';
import { ProgressReporter, type ProgressPlan } from './progress-reporter.js';
import type { WaitClock } from './wait-clock.js';

export interface WaitForStopOptions {
  agentName: string;
  /** The stop build as Coder accepted it. */
  build: BuildProgress;
  /** Reads the build again: one small request. */
  refresh(signal: AbortSignal | undefined): Promise<BuildProgress>;
  timeoutMs: number;
  clock: WaitClock;
  onProgress?: ((progress: AgentProgress) => void) | undefined;
  signal?: AbortSignal | undefined;
  plan: ProgressPlan;
}

/** Resolves with the build once its job finished, or as it is when `timeoutMs` ran out. */
export async function waitForStop(options: WaitForStopOptions): Promise<BuildProgress> {
  const reporter = new ProgressReporter(options.onProgress, options.plan, ['build_queued', 'build_running']);
  const name = options.agentName;
  return pollUntil({
    first: options.build,
    read: (signal) => options.refresh(signal),
    observe: (build) => {
      if (build.jobStatus === 'failed' || build.jobStatus === 'canceled') {
        reporter.fail(`The stop build of "${name}" ${build.jobStatus}${build.error ? `: ${build.error}` : ''}.`);
        return;
      }
      const step = build.jobStatus === 'pending' ? 'build_queued' : 'build_running';
      reporter.reach(step, (reached) =>
        reached === 'build_queued' ? `Stop build of "${name}" queued.` : `Stopping the workspace of "${name}".`,
      );
    },
    isDone: (build) => isJobFinished(build.jobStatus),
    timeoutMs: options.timeoutMs,
    clock: options.clock,
    signal: options.signal,
  });
}
