// Checks a task against the fleet's task rule (fleet-models taskPromptProblem) before it is sent to an agent.
import { taskPromptProblem } from '@fleet/fleet-models';
import { invalidTask } from '../errors/rule-errors.js';

/** Returns the task when it can be typed into the agent's terminal; throws INVALID_INPUT saying why otherwise. */
export function requireTaskPrompt(task: unknown): string {
  if (typeof task !== 'string') {
    throw invalidTask('a task is a string: write what the agent should do');
  }
  const problem = taskPromptProblem(task);
  if (problem !== undefined) {
    throw invalidTask(problem);
  }
  return task;
}
