// Reads a response body through its stream reader, within a deadline and a byte limit.
//
// Not `response.text()`: undici holds the request's abort signal through a weak reference, so
// after a garbage collection aborting that signal may no longer reach a body being read that way.
// Cancelling the reader itself always ends the read (and closes the connection).

/** The body grew past the limit; reading stopped there. */
export class BodyTooLargeError extends Error {
  override readonly name = 'BodyTooLargeError';
  constructor(readonly limitBytes: number) {
    super(`the body is larger than ${limitBytes} bytes`);
  }
}

/** The body did not arrive in full before the deadline; reading stopped there. */
export class BodyDeadlineError extends Error {
  override readonly name = 'BodyDeadlineError';
  constructor(readonly timeoutMs: number) {
    super(`the body did not arrive within ${timeoutMs} ms`);
  }
}

export interface ReadBodyOptions {
  /** Most bytes read. */
  limitBytes: number;
  /** Past `limitBytes`: `fail` throws BodyTooLargeError, `truncate` returns the first `limitBytes`. */
  overLimit: 'fail' | 'truncate';
  /** Longest time for the whole body, from now. */
  timeoutMs: number;
  /** The caller's signal: its abort cancels the read and rejects with its reason. */
  signal?: AbortSignal | undefined;
  /** Called when the deadline passes, e.g. to abort the fetch as well. */
  onDeadline?: (() => void) | undefined;
}

/**
 * Reads `response`'s body as UTF-8 text. Rejects with BodyDeadlineError at the deadline, with
 * BodyTooLargeError past the limit (when `overLimit` is `fail`), with the caller's abort reason,
 * or with the stream's own error (a dropped connection).
 */
export async function readBodyText(response: Response, options: ReadBodyOptions): Promise<string> {
  const body = response.body;
  if (!body) {
    return '';
  }
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let bytes = 0;
  let stoppedBy: 'deadline' | 'caller' | undefined;

  const cancel = (reason: unknown) => {
    reader.cancel(reason).catch(() => undefined);
  };
  const timer = setTimeout(() => {
    stoppedBy ??= 'deadline';
    cancel(new BodyDeadlineError(options.timeoutMs));
    options.onDeadline?.();
  }, options.timeoutMs);
  const onCallerAbort = () => {
    stoppedBy ??= 'caller';
    cancel(options.signal?.reason);
  };
  if (options.signal?.aborted) {
    onCallerAbort();
  } else {
    options.signal?.addEventListener('abort', onCallerAbort, { once: true });
  }

  const stopped = (): unknown =>
    stoppedBy === 'deadline' ? new BodyDeadlineError(options.timeoutMs) : options.signal?.reason;

  try {
    for (;;) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch (error) {
        throw stoppedBy ? stopped() : error;
      }
      if (stoppedBy) {
        throw stopped();
      }
      if (chunk.done) {
        return text + decoder.decode();
      }
      const room = options.limitBytes - bytes;
      if (chunk.value.byteLength > room) {
        cancel(new BodyTooLargeError(options.limitBytes));
        if (options.overLimit === 'fail') {
          throw new BodyTooLargeError(options.limitBytes);
        }
        return text + decoder.decode(chunk.value.subarray(0, room));
      }
      bytes += chunk.value.byteLength;
      text += decoder.decode(chunk.value, { stream: true });
    }
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onCallerAbort);
  }
}
