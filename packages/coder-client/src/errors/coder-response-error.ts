// Coder answered, but the body does not have the shape the client expects for that endpoint.
import { CoderError, type CoderErrorDetails } from './coder-error.js';

/** One place where the body did not fit its schema. */
export interface CoderResponseIssue {
  /** Dotted path of the field, e.g. `workspaces.0.latest_build.status`; `(body)` for the whole body. */
  field: string;
  problem: string;
}

export interface CoderResponseErrorDetails extends CoderErrorDetails {
  status: number;
  issues: readonly CoderResponseIssue[];
}

export class CoderResponseError extends CoderError {
  override readonly name = 'CoderResponseError';
  readonly status: number;
  /** The first field that did not fit, the one the message names. */
  readonly field: string;
  readonly issues: readonly CoderResponseIssue[];
  readonly retryable = false;

  constructor(details: CoderResponseErrorDetails) {
    const first = details.issues[0] ?? { field: '(body)', problem: 'unexpected response' };
    const more = details.issues.length > 1 ? ` (and ${details.issues.length - 1} more)` : '';
    super(
      `${details.method} ${details.path} answered ${details.status} with an unexpected body: ${first.field}: ${first.problem}${more}`,
      details,
    );
    this.status = details.status;
    this.field = first.field;
    this.issues = details.issues;
  }
}
