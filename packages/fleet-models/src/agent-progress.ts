// The steps an agent goes through on its way online, reported while a create or restart waits.
import * as z from 'zod';

export const AGENT_PROGRESS_STEPS = ['build_queued', 'build_running', 'agent_connecting', 'ready', 'first_task_sent', 'failed'] as const;
export const AgentProgressStepSchema = z.enum(AGENT_PROGRESS_STEPS);
export type AgentProgressStep = z.infer<typeof AgentProgressStepSchema>;

export interface AgentProgress {
  step: AgentProgressStep;
  /** 1-based position of the step, out of `total`, for progress bars. */
  progress: number;
  total: number;
  message: string;
}
