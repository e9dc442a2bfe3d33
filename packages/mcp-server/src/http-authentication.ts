// Who sent an HTTP request, decided from its Authorization header: the operator's shared token, or a Coder credential of the caller's own.
import { checkBearerToken, presentedBearerToken } from './bearer-token.js';
import type { CoderIdentities, CoderIdentity } from './coder-identities.js';

export type Authentication<Caller> =
  | { kind: 'accepted'; caller: Caller }
  | {
      kind: 'refused';
      /** 401: the credential is missing or wrong; 503: it could not be checked now. */
      status: 401 | 503;
      /** RFC 6750 error code for WWW-Authenticate; absent when no credential was sent. */
      error?: 'invalid_token';
      /** For the client: what to send instead. Never quotes the credential. */
      message: string;
      /** For the refusal log. */
      reason: string;
      logFields?: Record<string, unknown>;
    };

export type Authenticate<Caller> = (authorization: string | undefined) => Authentication<Caller> | Promise<Authentication<Caller>>;

/** Any of the operator's tokens (several during a rotation) lets a client act as the operator's Coder user. */
export function sharedTokenAuthentication(bearerToken: string | readonly string[]): Authenticate<undefined> {
  return (authorization) => {
    const check = checkBearerToken(authorization, bearerToken);
    if (check === 'accepted') return { kind: 'accepted', caller: undefined };
    return {
      kind: 'refused',
      status: 401,
      ...(check === 'missing' ? {} : { error: 'invalid_token' as const }),
      message: 'Unauthorized: send "Authorization: Bearer <token>" with the token the operator set in FLEET_HTTP_TOKEN',
      reason: 'bearer token missing or wrong',
      logFields: { check },
    };
  };
}

/** A client with the credential of an identity, which Fleet forgets when Coder refuses it during a call. */
export interface CoderCaller extends CoderIdentity {
  /** Coder refused the credential during a call: its next request is checked again. */
  credentialRefused(): void;
}

const SIGN_IN_ADVICE =
  'send "Authorization: Bearer <token>" with your own Coder token (create one with "coder tokens create") or sign in with Coder through an OAuth-capable MCP client';

/** Every client is the Coder user its own credential belongs to, as Coder says. */
export function coderAuthentication(identities: CoderIdentities): Authenticate<CoderCaller> {
  return async (authorization) => {
    const token = presentedBearerToken(authorization);
    if (token === undefined) {
      return { kind: 'refused', status: 401, message: `Unauthorized: ${SIGN_IN_ADVICE}`, reason: 'no Coder credential' };
    }
    const check = await identities.identify(token);
    switch (check.kind) {
      case 'identified':
        return { kind: 'accepted', caller: { ...check.identity, credentialRefused: () => identities.forget(token) } };
      case 'refused':
        return {
          kind: 'refused',
          status: 401,
          error: 'invalid_token',
          message: `Unauthorized: Coder refused this credential (it is wrong, expired or revoked); sign in again: ${SIGN_IN_ADVICE}`,
          reason: 'Coder refused the credential',
        };
      case 'unavailable':
        return {
          kind: 'refused',
          status: 503,
          message: `Service Unavailable: Coder could not check this credential now (${check.reason}); try again shortly`,
          reason: 'Coder could not check the credential',
        };
    }
  };
}
