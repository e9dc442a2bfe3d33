// The real clock the services wait on outside tests: a monotonic time, and sleeps that an abort ends with its reason.
import { systemClock } from '../../src/waiting/wait-clock.js';

describe('systemClock', () => {
  it('tells a time that never goes back', () => {
    const first = systemClock.now();
    const second = systemClock.now();

    expect(typeof first).toBe('number');
    expect(second).toBeGreaterThanOrEqual(first);
  });

  it('resolves a sleep, with or without a signal', async () => {
    await expect(systemClock.sleep(1)).resolves.toBeUndefined();
    await expect(systemClock.sleep(1, new AbortController().signal)).resolves.toBeUndefined();
  });

  it('refuses to sleep on a signal that aborted already, with its reason', async () => {
    const controller = new AbortController();
    controller.abort(new Error('caller gave up'));

    await expect(systemClock.sleep(60_000, controller.signal)).rejects.toThrow('caller gave up');
  });

  it('ends a sleep when its signal aborts, with the reason', async () => {
    const controller = new AbortController();
    const sleeping = systemClock.sleep(60_000, controller.signal);

    controller.abort(new Error('caller gave up'));

    await expect(sleeping).rejects.toThrow('caller gave up');
  });
});
