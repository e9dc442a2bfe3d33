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

/** Query parameters whose value is a credential, e.g. `coder_session_token`, `access_token`, `coder_application_connect_api_key_35e783`. */
const credentialParameter = /token|api[-_]?key|secret|password|passwd|signature|credential|^code$/i;

/**
 * Redacts a URL (absolute or relative) before it is shown, e.g. a redirect's `Location`: the
 * token anywhere, user info (`https://user:secret@host`), and the value of every query parameter
 * whose name says it holds a credential.
 */
export function redactUrl(url: string, token: string): string {
  return redactToken(url, token)
    .replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#@]*@/i, `$1${replacement}@`)
    .replace(/([?&;])([^=&;#]*)=([^&;#]*)/g, (whole, separator: string, name: string) =>
      credentialParameter.test(safeDecode(name)) ? `${separator}${name}=${replacement}` : whole,
    );
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
