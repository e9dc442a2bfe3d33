// What makes a Coder deployment's URL usable: the one check, for the client and for whoever configures one.

/** Why a URL cannot be a deployment's base URL. */
export type CoderUrlProblem = 'not_a_url' | 'credentials' | 'not_http' | 'query_or_fragment';

export type CoderUrlCheck = { ok: true; url: URL } | { ok: false; problem: CoderUrlProblem; protocol?: string };

/**
 * An absolute http(s) URL with no user info, query or fragment. Credentials are checked first, so that a caller
 * can say what else is wrong without echoing a URL that holds them.
 */
export function checkCoderUrl(value: string): CoderUrlCheck {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { ok: false, problem: 'not_a_url' };
  }
  if (url.username !== '' || url.password !== '') return { ok: false, problem: 'credentials' };
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, problem: 'not_http', protocol: url.protocol };
  if (url.search !== '' || url.hash !== '') return { ok: false, problem: 'query_or_fragment' };
  return { ok: true, url };
}
