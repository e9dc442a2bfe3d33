// The fake clock: sleeps pass at once and move its time on; an aborted sleep rejects.
import { FakeClock } from '../src/fake-clock.js';

describe('FakeClock', () => {
  it('moves its time by each sleep and keeps the sleeps in order', async () => {
    const clock = new FakeClock();

    await clock.sleep(250);
    await clock.sleep(500);

    expect(clock.now()).toBe(750);
    expect(clock.sleeps).toEqual([250, 500]);
  });

  it('rejects a sleep whose signal is aborted with its reason, without moving on', async () => {
    const clock = new FakeClock();
    const reason = new Error('caller gave up');

    await expect(clock.sleep(1_000, AbortSignal.abort(reason))).rejects.toBe(reason);
    expect(clock.now()).toBe(0);
  });
});
