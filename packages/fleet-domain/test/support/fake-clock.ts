// A WaitClock whose sleeps pass at once, moving its time on: waits run without waiting.
import type { WaitClock } from '../../src/waiting/wait-clock.js';

export class FakeClock implements WaitClock {
  time = 0;
  readonly sleeps: number[] = [];

  now(): number {
    return this.time;
  }

  async sleep(milliseconds: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) {
      throw signal.reason;
    }
    this.sleeps.push(milliseconds);
    this.time += milliseconds;
  }
}
