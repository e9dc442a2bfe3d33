// The request was sent but no complete answer came within its deadline.
import { CoderError, type CoderErrorDetails } from './coder-error.js';

export interface CoderTimeoutErrorDetails extends CoderErrorDetails {
  timeoutMs: number;
  /**
   * The request was a write (not GET/HEAD): it may have reached the server and the change may have
   * happened (a prompt POST to AgentAPI, for one, can still be typed after the client gave up).
   * Such an error is not retryable.
   */
  mayHaveBeenApplied?: boolean | undefined;
}

export class CoderTimeoutError extends CoderError {
  override readonly name = 'CoderTimeoutError';
  readonly timeoutMs: number;
  /** True for a write that may have reached the server: check its effect before sending it again. */
  readonly mayHaveBeenApplied: boolean;
  readonly retryable: boolean;

  constructor(details: CoderTimeoutErrorDetails) {
    const mayHaveBeenApplied = details.mayHaveBeenApplied ?? false;
    const appliedSuffix = mayHaveBeenApplied ? '; the change may have been applied, check before sending it again' : '';
    super(`${details.method} ${details.path} timed out after ${details.timeoutMs} ms${appliedSuffix}`, details);
    this.timeoutMs = details.timeoutMs;
    this.mayHaveBeenApplied = mayHaveBeenApplied;
    this.retryable = !mayHaveBeenApplied;
  }
}
