// Polls something until it is done or a time bound is reached, backing off between polls.
import type { WaitClock } from './wait-clock.js';

/** First pause between polls, and the longest: builds take seconds to minutes. */
export const FIRST_POLL_DELAY_MS = 250;
export const LONGEST_POLL_DELAY_MS = 2_000;

export interface PollOptions<Observed> {
  /** What is known before the first poll (e.g. Coder's answer to the request that started the change). */
  first: Observed;
  /** One request a poll. */
  read(signal: AbortSignal | undefined): Promise<Observed>;
  /** Called with every observation, the first included. */
  observe?(observed: Observed): void;
  isDone(observed: Observed): boolean;
  timeoutMs: number;
  clock: WaitClock;
  signal?: AbortSignal | undefined;
}

/**
 * Returns the observation that was done, or the last one when `timeoutMs` ran out. The pause
 * doubles from 250 ms to 2 s and never overshoots the bound.
 */
export async function pollUntil<Observed>(options: PollOptions<Observed>): Promise<Observed> {
  const { clock, signal } = options;
  const deadline = clock.now() + options.timeoutMs;
  let observed = options.first;
  let delay = FIRST_POLL_DELAY_MS;
  for (;;) {
    options.observe?.(observed);
    if (options.isDone(observed)) {
      return observed;
    }
    const remaining = deadline - clock.now();
    if (remaining <= 0) {
      return observed;
    }
    await clock.sleep(Math.min(delay, remaining), signal);
    delay = Math.min(delay * 2, LONGEST_POLL_DELAY_MS);
    observed = await options.read(signal);
  }
}
