// The per-user mode's identity table: Coder's answer remembered for a while under a digest, shared by concurrent calls, forgotten when refused.
import { coderUnreachable, recordedApiError, recordedUser } from '@fleet/coder-fakes';
import { CoderIdentities, credentialKey } from '../src/coder-identities.js';
import { GENERATION, recordedFleet, type RecordedFleet } from './recorded-fleet.js';

const ALICE = 'AliceToken-0123456789abcdefghijkl';
const BOB = 'BobsTokenX-0123456789abcdefghijkl';

function table(options: { ttlMs?: number; maxIdentities?: number } = {}) {
  let now = 0;
  const fleets = new Map<string, RecordedFleet>();
  const identities = new CoderIdentities({
    ...options,
    now: () => now,
    createFleet: (token) => {
      // The recording has one user: each credential's is it under another name.
      const user = { ...recordedUser(GENERATION), username: token.startsWith('Alice') ? 'alice' : 'bob' };
      const recorded = recordedFleet({ answers: { getAuthenticatedUser: async () => user } });
      fleets.set(token, recorded);
      return recorded.fleet;
    },
  });
  return { identities, fleets, advance: (milliseconds: number) => (now += milliseconds) };
}

test('each credential gets its own fleet and the user Coder names', async () => {
  const { identities, fleets } = table();

  const alice = await identities.identify(ALICE);
  const bob = await identities.identify(BOB);

  expect(alice).toMatchObject({ kind: 'identified', identity: { username: 'alice', fleet: fleets.get(ALICE)?.fleet } });
  expect(bob).toMatchObject({ kind: 'identified', identity: { username: 'bob', fleet: fleets.get(BOB)?.fleet } });
  expect(fleets.get(ALICE)?.fleet).not.toBe(fleets.get(BOB)?.fleet);
});

test('Coder is asked once within the TTL, by concurrent calls too, and again after it', async () => {
  const { identities, fleets, advance } = table({ ttlMs: 60_000 });

  await Promise.all([identities.identify(ALICE), identities.identify(ALICE), identities.identify(ALICE)]);
  advance(59_000);
  await identities.identify(ALICE);
  expect(fleets.get(ALICE)?.coder.count('getAuthenticatedUser')).toBe(1);

  advance(2_000);
  await identities.identify(ALICE);
  expect(fleets.get(ALICE)?.coder.count('getAuthenticatedUser')).toBe(2);
});

test('a credential Coder refuses is refused and not kept; one Coder cannot check now is unavailable', async () => {
  const refused = recordedApiError(GENERATION, 'errors', 'GET', /users\/me$/);
  const refusing = new CoderIdentities({ createFleet: () => recordedFleet({ answers: { getAuthenticatedUser: async () => Promise.reject(refused) } }).fleet });
  const connectionRefused = await coderUnreachable();
  const unreachable = new CoderIdentities({ createFleet: () => recordedFleet({ answers: { getAuthenticatedUser: async () => Promise.reject(connectionRefused) } }).fleet });

  expect(await refusing.identify(ALICE)).toEqual({ kind: 'refused', reason: expect.stringContaining('Coder refused the session token (401 on GET /api/v2/users/me)') });
  expect(refusing.size).toBe(0);
  expect(await unreachable.identify(ALICE)).toEqual({ kind: 'unavailable', reason: expect.stringContaining('ECONNREFUSED') });
});

test('a forgotten credential is asked about again, with a new fleet', async () => {
  const { identities, fleets } = table();
  await identities.identify(ALICE);
  const first = fleets.get(ALICE);

  identities.forget(ALICE);
  await identities.identify(ALICE);

  expect(fleets.get(ALICE)).not.toBe(first);
  expect(fleets.get(ALICE)?.coder.count('getAuthenticatedUser')).toBe(1);
});

test('beyond its bound the least recently used identity is forgotten', async () => {
  const { identities, fleets } = table({ maxIdentities: 2 });
  const third = 'ThirdToken-0123456789abcdefghijkl';
  await identities.identify(ALICE);
  await identities.identify(BOB);
  await identities.identify(ALICE);
  const bobsFirstFleet = fleets.get(BOB);
  const alicesFleet = fleets.get(ALICE);

  await identities.identify(third);
  await identities.identify(ALICE);
  await identities.identify(BOB);

  expect(identities.size).toBe(2);
  expect(fleets.get(ALICE)).toBe(alicesFleet);
  expect(fleets.get(BOB)).not.toBe(bobsFirstFleet);
});

test('the key is a SHA-256 digest: the same for the same credential, and not the credential', () => {
  expect(credentialKey(ALICE)).toBe(credentialKey(ALICE));
  expect(credentialKey(ALICE)).toMatch(/^[0-9a-f]{64}$/);
  expect(credentialKey(ALICE)).not.toContain(ALICE);
});
