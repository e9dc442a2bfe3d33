// Polls a condition until it holds, with a bound: how tests wait for a state without sleeping a fixed time.
export interface PollOptions {
  /** What is awaited, for the error when the bound is reached. */
  description: string;
  timeoutMs?: number;
  intervalMs?: number;
}

export async function pollUntil<Value>(probe: () => Promise<Value | undefined>, options: PollOptions): Promise<Value> {
  const timeoutMs = options.timeoutMs ?? 15_000;
  const intervalMs = options.intervalMs ?? 50;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${options.description}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
