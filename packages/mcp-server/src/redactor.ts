// Removes secrets (the Coder session token, the HTTP bearer token) from any text before it leaves the process.
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
