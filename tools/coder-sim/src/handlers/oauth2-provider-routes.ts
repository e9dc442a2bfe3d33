// Coder's OAuth2 provider (the `oauth2` experiment): RFC 8414 metadata, dynamic client registration, consent, and the token exchange.
//
// Follows coder/coder coderd/oauth2provider (v2.34.3): metadata.go GetAuthorizationServerMetadata, registration.go
// CreateDynamicClientRegistration, authorize.go ShowAuthorizePage / ProcessAuthorize, tokens.go Tokens with
// authorizationCodeGrant and refreshTokenGrant. The access token is an ordinary API key of the user (LoginType
// oauth2_provider_app), so every route accepts it like any session token. Not modelled: scopes (the simulator grants
// everything, as Coder does when neither the app nor the request names one), revocation, RFC 7592 client management.
import type { SimulatorRequest } from '../http/simulator-request.js';
import { jsonResponse, type SimulatorResponse } from '../http/simulator-response.js';
import { AUTHORIZATION_CODE_LIFETIME_MS, verifiesChallenge, type OAuth2Client } from '../world/oauth2-grants.js';
import type { CoderRoute, HandlerContext } from './handler-context.js';

/** // coder/coder coderd/httpapi WriteOAuth2Error: RFC 6749 §5.2 `{error, error_description}`. */
function oauth2Error(status: number, error: string, description: string): SimulatorResponse {
  return jsonResponse(status, { error, error_description: description });
}

function metadata(context: HandlerContext): SimulatorResponse {
  const base = context.baseUrl();
  return jsonResponse(200, {
    issuer: base,
    authorization_endpoint: `${base}/oauth2/authorize`,
    token_endpoint: `${base}/oauth2/tokens`,
    revocation_endpoint: `${base}/oauth2/revoke`,
    registration_endpoint: `${base}/oauth2/register`,
    response_types_supported: ['code'],
    grant_types_supported: ['authorization_code', 'refresh_token'],
    code_challenge_methods_supported: ['S256'],
    token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
  });
}

async function register(context: HandlerContext, request: SimulatorRequest): Promise<SimulatorResponse> {
  const body = (await request.readJson()) as Record<string, unknown> | null;
  const redirectUris = Array.isArray(body?.['redirect_uris']) ? body['redirect_uris'].filter((uri): uri is string => typeof uri === 'string') : [];
  if (redirectUris.length === 0 || redirectUris.some((uri) => !URL.canParse(uri) || uri.includes('#'))) {
    return oauth2Error(400, 'invalid_client_metadata', 'redirect_uris is required and must hold absolute URIs without a fragment');
  }
  const stringsOr = (field: string, fallback: string[]) =>
    Array.isArray(body?.[field]) && (body[field] as unknown[]).length > 0 ? (body[field] as string[]) : fallback;
  // codersdk.OAuth2ClientRegistrationRequest.ApplyDefaults (v2.34.3).
  const client = context.oauth2.register({
    clientName: typeof body?.['client_name'] === 'string' && body['client_name'] !== '' ? body['client_name'] : 'Dynamically Registered Client',
    redirectUris,
    grantTypes: stringsOr('grant_types', ['authorization_code', 'refresh_token']),
    responseTypes: stringsOr('response_types', ['code']),
    tokenEndpointAuthMethod:
      typeof body?.['token_endpoint_auth_method'] === 'string' && body['token_endpoint_auth_method'] !== ''
        ? body['token_endpoint_auth_method']
        : 'client_secret_basic',
  });
  return jsonResponse(201, {
    client_id: client.clientId,
    client_secret: client.clientSecret,
    client_id_issued_at: client.issuedAt,
    client_secret_expires_at: 0,
    redirect_uris: client.redirectUris,
    client_name: client.clientName,
    grant_types: client.grantTypes,
    response_types: client.responseTypes,
    token_endpoint_auth_method: client.tokenEndpointAuthMethod,
    registration_client_uri: `${context.baseUrl()}/oauth2/clients/${client.clientId}`,
  });
}

interface AuthorizeRequest {
  client: OAuth2Client;
  redirectUri: string;
  state: string;
  codeChallenge: string;
  resource: string;
}

/** authorize.go extractAuthorizeParams: the query names a known client, one of its redirect URIs, and a PKCE S256 challenge. */
function authorizeRequest(context: HandlerContext, query: URLSearchParams): AuthorizeRequest | SimulatorResponse {
  const client = context.oauth2.client(query.get('client_id') ?? '');
  if (!client) {
    return oauth2Error(400, 'invalid_request', 'Unknown client_id');
  }
  const redirectUri = query.get('redirect_uri') ?? client.redirectUris[0] ?? '';
  if (!client.redirectUris.includes(redirectUri)) {
    return oauth2Error(400, 'invalid_request', 'redirect_uri does not match a registered redirect URI');
  }
  if (query.get('response_type') !== 'code') {
    return oauth2Error(400, 'unsupported_response_type', 'response_type must be code');
  }
  const codeChallenge = query.get('code_challenge') ?? '';
  if (!/^[A-Za-z0-9\-._~]{43,128}$/.test(codeChallenge) || (query.get('code_challenge_method') ?? 'S256') !== 'S256') {
    return oauth2Error(400, 'invalid_request', 'code_challenge is required, with code_challenge_method S256');
  }
  return { client, redirectUri, state: query.get('state') ?? '', codeChallenge, resource: query.get('resource') ?? '' };
}

/** GET: the consent page the signed-in user sees. */
function showConsent(context: HandlerContext, request: SimulatorRequest): SimulatorResponse {
  const parsed = authorizeRequest(context, request.query);
  if ('status' in parsed) {
    return parsed;
  }
  const text = `<!doctype html><title>Authorize ${parsed.client.clientName}</title><form method="post"><p>${parsed.client.clientName} wants to act as ${request.user.username}.</p><button>Allow</button></form>`;
  return { status: 200, body: { kind: 'text', text, contentType: 'text/html; charset=utf-8' } };
}

/** POST (the user allowed it): a code for the signed-in user, sent back to the client's redirect URI with 302. */
function approve(context: HandlerContext, request: SimulatorRequest): SimulatorResponse {
  const parsed = authorizeRequest(context, request.query);
  if ('status' in parsed) {
    return parsed;
  }
  const code = context.oauth2.issueCode({
    clientId: parsed.client.clientId,
    user: request.user,
    redirectUri: parsed.redirectUri,
    codeChallenge: parsed.codeChallenge,
    resource: parsed.resource,
    expiresAt: Date.now() + AUTHORIZATION_CODE_LIFETIME_MS,
  });
  const destination = new URL(parsed.redirectUri);
  destination.searchParams.set('code', code);
  if (parsed.state !== '') {
    destination.searchParams.set('state', parsed.state);
  }
  return { status: 302, headers: { Location: destination.toString() }, body: { kind: 'empty' } };
}

/** The client's credentials: form fields (client_secret_post) or HTTP Basic (client_secret_basic). */
function clientCredentials(request: SimulatorRequest, form: URLSearchParams): { id: string; secret: string } {
  const basic = /^Basic\s+(.+)$/i.exec(request.authorization ?? '')?.[1];
  if (basic) {
    const [id = '', secret = ''] = Buffer.from(basic, 'base64').toString('utf8').split(':').map((part) => decodeURIComponent(part));
    return { id, secret };
  }
  return { id: form.get('client_id') ?? '', secret: form.get('client_secret') ?? '' };
}

async function exchange(context: HandlerContext, request: SimulatorRequest): Promise<SimulatorResponse> {
  const form = await request.readForm();
  const credentials = clientCredentials(request, form);
  const client = context.oauth2.client(credentials.id);
  if (!client || client.clientSecret !== credentials.secret) {
    return oauth2Error(401, 'invalid_client', 'The client credentials are invalid');
  }
  const resource = form.get('resource') ?? '';
  let grant: { user: SimulatorRequest['user']; resource: string };
  switch (form.get('grant_type')) {
    case 'authorization_code': {
      const code = context.oauth2.consumeCode(form.get('code') ?? '');
      if (!code || code.clientId !== client.clientId || code.redirectUri !== (form.get('redirect_uri') ?? '')) {
        return oauth2Error(400, 'invalid_grant', 'The authorization code is invalid or expired');
      }
      if (!verifiesChallenge(form.get('code_verifier') ?? '', code.codeChallenge)) {
        return oauth2Error(400, 'invalid_grant', 'The PKCE code verifier is invalid');
      }
      if (resource !== code.resource) {
        return oauth2Error(400, 'invalid_target', 'The resource parameter is invalid');
      }
      grant = { user: code.user, resource: code.resource };
      break;
    }
    case 'refresh_token': {
      const previous = context.oauth2.consumeRefreshToken(form.get('refresh_token') ?? '');
      if (!previous || previous.clientId !== client.clientId || (resource !== '' && resource !== previous.resource)) {
        return oauth2Error(400, 'invalid_grant', 'The refresh token is invalid or expired');
      }
      // tokens.go refreshTokenGrant: the previous access token is replaced.
      context.tokens.revoke(previous.accessToken);
      grant = { user: previous.user, resource: previous.resource };
      break;
    }
    default:
      return oauth2Error(400, 'unsupported_grant_type', 'The grant type is missing or unsupported');
  }
  const accessToken = context.tokens.issue(grant.user);
  const refreshToken = context.oauth2.issueRefreshToken({ clientId: client.clientId, user: grant.user, accessToken, resource: grant.resource });
  const lifetimeSeconds = 24 * 60 * 60;
  return jsonResponse(200, {
    access_token: accessToken,
    token_type: 'Bearer',
    refresh_token: refreshToken,
    expiry: new Date(Date.now() + lifetimeSeconds * 1000).toISOString(),
    expires_in: lifetimeSeconds,
  });
}

export const oauth2ProviderRoutes: readonly CoderRoute[] = [
  { method: 'GET', template: '/.well-known/oauth-authorization-server', authenticated: false, handle: metadata },
  { method: 'POST', template: '/oauth2/register', authenticated: false, handle: register },
  // The browser's session signs the user in; Coder sends one without a session to its login page first.
  { method: 'GET', template: '/oauth2/authorize', authenticated: true, handle: showConsent },
  { method: 'POST', template: '/oauth2/authorize', authenticated: true, handle: approve },
  { method: 'POST', template: '/oauth2/tokens', authenticated: false, handle: exchange },
];
