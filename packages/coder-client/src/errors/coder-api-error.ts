// Coder (or AgentAPI through Coder) answered with an HTTP error status, or with a redirect.
import { CoderError, type CoderErrorDetails } from './coder-error.js';

/** One field-specific complaint in Coder's error body. */
export interface CoderValidation {
  field: string;
  detail: string;
}

/**
 * What Coder's workspace app proxy said instead of passing the request to the app, read from its
 * redirects and HTML error pages (coder/coder coderd/workspaceapps):
 * - `token_refused`: a redirect to `/login` or `/api/v2/applications/auth-redirect`: the proxy
 *   did not accept the session token (expired, revoked, or not allowed to reach this app);
 * - `workspace_offline`: 400 page "Workspace Offline": the workspace's last transition was stop;
 * - `path_apps_disabled`: 401 (403 on newer releases) page "Path-based applications are disabled
 *   on this Coder deployment by the administrator.": only subdomain apps work there;
 * - `app_unreachable`: 502 page ("Bad Gateway: Failed to proxy request to application" or
 *   "Application Unavailable: Agent state is ..."): the agent or the app does not answer;
 * - `app_not_found`: 404 page "Application Not Found": no such app, workspace or agent, or no
 *   permission to reach it.
 */
export type AppProxyProblem = 'token_refused' | 'workspace_offline' | 'path_apps_disabled' | 'app_unreachable' | 'app_not_found';

export interface CoderApiErrorDetails extends CoderErrorDetails {
  status: number;
  /** Coder's `message` (or AgentAPI's `title`, or an HTML page's title), or the HTTP status text. */
  message: string;
  detail?: string | undefined;
  validations?: readonly CoderValidation[] | undefined;
  /** Coder's request id from the `X-Coder-Request-Id` header, when sent. */
  requestId?: string | undefined;
  /** For a 3xx answer: where it pointed (never followed), with any token redacted. */
  location?: string | undefined;
  /** Set only for a request through the app proxy whose answer came from the proxy itself. */
  appProxyProblem?: AppProxyProblem | undefined;
}

/** Statuses after which the same request may succeed if sent again later: the client retries safe requests on them. */
export const RETRYABLE_STATUSES: readonly number[] = [408, 429, 500, 502, 503, 504];

export class CoderApiError extends CoderError {
  override readonly name = 'CoderApiError';
  readonly status: number;
  readonly detail: string | undefined;
  readonly validations: readonly CoderValidation[];
  readonly requestId: string | undefined;
  /** Where a 3xx answer pointed, token redacted; the redirect was not followed. */
  readonly location: string | undefined;
  /** What the app proxy refused, when the request went through it and the proxy answered. */
  readonly appProxyProblem: AppProxyProblem | undefined;
  readonly retryable: boolean;

  constructor(details: CoderApiErrorDetails) {
    const detailSuffix = details.detail ? ` (${details.detail})` : '';
    super(`${details.method} ${details.path} failed with ${details.status}: ${details.message}${detailSuffix}`, details);
    this.status = details.status;
    this.detail = details.detail;
    this.validations = details.validations ?? [];
    this.requestId = details.requestId;
    this.location = details.location;
    this.appProxyProblem = details.appProxyProblem;
    this.retryable = RETRYABLE_STATUSES.includes(details.status);
  }
}
