// Sends an agent its first task through AgentAPI once it is ready, where Coder has no prompt channel (2.37+, and 2.27–2.28 templates without `AI Prompt`).
import type { AgentProgress } from '@fleet/fleet-models';
import type { AgentRecord, FleetBackend } from '../backends/fleet-backend.js';
import { withAgentApiState } from '../status/with-agent-api-state.js';
import { pollUntil } from './poll-until.js';
import { ProgressReporter, type ProgressPlan } from './progress-reporter.js';
import type { WaitClock } from './wait-clock.js';

export interface DeliverFirstTaskOptions {
  backend: FleetBackend;
  /** The agent, online. */
  record: AgentRecord;
  task: string;
  timeoutMs: number;
  clock: WaitClock;
  onProgress?: ((progress: AgentProgress) => void) | undefined;
  signal?: AbortSignal | undefined;
  plan: ProgressPlan;
}

export interface FirstTaskOutcome {
  record: AgentRecord;
  sent: boolean;
}

type Readiness = 'stable' | 'running' | 'not_serving';

/**
 * Waits (bounded) until AgentAPI answers `stable` (Claude Code shows its prompt), then sends the
 * task once. AgentAPI answers nothing while it starts: those failures are waited out, not reported.
 */
export async function deliverFirstTask(options: DeliverFirstTaskOptions): Promise<FirstTaskOutcome> {
  const { backend, record, signal } = options;
  const app = await backend.locateAgentApi(record, { signal });
  if (!app) {
    return { record, sent: false };
  }
  const readiness = (pollSignal: AbortSignal | undefined): Promise<Readiness> =>
    backend.agentApiState(app, { signal: pollSignal }).catch((error: unknown) => {
      if (signal?.aborted) {
        throw error;
      }
      return 'not_serving';
    });
  const ready = await pollUntil<Readiness>({
    first: await readiness(signal),
    read: readiness,
    isDone: (state) => state === 'stable',
    timeoutMs: options.timeoutMs,
    clock: options.clock,
    signal,
  });
  if (ready !== 'stable' || (await backend.sendPrompt(app, options.task, { signal })) !== 'accepted') {
    return { record, sent: false };
  }
  const reporter = new ProgressReporter(options.onProgress, options.plan, ['first_task_sent']);
  reporter.reach('first_task_sent', () => `Sent "${record.details.name}" its first task.`);
  return { record: withAgentApiState(record, 'running', false), sent: true };
}
