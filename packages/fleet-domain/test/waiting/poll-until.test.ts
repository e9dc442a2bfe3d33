// Polling with backoff, a time bound and an abort signal, on a clock that does not sleep.
import { FakeClock } from '@fleet/coder-fakes';
import { pollUntil } from '../../src/waiting/poll-until.js';
import { systemClock } from '../../src/waiting/wait-clock.js';

describe('pollUntil', () => {
  it('does not poll when the first observation is done', async () => {
    const clock = new FakeClock();
    let reads = 0;
    const result = await pollUntil({ first: 'done', read: async () => `read ${++reads}`, isDone: (value) => value === 'done', timeoutMs: 1_000, clock });
    expect([result, reads, clock.sleeps]).toEqual(['done', 0, []]);
  });

  it('backs off from 250 ms to 2 s between polls, one read a poll', async () => {
    const clock = new FakeClock();
    let reads = 0;
    const result = await pollUntil({ first: 0, read: async () => ++reads, isDone: (value) => value === 6, timeoutMs: 60_000, clock });
    expect(result).toBe(6);
    expect(clock.sleeps).toEqual([250, 500, 1000, 2000, 2000, 2000]);
  });

  it('returns the last observation at the bound without sleeping past it', async () => {
    const clock = new FakeClock();
    let reads = 0;
    const observed: number[] = [];
    const result = await pollUntil({
      first: 0,
      read: async () => ++reads,
      observe: (value) => observed.push(value),
      isDone: () => false,
      timeoutMs: 1_000,
      clock,
    });
    expect(clock.sleeps).toEqual([250, 500, 250]);
    expect(clock.time).toBe(1_000);
    expect(result).toBe(3);
    expect(observed).toEqual([0, 1, 2, 3]);
  });

  it('rejects with the abort reason when the signal aborts during a real sleep', async () => {
    const controller = new AbortController();
    const polling = pollUntil({ first: 0, read: async () => 1, isDone: () => false, timeoutMs: 60_000, clock: systemClock, signal: controller.signal });
    controller.abort(new Error('stop waiting'));
    await expect(polling).rejects.toThrow('stop waiting');
  });
});
