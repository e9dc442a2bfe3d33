// Coder (or AgentAPI through Coder) answered with an HTTP error status.
import { CoderError, type CoderErrorDetails } from './coder-error.js';

/** One field-specific complaint in Coder's error body. */
export interface CoderValidation {
  field: string;
  detail: string;
}

export interface CoderApiErrorDetails extends CoderErrorDetails {
  status: number;
  /** Coder's `message` (or AgentAPI's `title`), or the HTTP status text when the body had none. */
  message: string;
  detail?: string | undefined;
  validations?: readonly CoderValidation[] | undefined;
  /** Coder's request id from the `X-Coder-Request-Id` header, when sent. */
  requestId?: string | undefined;
}

/** Statuses after which the same request may succeed if sent again later. */
const retryableStatuses: ReadonlySet<number> = new Set([408, 429, 500, 502, 503, 504]);

export class CoderApiError extends CoderError {
  override readonly name = 'CoderApiError';
  readonly status: number;
  readonly detail: string | undefined;
  readonly validations: readonly CoderValidation[];
  readonly requestId: string | undefined;
  readonly retryable: boolean;

  constructor(details: CoderApiErrorDetails) {
    const detailSuffix = details.detail ? ` (${details.detail})` : '';
    super(`${details.method} ${details.path} failed with ${details.status}: ${details.message}${detailSuffix}`, details);
    this.status = details.status;
    this.detail = details.detail;
    this.validations = details.validations ?? [];
    this.requestId = details.requestId;
    this.retryable = retryableStatuses.has(details.status);
  }
}
