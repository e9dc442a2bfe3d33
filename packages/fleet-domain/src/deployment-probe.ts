// What Coder tells anyone, without a credential: its version, and whether its OAuth2 provider signs users in.
import { CoderClient } from '@fleet/coder-client';

export interface ProbeOptions {
  signal?: AbortSignal;
}

/** Coder's version from its buildinfo; undefined when Coder does not answer (the caller serves on and says so). */
export async function probeCoderVersion(url: string, options: ProbeOptions = {}): Promise<string | undefined> {
  try {
    return (await anonymousClient(url).getBuildInfo({ signal: options.signal })).version;
  } catch {
    return undefined;
  }
}

/**
 * Whether the deployment runs Coder's OAuth2 provider (the `oauth2` experiment): its RFC 8414 metadata names an
 * authorization and a token endpoint (coder/coder coderd/oauth2provider/metadata.go). False when it does not answer.
 */
export async function probeOAuth2Provider(url: string, options: ProbeOptions = {}): Promise<boolean> {
  try {
    await anonymousClient(url).getOAuth2AuthorizationServerMetadata({ signal: options.signal });
    return true;
  } catch {
    return false;
  }
}

/** No token, no retries: a start-up probe asks once and moves on. */
function anonymousClient(url: string): CoderClient {
  return new CoderClient({ url, token: '', retry: { limit: 0 } });
}
