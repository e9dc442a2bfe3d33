// Reads the states Coder reports about an agent's work into the fleet's four task states.
import { TASK_STATES, type TaskState } from '@fleet/fleet-models';

function isTaskState(state: string): state is TaskState {
  return (TASK_STATES as readonly string[]).includes(state);
}

/**
 * App statuses say `failure` where the Tasks API says `failed`; a state newer than this code
 * reads as `idle`, the one that claims nothing about work in progress.
 */
export function toTaskState(state: string): TaskState {
  if (state === 'failed') {
    return 'failure';
  }
  return isTaskState(state) ? state : 'idle';
}
