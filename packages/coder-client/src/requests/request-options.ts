// Per-call options every client method takes last.

export interface RequestOptions {
  /** Aborts the request (and any retry wait); the method then rejects with the signal's reason. */
  signal?: AbortSignal | undefined;
}
