// A clock for the fleet's waits (fleet-domain's WaitClock) whose sleeps pass at once, moving its time on: waits run without waiting.

export class FakeClock {
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
