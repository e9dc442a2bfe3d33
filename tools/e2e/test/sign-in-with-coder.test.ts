// Sign-in through Coder: an MCP SDK client with an OAuth provider finds Fleet's metadata, registers with the simulated Coder,
// gets its user's consent and a token there, and lists that user's agents.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { UnauthorizedError, type OAuthClientProvider } from '@modelcontextprotocol/sdk/client/auth.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { OAuthClientInformationMixed, OAuthClientMetadata, OAuthTokens } from '@modelcontextprotocol/sdk/shared/auth.js';
import { startSimulator, type RunningSimulator } from '@fleet/coder-sim';
import { FleetSession } from './support/fleet-session.js';
import { logRecords, startHttpFleetServer, type HttpFleetServer } from './support/http-fleet-server.js';
import { findLeaks } from './support/secret-leaks.js';
import { structuredOf } from './support/tool-result.js';
import type { ListAgentsOutput } from './support/tool-outputs.js';

const USER = 'alice';
const REDIRECT_URL = 'http://127.0.0.1:9/fleet-e2e/callback';

/**
 * What an MCP client such as Claude Code keeps for one server; its "browser" is a user already signed in to Coder
 * (the session token stands for the cookie), who allows the request on Coder's consent page.
 */
class SignedInBrowserProvider implements OAuthClientProvider {
  registered: OAuthClientInformationMixed | undefined;
  saved: OAuthTokens | undefined;
  verifier = '';
  authorizationCode: string | undefined;
  readonly visited: URL[] = [];

  constructor(private readonly coderSessionToken: string) {}

  get redirectUrl() {
    return REDIRECT_URL;
  }

  get clientMetadata(): OAuthClientMetadata {
    return {
      client_name: 'fleet-e2e',
      redirect_uris: [REDIRECT_URL],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_post',
    };
  }

  clientInformation() {
    return this.registered;
  }

  saveClientInformation(information: OAuthClientInformationMixed) {
    this.registered = information;
  }

  tokens() {
    return this.saved;
  }

  saveTokens(tokens: OAuthTokens) {
    this.saved = tokens;
  }

  saveCodeVerifier(verifier: string) {
    this.verifier = verifier;
  }

  codeVerifier() {
    return this.verifier;
  }

  async redirectToAuthorization(authorizationUrl: URL) {
    this.visited.push(authorizationUrl);
    const session = { 'Coder-Session-Token': this.coderSessionToken };
    const consent = await fetch(authorizationUrl, { headers: session });
    if (consent.status !== 200) throw new Error(`the consent page answered ${consent.status}: ${await consent.text()}`);
    const allowed = await fetch(authorizationUrl, { method: 'POST', headers: session, redirect: 'manual' });
    const location = allowed.headers.get('location');
    if (allowed.status !== 302 || location === null) throw new Error(`allowing answered ${allowed.status}: ${await allowed.text()}`);
    this.authorizationCode = new URL(location).searchParams.get('code') ?? undefined;
  }
}

describe('sign-in with Coder through its OAuth2 provider', () => {
  let simulator: RunningSimulator;
  let server: HttpFleetServer;
  let session: FleetSession | undefined;

  beforeAll(async () => {
    simulator = await startSimulator({ coderVersion: 'v2.30.0', speed: 0.05, oauth2Provider: true, world: { members: [USER, 'bob'] } });
    server = await startHttpFleetServer(['--auth', 'coder'], { CODER_URL: simulator.url });
  });

  afterAll(async () => {
    await session?.close();
    await server?.process.stop();
    await simulator?.close();
  });

  test('the server says at start-up that clients can sign in with Coder, and publishes metadata naming it', async () => {
    const metadata = (await (await fetch(new URL('/.well-known/oauth-protected-resource/mcp', server.endpoint))).json()) as Record<string, unknown>;
    const refused = await fetch(server.endpoint, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });

    expect(logRecords(server).some((record) => String(record['msg']).includes('runs its OAuth2 provider'))).toBe(true);
    expect(metadata).toMatchObject({ resource: server.endpoint, authorization_servers: [simulator.url] });
    expect(refused.headers.get('www-authenticate')).toContain(`resource_metadata="${new URL('/.well-known/oauth-protected-resource/mcp', server.endpoint).href}"`);
  });

  test('an SDK client discovers, registers, gets a token from Coder and lists its own agents', async () => {
    const provider = new SignedInBrowserProvider(simulator.tokens[USER] ?? '');
    const first = new StreamableHTTPClientTransport(new URL(server.endpoint), { authProvider: provider });
    await expect(new Client({ name: 'fleet-e2e', version: '1.0.0' }).connect(first)).rejects.toBeInstanceOf(UnauthorizedError);
    expect(provider.visited[0]?.origin).toBe(new URL(simulator.url).origin);
    expect(provider.registered?.client_id).toBeTruthy();
    await first.finishAuth(provider.authorizationCode ?? 'no code');

    session = await FleetSession.connect(new StreamableHTTPClientTransport(new URL(server.endpoint), { authProvider: provider }));
    const { agents } = structuredOf<ListAgentsOutput>(await session.call('list_agents'));

    expect(provider.saved?.access_token).toBeTruthy();
    expect(provider.saved?.access_token).not.toBe(simulator.tokens[USER]);
    expect(agents.length).toBeGreaterThan(0);
    expect(agents.every((agent) => agent.name.startsWith(`${USER}-`))).toBe(true);
    expect(findLeaks({ stderr: server.process.stderr.lines() }, [provider.saved?.access_token ?? '', simulator.tokens[USER] ?? ''])).toEqual([]);
  });
});
