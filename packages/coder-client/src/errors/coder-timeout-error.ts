// The request was sent but no complete answer came within the client's timeout.
import { CoderError, type CoderErrorDetails } from './coder-error.js';

export interface CoderTimeoutErrorDetails extends CoderErrorDetails {
  timeoutMs: number;
}

export class CoderTimeoutError extends CoderError {
  override readonly name = 'CoderTimeoutError';
  readonly timeoutMs: number;
  readonly retryable = true;

  constructor(details: CoderTimeoutErrorDetails) {
    super(`${details.method} ${details.path} timed out after ${details.timeoutMs} ms`, details);
    this.timeoutMs = details.timeoutMs;
  }
}
