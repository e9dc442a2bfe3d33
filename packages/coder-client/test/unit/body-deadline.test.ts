// Tests that a body's deadline stops the fetch itself, not only the reading, for a successful answer and for an error answer.
import { z } from 'zod';
import { CoderApiError } from '../../src/errors/coder-api-error.js';
import { CoderTimeoutError } from '../../src/errors/coder-timeout-error.js';
import { CoderHttp } from '../../src/http/coder-http.js';

const token = 'body-deadline-token-0000000000000';
const anything = z.unknown();

/**
 * A fetch whose answer sends the start of a body and then nothing, like a connection that stalls;
 * cancelling the body does not end it (a fetch replacement may not tie the two), only the signal the
 * fetch was given does. Keeps that signal.
 */
function stallingFetch(status: number) {
  const seen: { signal?: AbortSignal } = {};
  const fetchStub = (async (input: RequestInfo | URL) => {
    seen.signal = (input as Request).signal;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"message":'));
      },
    });
    return new Response(body, { status, headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;
  return { fetch: fetchStub, seen };
}

describe('the deadline of a body', () => {
  it.each([
    ['a successful answer', 200, CoderTimeoutError],
    ['an error answer, still reporting its status', 404, CoderApiError],
  ])('aborts the fetch of %s whose body stalls', async (_name, status, expected) => {
    const coder = stallingFetch(status);
    const http = new CoderHttp({ url: 'http://coder.test', token, timeoutMs: 5_000, retryLimit: 0, maxRetryDelayMs: 1, fetch: coder.fetch });

    const error: unknown = await http.send({ method: 'GET', path: '/api/v2/workspaces/w1', timeoutMs: 50 }, anything).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(expected);
    expect(error).toMatchObject(status === 200 ? { timeoutMs: 50 } : { status });
    expect(coder.seen.signal?.aborted).toBe(true);
  });

  it('leaves the fetch alone when the body arrives in time', async () => {
    const seen: { signal?: AbortSignal } = {};
    const fetchStub = (async (input: RequestInfo | URL) => {
      seen.signal = (input as Request).signal;
      return new Response('{"ok":true}', { status: 200 });
    }) as typeof fetch;
    const http = new CoderHttp({ url: 'http://coder.test', token, timeoutMs: 5_000, retryLimit: 0, maxRetryDelayMs: 1, fetch: fetchStub });

    await expect(http.send({ method: 'GET', path: '/x', timeoutMs: 50 }, anything)).resolves.toEqual({ ok: true });
    expect(seen.signal?.aborted).toBe(false);
  });
});
