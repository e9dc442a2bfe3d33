// Checks an HTTP Authorization header against the operator's bearer tokens without leaking their content through timing.
import { createHash, timingSafeEqual } from 'node:crypto';

export type BearerTokenCheck = 'accepted' | 'missing' | 'rejected';

const BEARER_PATTERN = /^Bearer[ ]+(\S+)[ ]*$/i;

export function checkBearerToken(authorization: string | undefined, expected: string | readonly string[]): BearerTokenCheck {
  const presented = credentialDigest(authorization);
  if (presented === undefined) return 'missing';
  // Digests have one length whatever the input, so the comparison time says nothing about the token either;
  // every accepted token is compared, so the time does not say which one matched.
  let accepted = false;
  for (const token of typeof expected === 'string' ? [expected] : expected) {
    if (timingSafeEqual(presented, digest(token))) accepted = true;
  }
  return accepted ? 'accepted' : 'rejected';
}

/**
 * A digest of the bearer token a header presents, or undefined when it presents none: what a session is bound to,
 * so that the server can tell which credential opened it without keeping the credential itself.
 */
export function credentialDigest(authorization: string | undefined): Buffer | undefined {
  const presented = presentedBearerToken(authorization);
  return presented === undefined ? undefined : digest(presented);
}

/** The token an `Authorization: Bearer <token>` header presents, or undefined for any other header. */
export function presentedBearerToken(authorization: string | undefined): string | undefined {
  return BEARER_PATTERN.exec(authorization ?? '')?.[1];
}

/** Whether two credential digests are the same, in a time that does not depend on where they differ. */
export function sameCredential(one: Buffer, other: Buffer): boolean {
  return one.length === other.length && timingSafeEqual(one, other);
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}
