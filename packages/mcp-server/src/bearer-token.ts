// Checks an HTTP Authorization header against the operator's bearer token without leaking its content through timing.
import { createHash, timingSafeEqual } from 'node:crypto';

export type BearerTokenCheck = 'accepted' | 'missing' | 'rejected';

export function checkBearerToken(authorization: string | undefined, expected: string): BearerTokenCheck {
  const match = /^Bearer[ ]+(\S+)[ ]*$/i.exec(authorization ?? '');
  const presented = match?.[1];
  if (presented === undefined) return 'missing';
  // Digests have one length whatever the input, so the comparison time says nothing about the token either.
  return timingSafeEqual(digest(presented), digest(expected)) ? 'accepted' : 'rejected';
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}
