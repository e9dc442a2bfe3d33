// The Authorization header check.
import { checkBearerToken } from '../src/bearer-token.js';

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
