// Checks the session token as Coder does (header, cookie or query parameter), finds whose it is, and answers 401 with Coder's wording.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { UserRecord } from '../world/world-model.js';
import { CoderHttpError } from './coder-error.js';

export const SESSION_TOKEN_HEADER = 'coder-session-token';
export const SESSION_TOKEN_COOKIE = 'coder_session_token';
const SIGNED_OUT_MESSAGE = 'You are signed out or your session has expired. Please sign in again to continue.';
const TOKEN_ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

function randomText(length: number): string {
  const bytes = randomBytes(length);
  let text = '';
  for (const byte of bytes) {
    text += TOKEN_ALPHABET.charAt(byte % TOKEN_ALPHABET.length);
  }
  return text;
}

/** A token shaped like Coder's API keys: a 10 character id, a dash, a 22 character secret. */
export function generateSessionToken(): string {
  return `${randomText(10)}-${randomText(22)}`;
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) {
    return undefined;
  }
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) {
      return rest.join('=');
    }
  }
  return undefined;
}

/**
 * // coder/coder coderd/httpmw/apikey.go APITokenFromRequest (v2.34.3): the cookie, the coder_session_token query
 * // parameter, the Coder-Session-Token header, then the RFC 6750 fallbacks: `Authorization: Bearer` and access_token.
 */
export function presentedSessionToken(request: IncomingMessage, query: URLSearchParams): string {
  const cookie = cookieValue(request.headers.cookie, SESSION_TOKEN_COOKIE);
  if (cookie) {
    return cookie;
  }
  const fromQuery = query.get(SESSION_TOKEN_COOKIE);
  if (fromQuery) {
    return fromQuery;
  }
  const header = request.headers[SESSION_TOKEN_HEADER];
  const fromHeader = Array.isArray(header) ? header[0] : header;
  if (fromHeader) {
    return fromHeader;
  }
  const bearer = /^Bearer\s+(.+)$/i.exec(request.headers.authorization ?? '')?.[1]?.trim();
  return bearer || query.get('access_token') || '';
}

function formatProblem(token: string): string | null {
  const parts = token.split('-');
  if (parts.length !== 2) {
    return `incorrect amount of API key parts, expected 2 got ${parts.length}`;
  }
  const [id = '', secret = ''] = parts;
  if (id.length !== 10) {
    return `invalid API key ID length, expected 10 got ${id.length}`;
  }
  if (secret.length !== 22) {
    return `invalid API key secret length, expected 22 got ${secret.length}`;
  }
  return null;
}

/**
 * The API keys the deployment knows, each belonging to one user, as Coder's api_keys table: a key that is revoked
 * (`coder tokens rm`, a sign-out) stops working at its next request.
 * // coder/coder coderd/httpmw/apikey.go ExtractAPIKey (v2.34.3): the key is looked up by its id, the secret compared,
 * // and any failure is a 401 "You are signed out or your session has expired." with the reason as detail.
 */
export class SessionTokens {
  readonly #owners = new Map<string, UserRecord>();

  /** Registers a key for `user`: the given one, or a new random one. */
  issue(user: UserRecord, token: string = generateSessionToken()): string {
    this.#owners.set(token, user);
    return token;
  }

  /** Forgets a key; false when it was not known. */
  revoke(token: string): boolean {
    return this.#owners.delete(token);
  }

  /** The user a presented key belongs to, or undefined. */
  ownerOf(presented: string): UserRecord | undefined {
    return this.#owners.get(presented);
  }

  /** The user a presented key belongs to, or Coder's 401 with its reason. The key never appears in the error. */
  authenticate(presented: string): UserRecord {
    const owner = this.#owners.get(presented);
    if (owner) {
      return owner;
    }
    if (presented === '') {
      throw new CoderHttpError(401, {
        message: SIGNED_OUT_MESSAGE,
        detail: `Cookie "${SESSION_TOKEN_COOKIE}" or query parameter must be provided.`,
      });
    }
    const problem = formatProblem(presented);
    if (problem) {
      throw new CoderHttpError(401, { message: SIGNED_OUT_MESSAGE, detail: `Invalid API key format: ${problem}` });
    }
    const keyId = presented.split('-')[0];
    const sameKeyId = [...this.#owners.keys()].some((token) => token.split('-')[0] === keyId);
    throw new CoderHttpError(401, {
      message: SIGNED_OUT_MESSAGE,
      detail: sameKeyId ? 'API key secret is invalid.' : 'API key is invalid.',
    });
  }
}
