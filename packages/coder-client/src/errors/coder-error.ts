// The base of every error the client throws, so callers can catch the whole family at once.

/** What every Coder client error says about the request that failed. */
export interface CoderErrorDetails {
  /** HTTP method of the request, e.g. `GET`. */
  method: string;
  /** Path of the request without its query string, e.g. `/api/v2/workspaces/{id}`. */
  path: string;
}

/**
 * Base class of the client's errors. Never carries the session token, the request or its
 * headers: only what a log line or a person needs.
 */
export abstract class CoderError extends Error {
  override readonly name: string = 'CoderError';
  readonly method: string;
  readonly path: string;
  /** Whether sending the same request again later may succeed. */
  abstract readonly retryable: boolean;

  protected constructor(message: string, details: CoderErrorDetails) {
    super(message);
    this.method = details.method;
    this.path = details.path;
  }
}
