// The Authorization header check.
import { checkBearerToken, credentialDigest, sameCredential } from '../src/bearer-token.js';

const TOKEN = 'c2b7e1f04d9a4e6b8a3f5d7c9e1b2a4d';

test.each([
  [`Bearer ${TOKEN}`, 'accepted'],
  [`bearer ${TOKEN}`, 'accepted'],
  [`Bearer ${TOKEN}x`, 'rejected'],
  [`Bearer ${TOKEN.slice(1)}`, 'rejected'],
  ['Bearer x', 'rejected'],
  [undefined, 'missing'],
  ['', 'missing'],
  ['Bearer ', 'missing'],
  [TOKEN, 'missing'],
  [`Basic ${TOKEN}`, 'missing'],
  [`Bearer ${TOKEN} extra`, 'missing'],
] as const)('the header %j is %s', (header, expected) => {
  expect(checkBearerToken(header, TOKEN)).toBe(expected);
});

test('with several accepted tokens, each is accepted and any other is rejected', () => {
  const other = '9f3e8d7c6b5a49382716f5e4d3c2b1a0';

  expect([checkBearerToken(`Bearer ${TOKEN}`, [TOKEN, other]), checkBearerToken(`Bearer ${other}`, [TOKEN, other])]).toEqual(['accepted', 'accepted']);
  expect(checkBearerToken(`Bearer ${TOKEN}x`, [TOKEN, other])).toBe('rejected');
});

test('the credential digest tells two tokens apart, is the same for the same token, and holds no part of it', () => {
  const digest = credentialDigest(`Bearer ${TOKEN}`);
  const again = credentialDigest(`bearer ${TOKEN}`);
  const other = credentialDigest(`Bearer ${TOKEN}x`);

  if (digest === undefined || again === undefined || other === undefined) throw new Error('expected digests');
  expect(sameCredential(digest, again)).toBe(true);
  expect(sameCredential(digest, other)).toBe(false);
  expect(digest.toString('hex')).not.toContain(TOKEN.slice(0, 8));
  expect(credentialDigest('Basic x')).toBeUndefined();
});
