// Who a Coder credential belongs to, asked of Coder and remembered briefly, with that user's own fleet: the per-user mode's one cache.
import { createHash } from 'node:crypto';
import type { Fleet } from '@fleet/fleet-domain';
import { isFleetError } from '@fleet/fleet-models';

export interface CoderIdentity {
  /** The Coder user the credential belongs to, as Coder answered `GET /api/v2/users/me`. */
  username: string;
  /** A fleet over a Coder client of its own that sends this credential, and only this one. */
  fleet: Fleet;
}

export type IdentityCheck =
  | { kind: 'identified'; identity: CoderIdentity }
  /** Coder refused the credential (401): it is wrong, expired or revoked. */
  | { kind: 'refused'; reason: string }
  /** Coder could not be asked: the caller may try again. */
  | { kind: 'unavailable'; reason: string };

export interface CoderIdentitiesOptions {
  /** A fleet whose every request carries `token`: one per identity, never shared. */
  createFleet(token: string): Fleet;
  /** How long Coder's answer stands before the next call asks again. */
  ttlMs?: number;
  /** Identities kept at most; the least recently used one is forgotten first. */
  maxIdentities?: number;
  now?: () => number;
}

interface Entry {
  fleet: Fleet;
  username: string | undefined;
  checkedAt: number;
  /** The check in flight, shared by concurrent calls of the same credential. */
  checking: Promise<IdentityCheck> | undefined;
}

/** Long enough that the check is not a request per call; short enough that a user Coder suspends is noticed within a minute. */
export const DEFAULT_IDENTITY_TTL_MS = 60_000;
export const DEFAULT_MAX_IDENTITIES = 1_000;

/**
 * Keys are SHA-256 digests of the credential, so a lookup never compares or stores the credential itself; the
 * credential lives only inside its own fleet's client. Nothing is shared between identities: each fleet learns
 * Coder's version and reads template versions for itself (see the README: a shared template-version cache would
 * answer one user from what another was allowed to read).
 */
export class CoderIdentities {
  readonly #entries = new Map<string, Entry>();
  readonly #createFleet: (token: string) => Fleet;
  readonly #ttlMs: number;
  readonly #maxIdentities: number;
  readonly #now: () => number;

  constructor(options: CoderIdentitiesOptions) {
    this.#createFleet = options.createFleet;
    this.#ttlMs = options.ttlMs ?? DEFAULT_IDENTITY_TTL_MS;
    this.#maxIdentities = options.maxIdentities ?? DEFAULT_MAX_IDENTITIES;
    this.#now = options.now ?? Date.now;
  }

  get size(): number {
    return this.#entries.size;
  }

  /** The identity of `token`: from memory within the TTL, otherwise from Coder (one `users/me`, with buildinfo). */
  identify(token: string): Promise<IdentityCheck> {
    const key = credentialKey(token);
    let entry = this.#entries.get(key);
    if (entry === undefined) {
      entry = { fleet: this.#createFleet(token), username: undefined, checkedAt: Number.NEGATIVE_INFINITY, checking: undefined };
    }
    // Re-inserted: a Map iterates in insertion order, so its first key is the least recently used.
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    this.#evictBeyondLimit();
    if (entry.username !== undefined && this.#now() - entry.checkedAt < this.#ttlMs) {
      return Promise.resolve({ kind: 'identified', identity: { username: entry.username, fleet: entry.fleet } });
    }
    // Not tied to one caller's signal: concurrent calls share the check, bounded by the client's own timeout.
    entry.checking ??= this.#check(key, entry);
    return entry.checking;
  }

  /** Forgets a credential Coder refused during a call, so that its next request is checked again (and refused). */
  forget(token: string): void {
    this.#entries.delete(credentialKey(token));
  }

  async #check(key: string, entry: Entry): Promise<IdentityCheck> {
    try {
      const username = await entry.fleet.whoAmI();
      entry.username = username;
      entry.checkedAt = this.#now();
      return { kind: 'identified', identity: { username, fleet: entry.fleet } };
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      if (isFleetError(error) && error.code === 'UNAUTHORIZED') {
        if (this.#entries.get(key) === entry) this.#entries.delete(key);
        return { kind: 'refused', reason };
      }
      return { kind: 'unavailable', reason };
    } finally {
      entry.checking = undefined;
    }
  }

  #evictBeyondLimit(): void {
    for (const key of this.#entries.keys()) {
      if (this.#entries.size <= this.#maxIdentities) return;
      this.#entries.delete(key);
    }
  }
}

/** Not reversible, and the same for the same credential: what the cache and the session binding use instead of it. */
export function credentialKey(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
