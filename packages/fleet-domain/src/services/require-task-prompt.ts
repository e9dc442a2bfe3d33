// Checks that a task says something before it is sent to an agent.
import { emptyTask } from '../errors/rule-errors.js';

export function requireTaskPrompt(task: unknown): string {
  if (typeof task !== 'string' || task.trim().length === 0) {
    throw emptyTask();
  }
  return task;
}
