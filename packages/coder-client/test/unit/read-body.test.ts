// Tests reading a body within its byte limit and deadline: the exact limit, truncation, the deadline, the caller's abort, what is left behind.
import { getEventListeners } from 'node:events';
import { jest } from '@jest/globals';
import { BodyDeadlineError, BodyTooLargeError, readBodyText, type ReadBodyOptions } from '../../src/http/read-body.js';
import { useFakeTimersInEachTest } from '../support/fake-timers.js';

const encoder = new TextEncoder();

/** A body of the given chunks that then ends, or stalls when `stall` is set; keeps the reason it was cancelled with. */
function streamOf(chunks: string[], options: { stall?: boolean } = {}) {
  const seen: { cancelReason?: unknown; controller?: ReadableStreamDefaultController<Uint8Array> } = {};
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      seen.controller = controller;
      for (const chunk of chunks) {
        controller.enqueue(encoder.encode(chunk));
      }
      if (!options.stall) {
        controller.close();
      }
    },
    cancel(reason) {
      seen.cancelReason = reason;
    },
  });
  return { response: new Response(stream), seen };
}

const generous: ReadBodyOptions = { limitBytes: 1024, overLimit: 'fail', timeoutMs: 5_000 };

describe('readBodyText', () => {
  it('reads a body that has exactly limitBytes', async () => {
    const { response } = streamOf(['12345', '67890']);

    await expect(readBodyText(response, { ...generous, limitBytes: 10 })).resolves.toBe('1234567890');
  });

  it('fails one byte past limitBytes, naming the limit, and cancels the body', async () => {
    const { response, seen } = streamOf(['12345', '678901'], { stall: true });

    const error: unknown = await readBodyText(response, { ...generous, limitBytes: 10 }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(BodyTooLargeError);
    expect(error).toMatchObject({ name: 'BodyTooLargeError', limitBytes: 10, message: 'the body is larger than 10 bytes' });
    expect(seen.cancelReason).toBeInstanceOf(BodyTooLargeError);
  });

  it('returns the first limitBytes when told to truncate, and cancels the rest', async () => {
    const { response, seen } = streamOf(['1234', '56789', 'abc']);

    await expect(readBodyText(response, { ...generous, limitBytes: 6, overLimit: 'truncate' })).resolves.toBe('123456');
    expect(seen.cancelReason).toBeInstanceOf(BodyTooLargeError);
  });

  it('reads an answer without a body as empty text', async () => {
    await expect(readBodyText(new Response(null, { status: 204 }), generous)).resolves.toBe('');
  });

  it('stops a stalled body at the deadline: BodyDeadlineError, the body cancelled, onDeadline told once', async () => {
    const { response, seen } = streamOf(['{"partial":'], { stall: true });
    const onDeadline = jest.fn();

    const error: unknown = await readBodyText(response, { ...generous, timeoutMs: 30, onDeadline }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(BodyDeadlineError);
    expect(error).toMatchObject({ name: 'BodyDeadlineError', timeoutMs: 30, message: 'the body did not arrive within 30 ms' });
    expect(seen.cancelReason).toBeInstanceOf(BodyDeadlineError);
    expect(onDeadline).toHaveBeenCalledTimes(1);
  });

  it('stops at the deadline without an onDeadline too', async () => {
    const { response } = streamOf(['{"partial":'], { stall: true });

    await expect(readBodyText(response, { ...generous, timeoutMs: 30 })).rejects.toBeInstanceOf(BodyDeadlineError);
  });

  it('rejects with the caller’s reason when the signal is already aborted, and cancels the body with it', async () => {
    const { response, seen } = streamOf(['{}'], { stall: true });
    const reason = new Error('caller gave up');

    await expect(readBodyText(response, { ...generous, signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
    expect(seen.cancelReason).toBe(reason);
  });

  it('rejects with the caller’s reason when the caller aborts during the read', async () => {
    const { response } = streamOf(['{"partial":'], { stall: true });
    const controller = new AbortController();
    const reason = new Error('caller gave up');

    const pending = readBodyText(response, { ...generous, signal: controller.signal });
    controller.abort(reason);

    await expect(pending).rejects.toBe(reason);
  });

  it('rejects with the caller’s reason even when the same abort errors the body first (as fetch does)', async () => {
    const { response, seen } = streamOf(['{"partial":'], { stall: true });
    const controller = new AbortController();
    const reason = new Error('caller gave up');
    // fetch listens to the signal before the reader does, and errors the body with an AbortError.
    controller.signal.addEventListener('abort', () => seen.controller?.error(new DOMException('aborted', 'AbortError')));

    const pending = readBodyText(response, { ...generous, signal: controller.signal });
    await new Promise((resolve) => setImmediate(resolve));
    controller.abort(reason);

    await expect(pending).rejects.toBe(reason);
  });

  it('rejects with the body’s own error when the connection drops', async () => {
    const { response, seen } = streamOf(['{"partial":'], { stall: true });
    const dropped = new TypeError('terminated');

    const pending = readBodyText(response, generous);
    seen.controller?.error(dropped);

    await expect(pending).rejects.toBe(dropped);
  });

  describe('what it leaves behind', () => {
    useFakeTimersInEachTest();

    it('no timer once the body is read, so a finished process can exit, and no listener on the caller’s signal', async () => {
      const { response } = streamOf(['{}']);
      const signal = new AbortController().signal;

      await readBodyText(response, { ...generous, signal });

      expect(jest.getTimerCount()).toBe(0);
      expect(getEventListeners(signal, 'abort')).toHaveLength(0);
    });

    it('no timer after a failure either', async () => {
      const { response } = streamOf(['0123456789', 'x']);

      await readBodyText(response, { ...generous, limitBytes: 10 }).catch(() => undefined);

      expect(jest.getTimerCount()).toBe(0);
    });
  });
});
