// Recognises the answers Coder's workspace app proxy gives instead of the app's own.
//
// Source: coder/coder coderd/workspaceapps/errors.go, proxy.go, db.go, coderd/tailnet.go,
// coderd/httpmw/apikey.go (RedirectToLogin) and site/static/error.html, whose pages carry
// `<title>{status} - {title}</title>` and the description in the first `<p>`.
import type { AppProxyProblem } from '../errors/coder-api-error.js';
import type { ErrorBodyDescription } from './describe-error-body.js';

/** Whether `path` is on the path-based app proxy: `/@user/workspace.agent/apps/slug/...` (or `/%40user/...`). */
export function isAppProxyPath(path: string): boolean {
  return /^\/(@|%40)/i.test(path);
}

/** Paths the proxy redirects to when it does not accept the caller's session. */
function isSignInRedirect(location: string, requestUrl: string): boolean {
  let pathname: string;
  try {
    pathname = new URL(location, requestUrl || 'http://invalid.invalid/').pathname;
  } catch {
    return false;
  }
  return /\/login\/?$/.test(pathname) || /\/api\/v2\/applications\/auth-redirect\/?$/.test(pathname);
}

export interface ProxyAnswer {
  status: number;
  /** The raw `Location` header of a 3xx answer. */
  location?: string | undefined;
  /** The URL the request went to, to resolve a relative `Location`. */
  requestUrl: string;
  description?: ErrorBodyDescription | undefined;
}

/**
 * What the proxy refused, for an answer to a request that went through it; `undefined` when the
 * answer does not look like one of the proxy's own (e.g. it is the app's JSON error).
 */
export function appProxyProblemOf(answer: ProxyAnswer): AppProxyProblem | undefined {
  const { status, description } = answer;
  if (status >= 300 && status < 400) {
    // 303 in current releases (307 in older ones) to /login?message=...&redirect=... on the
    // dashboard's host, or to /api/v2/applications/auth-redirect?redirect_uri=... elsewhere.
    return answer.location && isSignInRedirect(answer.location, answer.requestUrl) ? 'token_refused' : undefined;
  }
  if (!description?.html) {
    return undefined;
  }
  const text = `${description.message} ${description.detail ?? ''}`;
  if (status === 400 && /workspace offline/i.test(text)) {
    return 'workspace_offline';
  }
  if ((status === 401 || status === 403) && /path-based applications are disabled/i.test(text)) {
    return 'path_apps_disabled';
  }
  if (status === 502) {
    return 'app_unreachable';
  }
  if (status === 404) {
    return 'app_not_found';
  }
  return undefined;
}
