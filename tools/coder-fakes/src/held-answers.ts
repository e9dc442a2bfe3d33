// Answers that take their time, for what a test must catch in flight: a call the test releases, a request only an abort ends.

export interface HeldAnswer<Args extends unknown[], Value> {
  /** The override: waits until `release()`, then answers as `answer` does. */
  answer: (...args: Args) => Promise<Value>;
  /** Resolves once a call reached the answer. */
  entered: Promise<void>;
  release(): void;
}

/** An answer held until the test releases it: a Coder that is slow to answer, for as long as the test says. */
export function heldUntilReleased<Args extends unknown[], Value>(answer: (...args: Args) => Value | Promise<Value>): HeldAnswer<Args, Value> {
  let release: () => void = () => undefined;
  let markEntered: () => void = () => undefined;
  const released = new Promise<void>((resolve) => (release = resolve));
  const entered = new Promise<void>((resolve) => (markEntered = resolve));
  return {
    answer: async (...args) => {
      markEntered();
      await released;
      return answer(...args);
    },
    entered,
    release: () => release(),
  };
}

/**
 * An answer that never comes: the request waits until the signal among its arguments (a client
 * method's last, `{ signal }`) aborts, and rejects with the abort's reason, as the real client does.
 */
export function untilAborted(...args: unknown[]): Promise<never> {
  const signal = args.map(signalOf).find((candidate) => candidate !== undefined);
  return new Promise((_resolve, reject) => {
    if (signal === undefined) return;
    if (signal.aborted) reject(signal.reason);
    signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
}

function signalOf(argument: unknown): AbortSignal | undefined {
  if (typeof argument !== 'object' || argument === null || !('signal' in argument)) return undefined;
  return argument.signal instanceof AbortSignal ? argument.signal : undefined;
}
