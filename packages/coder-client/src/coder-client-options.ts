// What a caller passes to `new CoderClient(...)`, and the defaults of what it leaves out.

export interface CoderRetryOptions {
  /** How many times a safe request (GET, HEAD) is sent again after a retryable failure; default 2. */
  limit?: number;
  /** Longest wait before one retry, whatever `Retry-After` asks; default 10 000 ms. */
  maxRetryDelayMs?: number;
}

export interface CoderClientOptions {
  /** The deployment's URL, the value of `CODER_URL`. */
  url: string;
  /** A session token, the value of `CODER_SESSION_TOKEN`; sent only in the `Coder-Session-Token` header. */
  token: string;
  /** Longest wait for an answer (and again for reading its body); default 30 000 ms. */
  timeoutMs?: number;
  retry?: CoderRetryOptions;
  /** A fetch to use instead of `globalThis.fetch` (which is otherwise looked up at request time). */
  fetch?: typeof fetch;
  userAgent?: string;
}

export const defaultTimeoutMs = 30_000;
export const defaultRetryLimit = 2;
export const defaultMaxRetryDelayMs = 10_000;
