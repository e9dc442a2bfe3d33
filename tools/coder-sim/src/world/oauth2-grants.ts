// What Coder's OAuth2 provider remembers: registered clients, authorization codes waiting for exchange, refresh tokens.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { UserRecord } from './world-model.js';

export interface OAuth2Client {
  clientId: string;
  clientSecret: string;
  clientName: string;
  redirectUris: string[];
  grantTypes: string[];
  responseTypes: string[];
  tokenEndpointAuthMethod: string;
  issuedAt: number;
}

export interface AuthorizationCode {
  clientId: string;
  user: UserRecord;
  redirectUri: string;
  codeChallenge: string;
  /** RFC 8707: the resource the code was asked for; the token request must name the same */
  resource: string;
  expiresAt: number;
}

export interface RefreshGrant {
  clientId: string;
  user: UserRecord;
  accessToken: string;
  resource: string;
}

/** // coder/coder coderd/oauth2provider/authorize.go (v2.34.3): codes live ten minutes and are consumed by one exchange. */
export const AUTHORIZATION_CODE_LIFETIME_MS = 10 * 60_000;

function secret(): string {
  return randomBytes(24).toString('base64url');
}

export class OAuth2Grants {
  readonly #clients = new Map<string, OAuth2Client>();
  readonly #codes = new Map<string, AuthorizationCode>();
  readonly #refreshTokens = new Map<string, RefreshGrant>();

  register(fields: Omit<OAuth2Client, 'clientId' | 'clientSecret' | 'issuedAt'>): OAuth2Client {
    const client: OAuth2Client = { ...fields, clientId: randomUUID(), clientSecret: secret(), issuedAt: Math.floor(Date.now() / 1000) };
    this.#clients.set(client.clientId, client);
    return client;
  }

  client(clientId: string): OAuth2Client | undefined {
    return this.#clients.get(clientId);
  }

  issueCode(grant: AuthorizationCode): string {
    const code = secret();
    this.#codes.set(code, grant);
    return code;
  }

  /** The code's grant, once: a second exchange of the same code finds nothing. */
  consumeCode(code: string): AuthorizationCode | undefined {
    const grant = this.#codes.get(code);
    this.#codes.delete(code);
    return grant && grant.expiresAt > Date.now() ? grant : undefined;
  }

  issueRefreshToken(grant: RefreshGrant): string {
    const token = secret();
    this.#refreshTokens.set(token, grant);
    return token;
  }

  consumeRefreshToken(token: string): RefreshGrant | undefined {
    const grant = this.#refreshTokens.get(token);
    this.#refreshTokens.delete(token);
    return grant;
  }
}

/** RFC 7636 §4.6: BASE64URL(SHA256(code_verifier)) must equal the S256 code_challenge. */
export function verifiesChallenge(verifier: string, challenge: string): boolean {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url') === challenge;
}
