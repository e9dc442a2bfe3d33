// Polls a condition until it holds, with a bound: how tools wait for a state without sleeping a fixed time.
import { setTimeout as sleep } from 'node:timers/promises';

export interface PollOptions {
  /** What is awaited, for the error when the bound is reached. */
  description: string;
  timeoutMs?: number;
  intervalMs?: number;
}

/** Calls `probe` until it returns a value other than `undefined`; throws once `timeoutMs` (15 s unless given) has passed. */
export async function pollUntil<Value>(probe: () => Promise<Value | undefined>, options: PollOptions): Promise<Value> {
  const timeoutMs = options.timeoutMs ?? 15_000;
  const intervalMs = options.intervalMs ?? 50;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${options.description}`);
    await sleep(intervalMs);
  }
}
