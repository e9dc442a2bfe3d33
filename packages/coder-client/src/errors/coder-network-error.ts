// The request never got a (complete) answer: connection refused, reset, DNS failure, dropped socket.
import { CoderError, type CoderErrorDetails } from './coder-error.js';

export interface CoderNetworkErrorDetails extends CoderErrorDetails {
  /** What the network layer said, already stripped of anything secret. */
  reason: string;
  /** The system error code when there was one, e.g. `ECONNREFUSED`. */
  code?: string | undefined;
  /**
   * The request was a write (not GET/HEAD) that may have reached the server before the connection
   * failed: the change may have happened. Such an error is not retryable.
   */
  mayHaveBeenApplied?: boolean | undefined;
}

export class CoderNetworkError extends CoderError {
  override readonly name = 'CoderNetworkError';
  readonly reason: string;
  readonly code: string | undefined;
  /** True for a write that may have reached the server: check its effect before sending it again. */
  readonly mayHaveBeenApplied: boolean;
  readonly retryable: boolean;

  constructor(details: CoderNetworkErrorDetails) {
    const codeSuffix = details.code ? ` [${details.code}]` : '';
    const mayHaveBeenApplied = details.mayHaveBeenApplied ?? false;
    const appliedSuffix = mayHaveBeenApplied ? '; the change may have been applied, check before sending it again' : '';
    super(`${details.method} ${details.path} got no answer: ${details.reason}${codeSuffix}${appliedSuffix}`, details);
    this.reason = details.reason;
    this.code = details.code;
    this.mayHaveBeenApplied = mayHaveBeenApplied;
    this.retryable = !mayHaveBeenApplied;
  }
}
