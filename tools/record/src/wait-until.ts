// Polls a condition with a bound on the total time: for builds and agents that take a while.
import { setTimeout as sleep } from 'node:timers/promises';

export interface WaitOptions {
  /** What is awaited, for the error when the bound is reached. */
  description: string;
  intervalMs: number;
  timeoutMs: number;
}

/** Calls `probe` until it returns a value other than `undefined`; fails after `timeoutMs`. */
export async function waitUntil<Value>(probe: () => Promise<Value | undefined>, options: WaitOptions): Promise<Value> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) {
      return value;
    }
    if (Date.now() + options.intervalMs > deadline) {
      throw new Error(`Gave up waiting for ${options.description} after ${options.timeoutMs} ms`);
    }
    await sleep(options.intervalMs);
  }
}
