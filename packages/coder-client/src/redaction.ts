// Removes secrets (a session token, a bearer token) from any text before it can reach an error, a log line or a file.
export const REDACTED = '[REDACTED]';

export type Redactor = (text: string) => string;

/**
 * Where a secret may start: at the start of the text, after a character no token is made of, or right after an
 * escape that serializing put in front of it (`\n` or `\u001b` in JSON, `%0A` in a URL), whose last character is a
 * letter or digit. A secret inside a longer word is not one: replacing it would garble the word and tell the
 * secret's letters (a one-letter token made `"time"` into `"tim[REDACTED]"`).
 */
const SECRET_START = String.raw`(?:(?<![A-Za-z0-9])|(?<=\\[bfnrt])|(?<=\\u[0-9A-Fa-f]{4})|(?<=%[0-9A-Fa-f]{2}))`;
const SECRET_END = '(?![A-Za-z0-9])';

/**
 * Builds a function that replaces every whole occurrence of a secret in a text, in its raw form and in the forms
 * JSON escaping and URL encoding give it, so that a secret inside a serialized log line or error message is caught
 * either way.
 */
export function createRedactor(secrets: ReadonlyArray<string | undefined>): Redactor {
  const forms = new Set<string>();
  for (const secret of secrets) {
    if (secret === undefined || secret.length === 0) continue;
    forms.add(secret);
    forms.add(JSON.stringify(secret).slice(1, -1));
    forms.add(encodeURIComponent(secret));
  }
  if (forms.size === 0) return (text) => text;
  // Longest first, so that a secret containing another one is replaced whole.
  const alternatives = [...forms].sort((left, right) => right.length - left.length).map(bounded);
  const pattern = new RegExp(alternatives.join('|'), 'g');
  return (text) => text.replace(pattern, REDACTED);
}

/** A form of a secret as a pattern; an edge that is a letter or digit must not continue a longer word. */
function bounded(form: string): string {
  const start = /^[A-Za-z0-9]/.test(form) ? SECRET_START : '';
  const end = /[A-Za-z0-9]$/.test(form) ? SECRET_END : '';
  return `${start}${escapeRegExp(form)}${end}`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

/** Replaces every whole occurrence of `token` in `text`, raw, JSON-escaped or URL-encoded. An empty token redacts nothing. */
export function redactToken(text: string, token: string): string {
  return createRedactor([token])(text);
}

/** Query parameters whose value is a credential, e.g. `coder_session_token`, `access_token`, `coder_application_connect_api_key_35e783`. */
const credentialParameter = /token|api[-_]?key|secret|password|passwd|signature|credential|^code$/i;

/**
 * Redacts a URL (absolute or relative) before it is shown, e.g. a redirect's `Location`: the
 * token anywhere, user info (`https://user:secret@host`), and the value of every query parameter
 * whose name says it holds a credential.
 */
export function redactUrl(url: string, token: string): string {
  return redactToken(url, token)
    .replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#@]*@/i, `$1${REDACTED}@`)
    .replace(/([?&;])([^=&;#]*)=([^&;#]*)/g, (whole, separator: string, name: string) =>
      credentialParameter.test(safeDecode(name)) ? `${separator}${name}=${REDACTED}` : whole,
    );
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
