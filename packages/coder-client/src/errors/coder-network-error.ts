// The request never got an answer: connection refused, reset, DNS failure, dropped socket.
import { CoderError, type CoderErrorDetails } from './coder-error.js';

export interface CoderNetworkErrorDetails extends CoderErrorDetails {
  /** What the network layer said, already stripped of anything secret. */
  reason: string;
  /** The system error code when there was one, e.g. `ECONNREFUSED`. */
  code?: string | undefined;
}

export class CoderNetworkError extends CoderError {
  override readonly name = 'CoderNetworkError';
  readonly reason: string;
  readonly code: string | undefined;
  readonly retryable = true;

  constructor(details: CoderNetworkErrorDetails) {
    const codeSuffix = details.code ? ` [${details.code}]` : '';
    super(`${details.method} ${details.path} got no answer: ${details.reason}${codeSuffix}`, details);
    this.reason = details.reason;
    this.code = details.code;
  }
}
