// Asks Coder, without any credential, what the per-user mode needs to know at start-up: its version, and whether it signs users in over OAuth2.

export interface ProbeOptions {
  signal?: AbortSignal;
  fetch?: typeof fetch;
}

/**
 * Whether the deployment runs Coder's OAuth2 provider (the `oauth2` experiment): its RFC 8414 metadata answers with an
 * authorization and a token endpoint. // coder/coder coderd/oauth2provider/metadata.go GetAuthorizationServerMetadata.
 */
export async function probeOAuth2Provider(coderUrl: string, options: ProbeOptions = {}): Promise<boolean> {
  const metadata = await getJson(`${coderUrl}/.well-known/oauth-authorization-server`, options);
  return (
    typeof metadata === 'object' &&
    metadata !== null &&
    typeof (metadata as Record<string, unknown>)['authorization_endpoint'] === 'string' &&
    typeof (metadata as Record<string, unknown>)['token_endpoint'] === 'string'
  );
}

/** Coder's version from its buildinfo, which needs no token; undefined when Coder does not answer. */
export async function probeCoderVersion(coderUrl: string, options: ProbeOptions = {}): Promise<string | undefined> {
  const info = await getJson(`${coderUrl}/api/v2/buildinfo`, options);
  const version = typeof info === 'object' && info !== null ? (info as Record<string, unknown>)['version'] : undefined;
  return typeof version === 'string' ? version : undefined;
}

async function getJson(url: string, options: ProbeOptions): Promise<unknown> {
  try {
    const response = await (options.fetch ?? fetch)(url, { headers: { Accept: 'application/json' }, redirect: 'manual', signal: options.signal });
    if (!response.ok) return undefined;
    return (await response.json()) as unknown;
  } catch {
    return undefined;
  }
}
