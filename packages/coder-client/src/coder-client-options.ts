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
  /**
   * Longest wait for AgentAPI to answer a prompt (`POST <app>/message`), and again for its body;
   * default {@link defaultPromptTimeoutMs}. AgentAPI waits up to 15 s for the screen to settle,
   * types, then up to 15 s more for it to change, so a healthy prompt can take ~30 s.
   */
  promptTimeoutMs?: number;
  /** Largest response body read before the call fails; default {@link maximumResponseBytes}. */
  maxResponseBytes?: number;
  retry?: CoderRetryOptions;
  /** A fetch to use instead of `globalThis.fetch` (which is otherwise looked up at request time). */
  fetch?: typeof fetch;
  userAgent?: string;
}

export const defaultTimeoutMs = 30_000;
/** Default deadline of a prompt POST to AgentAPI: three times the ~30 s it can legitimately take. */
export const defaultPromptTimeoutMs = 90_000;
export const defaultRetryLimit = 2;
export const defaultMaxRetryDelayMs = 10_000;
/**
 * Largest successful response body the client reads: 64 MiB. A real page of workspaces is a few
 * MB (each workspace carries every app status it ever had, 50–140 KB); anything much larger is a
 * runaway body, and reading stops there with a CoderResponseError rather than filling memory.
 */
export const maximumResponseBytes = 64 * 1024 * 1024;
/** Most bytes of an error answer read to describe it (the rest is dropped, the error stands). */
export const maximumErrorBodyBytes = 64 * 1024;
