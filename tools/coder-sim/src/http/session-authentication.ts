// Checks the session token as Coder does (header, cookie or query parameter) and answers 401 with Coder's wording.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
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

export function presentedSessionToken(request: IncomingMessage, query: URLSearchParams): string {
  const header = request.headers[SESSION_TOKEN_HEADER];
  const fromHeader = Array.isArray(header) ? header[0] : header;
  return fromHeader ?? cookieValue(request.headers.cookie, SESSION_TOKEN_COOKIE) ?? query.get(SESSION_TOKEN_COOKIE) ?? '';
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

/** Throws Coder's 401 unless the presented token is the accepted one. The token never appears in the error. */
export function requireSessionToken(presented: string, accepted: string): void {
  if (presented === accepted) {
    return;
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
  const sameKeyId = presented.split('-')[0] === accepted.split('-')[0];
  throw new CoderHttpError(401, {
    message: SIGNED_OUT_MESSAGE,
    detail: sameKeyId ? 'API key secret is invalid.' : 'API key is invalid.',
  });
}
