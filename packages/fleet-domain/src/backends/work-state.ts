// Reads the states Coder reports about an agent's work into the fleet's four work states.
import { WORK_STATES, type WorkState } from '@fleet/fleet-models';

function isWorkState(state: string): state is WorkState {
  return (WORK_STATES as readonly string[]).includes(state);
}

/**
 * App statuses say `failure` where the Tasks API says `failed`; a state newer than this code
 * reads as `idle`, the one that claims nothing about work in progress.
 */
export function toWorkState(state: string): WorkState {
  if (state === 'failed') {
    return 'failure';
  }
  return isWorkState(state) ? state : 'idle';
}
