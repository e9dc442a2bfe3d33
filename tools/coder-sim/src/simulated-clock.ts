// Scales simulated durations by the speed factor and owns every timer, so closing the simulator stops them all.

/** The instant the seeded world was "created"; seeded histories end here, so ids and times never depend on the wall clock. */
export const WORLD_EPOCH_MS = Date.parse('2025-06-02T09:00:00.000Z');

export type CancelTimer = () => void;

export class SimulatedClock {
  private readonly timers = new Set<NodeJS.Timeout>();
  private disposed = false;

  constructor(readonly speed: number) {
    if (!Number.isFinite(speed) || speed < 0) {
      throw new Error(`The speed factor must be a number >= 0, got ${speed}.`);
    }
  }

  /** Wall-clock milliseconds: only the live state machines use it. */
  now(): number {
    return Date.now();
  }

  /** Runs the action after baseMs scaled by the speed factor; returns a function that cancels it. */
  after(baseMs: number, action: () => void): CancelTimer {
    if (this.disposed) {
      return () => undefined;
    }
    const timer = setTimeout(
      () => {
        this.timers.delete(timer);
        action();
      },
      Math.max(0, Math.round(baseMs * this.speed)),
    );
    timer.unref();
    this.timers.add(timer);
    return () => {
      clearTimeout(timer);
      this.timers.delete(timer);
    };
  }

  /** Resolves after baseMs scaled by the speed factor (at once when disposed). */
  wait(baseMs: number): Promise<void> {
    return new Promise((resolve) => {
      if (this.disposed || baseMs <= 0) {
        resolve();
        return;
      }
      this.after(baseMs, resolve);
    });
  }

  dispose(): void {
    this.disposed = true;
    for (const timer of this.timers) {
      clearTimeout(timer);
    }
    this.timers.clear();
  }
}
