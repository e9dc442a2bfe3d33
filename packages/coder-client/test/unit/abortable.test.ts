// Tests letting one caller stop waiting for a shared promise, and what that leaves on the caller's signal.
import { getEventListeners } from 'node:events';
import { abortable, LearnedOnce } from '../../src/index.js';

describe('abortable', () => {
  it('hands back the promise itself when there is no signal', () => {
    const shared = Promise.resolve(1);

    expect(abortable(shared, undefined)).toBe(shared);
  });

  it('resolves and rejects as the promise does', async () => {
    const signal = new AbortController().signal;
    const failure = new Error('shared request failed');

    await expect(abortable(Promise.resolve('value'), signal)).resolves.toBe('value');
    await expect(abortable(Promise.reject(failure), signal)).rejects.toBe(failure);
  });

  it('rejects at once with the reason of a signal already aborted', async () => {
    const reason = new Error('caller gave up');

    await expect(abortable(new Promise(() => undefined), AbortSignal.abort(reason))).rejects.toBe(reason);
  });

  it('rejects with the reason when the signal aborts while waiting', async () => {
    const controller = new AbortController();
    const reason = new Error('caller gave up');

    const pending = abortable(new Promise(() => undefined), controller.signal);
    controller.abort(reason);

    await expect(pending).rejects.toBe(reason);
  });

  it('leaves no listener on a long-lived signal once each promise settled', async () => {
    const signal = new AbortController().signal;

    await abortable(Promise.resolve(1), signal);
    await abortable(Promise.reject(new Error('x')), signal).catch(() => undefined);

    expect(getEventListeners(signal, 'abort')).toHaveLength(0);
  });
});

describe('LearnedOnce', () => {
  it('learns once for every reader, concurrent or later', async () => {
    let asked = 0;
    const fact = new LearnedOnce(async () => {
      asked += 1;
      return 'v2';
    });

    const answers = await Promise.all([fact.get(), fact.get()]);
    const later = await fact.get();

    expect([...answers, later]).toEqual(['v2', 'v2', 'v2']);
    expect(asked).toBe(1);
  });

  it('forgets a failed attempt, so the next reader asks again', async () => {
    const answers = [Promise.reject(new Error('down')), Promise.resolve('v2')];
    let asked = 0;
    const fact = new LearnedOnce(() => answers[asked++] as Promise<string>);

    await expect(fact.get()).rejects.toThrow('down');
    await expect(fact.get()).resolves.toBe('v2');
    expect(asked).toBe(2);
  });
});
