// Removes the session token from any text before it can reach an error, a log line or a file.

const replacement = '[REDACTED]';

/**
 * Replaces every occurrence of `token` in `text`, both as-is and URL-encoded. An empty token
 * redacts nothing.
 */
export function redactToken(text: string, token: string): string {
  if (!token) {
    return text;
  }
  let redacted = text.split(token).join(replacement);
  const encoded = encodeURIComponent(token);
  if (encoded !== token) {
    redacted = redacted.split(encoded).join(replacement);
  }
  return redacted;
}
