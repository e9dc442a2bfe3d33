// Removes the session token and credential headers from a HAR entry before Polly writes it.

/** Request headers that carry credentials and never reach a recording. */
const credentialRequestHeaders: ReadonlySet<string> = new Set(['coder-session-token', 'authorization', 'cookie']);
/** Response headers that may carry credentials. */
const credentialResponseHeaders: ReadonlySet<string> = new Set(['set-cookie']);

const replacement = '[REDACTED]';

function redact(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) {
    result = result.split(secret).join(replacement);
    const encoded = encodeURIComponent(secret);
    if (encoded !== secret) {
      result = result.split(encoded).join(replacement);
    }
  }
  return result;
}

/** Replaces every secret in every string of `value`, in place for objects and arrays. */
function redactDeep(value: unknown, secrets: readonly string[]): unknown {
  if (typeof value === 'string') {
    return redact(value, secrets);
  }
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index += 1) {
      value[index] = redactDeep(value[index], secrets);
    }
    return value;
  }
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      record[key] = redactDeep(record[key], secrets);
    }
  }
  return value;
}

function withoutHeaders(headers: unknown, names: ReadonlySet<string>): unknown {
  if (!Array.isArray(headers)) {
    return headers;
  }
  return headers.filter((header: unknown) => {
    const name = typeof header === 'object' && header !== null && 'name' in header ? String(header.name) : '';
    return !names.has(name.toLowerCase());
  });
}

/**
 * Drops credential headers and cookies, then replaces each secret (the session token, and any
 * other token the script used) wherever it still occurs: URL, query, bodies, headers.
 */
export function stripSecrets(entry: Record<string, unknown>, secrets: readonly string[]): void {
  const usableSecrets = secrets.filter((secret) => secret.length > 0);
  const request = entry['request'];
  if (typeof request === 'object' && request !== null) {
    const requestRecord = request as Record<string, unknown>;
    requestRecord['headers'] = withoutHeaders(requestRecord['headers'], credentialRequestHeaders);
    requestRecord['cookies'] = [];
  }
  const response = entry['response'];
  if (typeof response === 'object' && response !== null) {
    const responseRecord = response as Record<string, unknown>;
    responseRecord['headers'] = withoutHeaders(responseRecord['headers'], credentialResponseHeaders);
    responseRecord['cookies'] = [];
  }
  redactDeep(entry, usableSecrets);
}
