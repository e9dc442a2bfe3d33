// Waits for an agent's start build to bring it online, reporting each step on the way.
import { isOnline, type AgentDetails, type AgentProgress } from '@fleet/fleet-models';
import type { AgentRecord } from '../backends/fleet-backend.js';
import { isGoingAway } from '../status/build-states.js';
import { pollUntil } from './poll-until.js';
import { ONLINE_STEPS, ProgressReporter, type OnlineStep, type ProgressPlan } from './progress-reporter.js';
import type { WaitClock } from './wait-clock.js';

export interface WaitForAgentOptions {
  /** The agent as Coder accepted the start (or creation). */
  record: AgentRecord;
  /** Reads the agent again: one request. */
  refresh(signal: AbortSignal | undefined): Promise<AgentRecord>;
  timeoutMs: number;
  clock: WaitClock;
  onProgress?: ((progress: AgentProgress) => void) | undefined;
  signal?: AbortSignal | undefined;
  /** Where these steps sit among all the steps reported (a restart reports its stop first). */
  plan?: ProgressPlan;
}

type Observation = { kind: 'step'; step: OnlineStep } | { kind: 'failed'; message: string } | { kind: 'left' };

/**
 * Resolves with the agent once it is online, once its build failed, or once it took another way
 * (someone stopped or deleted it). When `timeoutMs` runs out first it resolves with the agent as
 * it is then: the caller sees from its status that it is not online yet.
 */
export async function waitForAgent(options: WaitForAgentOptions): Promise<AgentRecord> {
  const reporter = new ProgressReporter(options.onProgress, options.plan ?? { offset: 0, total: ONLINE_STEPS.length }, ONLINE_STEPS);
  return pollUntil({
    first: options.record,
    read: (signal) => options.refresh(signal),
    observe: (record) => {
      const observation = observe(record.details);
      if (observation.kind === 'step') {
        reporter.reach(observation.step, (step) => describeStep(step, record.details));
      } else if (observation.kind === 'failed') {
        reporter.fail(observation.message);
      }
    },
    isDone: (record) => {
      const observation = observe(record.details);
      return observation.kind !== 'step' || observation.step === 'ready';
    },
    timeoutMs: options.timeoutMs,
    clock: options.clock,
    signal: options.signal,
  });
}

function observe(details: AgentDetails): Observation {
  if (isOnline(details.status)) {
    return { kind: 'step', step: 'ready' };
  }
  const { build, health } = details;
  if (build.status === 'failed' || build.status === 'canceled' || build.jobStatus === 'failed' || build.jobStatus === 'canceled') {
    return { kind: 'failed', message: `The build of "${details.name}" ${build.jobStatus === 'canceled' ? 'was canceled' : 'failed'}${build.error ? `: ${build.error}` : ''}.` };
  }
  if (health.lifecycleState === 'start_error') {
    return { kind: 'failed', message: `The workspace agent of "${details.name}" failed to start (${health.reason ?? 'start_error'}).` };
  }
  if (build.transition !== 'start' || isGoingAway(build.status)) {
    return { kind: 'left' };
  }
  if (build.jobStatus === 'pending') {
    return { kind: 'step', step: 'build_queued' };
  }
  if (build.jobStatus === 'running') {
    return { kind: 'step', step: 'build_running' };
  }
  return { kind: 'step', step: 'agent_connecting' };
}

function describeStep(step: OnlineStep, details: AgentDetails): string {
  switch (step) {
    case 'build_queued':
      return `Build of "${details.name}" queued: waiting for a provisioner.`;
    case 'build_running':
      return `Building the workspace of "${details.name}".`;
    case 'agent_connecting':
      return `Workspace of "${details.name}" built: waiting for its agent to connect and get ready.`;
    case 'ready':
      return `Agent "${details.name}" is online (${details.status}).`;
  }
}
