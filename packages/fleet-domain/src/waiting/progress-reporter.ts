// Reports the steps towards an online agent once each, in order, numbered for progress bars.
import type { AgentProgress, AgentProgressStep } from '@fleet/fleet-models';

/** The steps of one build on its way to an online agent, in order (`failed` ends any of them). */
export const ONLINE_STEPS = ['build_queued', 'build_running', 'agent_connecting', 'ready'] as const satisfies readonly AgentProgressStep[];
export type OnlineStep = (typeof ONLINE_STEPS)[number];
/** Any step but `failed`, which ends a phase instead of advancing it. */
export type ReportedStep = Exclude<AgentProgressStep, 'failed'>;

export interface ProgressPlan {
  /** Steps already counted before this phase (a restart's stop half). */
  offset: number;
  total: number;
}

/**
 * Turns observations into `AgentProgress` callbacks: a step seen late brings the steps before it
 * (so a quick build still reports queued, running, connecting, ready), a step seen again says
 * nothing, and progress only grows.
 */
export class ProgressReporter<Step extends ReportedStep> {
  readonly #onProgress: ((progress: AgentProgress) => void) | undefined;
  readonly #plan: ProgressPlan;
  readonly #steps: readonly Step[];
  #reached = 0;
  #failed = false;

  constructor(onProgress: ((progress: AgentProgress) => void) | undefined, plan: ProgressPlan, steps: readonly Step[]) {
    this.#onProgress = onProgress;
    this.#plan = plan;
    this.#steps = steps;
  }

  /** Reports `step` and any earlier one not reported yet; `message` describes each by its step. */
  reach(step: Step, describe: (step: Step) => string): void {
    const position = this.#steps.indexOf(step) + 1;
    while (!this.#failed && this.#reached < position) {
      const reachedStep = this.#steps[this.#reached];
      this.#reached += 1;
      if (reachedStep) {
        this.#emit(reachedStep, this.#plan.offset + this.#reached, describe(reachedStep));
      }
    }
  }

  fail(message: string): void {
    if (!this.#failed) {
      this.#failed = true;
      this.#emit('failed', this.#plan.total, message);
    }
  }

  #emit(step: AgentProgressStep, progress: number, message: string): void {
    this.#onProgress?.({ step, progress, total: this.#plan.total, message });
  }
}
