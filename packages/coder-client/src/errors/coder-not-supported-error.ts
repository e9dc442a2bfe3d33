// The Coder server does not offer what was asked (e.g. the Tasks API on Coder 2.37 and later).
import { CoderError, type CoderErrorDetails } from './coder-error.js';

export interface CoderNotSupportedErrorDetails extends CoderErrorDetails {
  /** What is missing, e.g. `Tasks API`. */
  feature: string;
  /** The server's version as its buildinfo reports it. */
  coderVersion: string;
}

export class CoderNotSupportedError extends CoderError {
  override readonly name = 'CoderNotSupportedError';
  readonly feature: string;
  readonly coderVersion: string;
  readonly retryable = false;

  constructor(details: CoderNotSupportedErrorDetails) {
    super(
      `${details.method} ${details.path}: the ${details.feature} is not supported by this Coder (${details.coderVersion})`,
      details,
    );
    this.feature = details.feature;
    this.coderVersion = details.coderVersion;
  }
}
