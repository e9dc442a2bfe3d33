// Answers that take their time: one held until the test releases it, one that only an abort ends.
import { heldUntilReleased, untilAborted } from '../src/held-answers.js';

describe('heldUntilReleased', () => {
  it('says when a call arrived and answers it only once released', async () => {
    const held = heldUntilReleased(async (name: string) => `hello ${name}`);
    let answered = false;

    const answer = held.answer('fleet').then((value) => {
      answered = true;
      return value;
    });
    await held.entered;
    await new Promise((resolve) => setImmediate(resolve));
    const answeredBeforeRelease = answered;
    held.release();

    expect(answeredBeforeRelease).toBe(false);
    expect(await answer).toBe('hello fleet');
  });
});

describe('untilAborted', () => {
  it('rejects with the reason once the signal among its arguments aborts', async () => {
    const controller = new AbortController();
    const reason = new Error('the caller gave up');

    const waiting = untilAborted('workspace-id', { signal: controller.signal });
    controller.abort(reason);

    await expect(waiting).rejects.toBe(reason);
  });

  it('rejects at once for a signal aborted already', async () => {
    const reason = new Error('too late');

    await expect(untilAborted({ signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
  });
});
