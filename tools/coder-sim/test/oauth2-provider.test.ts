// Coder's OAuth2 provider as the simulator plays it: absent without the experiment; registration, consent and a PKCE-bound, one-time code.
import { createHash, randomBytes } from 'node:crypto';
import { openSession, type SimulatorSession } from './support/simulator-session.js';

const REDIRECT = 'http://127.0.0.1:9/callback';

describe('the OAuth2 provider', () => {
  let session: SimulatorSession;
  const alice = () => ({ 'Coder-Session-Token': session.simulator.tokens['alice'] ?? '' });

  beforeAll(async () => {
    session = await openSession({ oauth2Provider: true, world: { members: ['alice'] } });
  });

  afterAll(() => session.close());

  const register = async () => {
    const answer = await session.call('POST', '/oauth2/register', { redirect_uris: [REDIRECT], token_endpoint_auth_method: 'client_secret_post' }, {});
    return answer.json as { client_id: string; client_secret: string };
  };

  const authorize = async (clientId: string, challenge: string) => {
    const query = new URLSearchParams({ response_type: 'code', client_id: clientId, redirect_uri: REDIRECT, code_challenge: challenge, code_challenge_method: 'S256', state: 's1' });
    const answer = await fetch(`${session.simulator.url}/oauth2/authorize?${query}`, { method: 'POST', headers: alice(), redirect: 'manual' });
    return new URL(answer.headers.get('location') ?? '');
  };

  const exchange = (fields: Record<string, string>) =>
    fetch(`${session.simulator.url}/oauth2/tokens`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields) });

  it('is absent on a deployment without the oauth2 experiment', async () => {
    const plain = await openSession();
    try {
      expect((await plain.call('GET', '/.well-known/oauth-authorization-server', undefined, {})).status).toBe(404);
    } finally {
      await plain.close();
    }
  });

  it('publishes its endpoints under the deployment URL', async () => {
    const metadata = (await session.call('GET', '/.well-known/oauth-authorization-server', undefined, {})).json;

    expect(metadata).toMatchObject({
      issuer: session.simulator.url,
      authorization_endpoint: `${session.simulator.url}/oauth2/authorize`,
      token_endpoint: `${session.simulator.url}/oauth2/tokens`,
      registration_endpoint: `${session.simulator.url}/oauth2/register`,
      code_challenge_methods_supported: ['S256'],
    });
  });

  it('refuses a registration without redirect URIs, and consent without a signed-in user', async () => {
    const registration = await session.call('POST', '/oauth2/register', { client_name: 'x' }, {});
    const client = await register();
    const consent = await session.call('GET', `/oauth2/authorize?response_type=code&client_id=${client.client_id}`, undefined, {});

    expect(registration.status).toBe(400);
    expect(registration.json).toMatchObject({ error: 'invalid_client_metadata' });
    expect(consent.status).toBe(401);
  });

  it('exchanges a code once, only with its PKCE verifier, for a token of the user who allowed it', async () => {
    const client = await register();
    const verifier = randomBytes(32).toString('base64url');
    const location = await authorize(client.client_id, createHash('sha256').update(verifier).digest('base64url'));
    const code = location.searchParams.get('code') ?? '';
    const fields = { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, client_id: client.client_id, client_secret: client.client_secret };

    const wrongVerifier = await exchange({ ...fields, code_verifier: 'x'.repeat(43) });
    const code2 = (await authorize(client.client_id, createHash('sha256').update(verifier).digest('base64url'))).searchParams.get('code') ?? '';
    const granted = await exchange({ ...fields, code: code2, code_verifier: verifier });
    const tokens = (await granted.json()) as { access_token: string; token_type: string };
    const replayed = await exchange({ ...fields, code: code2, code_verifier: verifier });
    const me = await session.call('GET', '/api/v2/users/me', undefined, { Authorization: `Bearer ${tokens.access_token}` });

    expect(location.searchParams.get('state')).toBe('s1');
    expect(wrongVerifier.status).toBe(400);
    expect(granted.status).toBe(200);
    expect(tokens.token_type).toBe('Bearer');
    expect(replayed.status).toBe(400);
    expect((me.json as { username: string }).username).toBe('alice');
  });
});
