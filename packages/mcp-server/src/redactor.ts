// Removes secrets (the Coder session token, the HTTP bearer token) from any text before it leaves the process.
export const REDACTED = '[REDACTED]';

export type Redactor = (text: string) => string;

/**
 * Builds a function that replaces every secret in a text, in its raw form and in the form JSON escaping
 * gives it, so that a secret inside a serialized log line or error message is caught either way.
 */
export function createRedactor(secrets: ReadonlyArray<string | undefined>): Redactor {
  const forms = new Set<string>();
  for (const secret of secrets) {
    if (secret === undefined || secret.length === 0) continue;
    forms.add(secret);
    forms.add(JSON.stringify(secret).slice(1, -1));
    forms.add(encodeURIComponent(secret));
  }
  // Longest first, so that a secret containing another one is replaced whole.
  const ordered = [...forms].sort((left, right) => right.length - left.length);
  if (ordered.length === 0) return (text) => text;
  return (text) => {
    let redacted = text;
    for (const form of ordered) redacted = redacted.split(form).join(REDACTED);
    return redacted;
  };
}
