// Tests how long a retry waits, on a fake clock: Retry-After in seconds or as a date, capped by maxRetryDelayMs.
import { jest } from '@jest/globals';
import { CoderClient } from '../../src/index.js';
import { useFakeTimersInEachTest } from '../support/fake-timers.js';

const token = 'retry-wait-test-token-0000000000';
const user = { id: 'u1', username: 'fleet-dev', email: 'dev@example.com', created_at: '2025-01-01T00:00:00Z' };

/** Answers 503 with the given Retry-After first, then the user; counts the calls. */
function busyThenFine(retryAfter: string): { fetch: typeof fetch; calls: () => number } {
  let calls = 0;
  const fetchInOrder = (async () => {
    calls += 1;
    if (calls === 1) {
      return new Response(JSON.stringify({ message: 'busy' }), { status: 503, headers: { 'retry-after': retryAfter } });
    }
    return new Response(JSON.stringify(user), { status: 200 });
  }) as typeof fetch;
  return { fetch: fetchInOrder, calls: () => calls };
}

describe('retry waits', () => {
  useFakeTimersInEachTest({ now: new Date('2025-06-01T12:00:00Z') });

  it('waits the seconds a 503 Retry-After asks before the retry', async () => {
    const server = busyThenFine('2');
    const client = new CoderClient({ url: 'http://coder.test', token, fetch: server.fetch, retry: { maxRetryDelayMs: 10_000 } });

    const pending = client.getAuthenticatedUser();
    await jest.advanceTimersByTimeAsync(1_999);
    const callsBeforeTheWaitEnds = server.calls();
    await jest.advanceTimersByTimeAsync(1);

    await expect(pending).resolves.toMatchObject({ username: 'fleet-dev' });
    expect(callsBeforeTheWaitEnds).toBe(1);
    expect(server.calls()).toBe(2);
  });

  it('waits until the HTTP date a Retry-After names', async () => {
    const server = busyThenFine(new Date('2025-06-01T12:00:03Z').toUTCString());
    const client = new CoderClient({ url: 'http://coder.test', token, fetch: server.fetch, retry: { maxRetryDelayMs: 10_000 } });

    const pending = client.getAuthenticatedUser();
    await jest.advanceTimersByTimeAsync(2_900);
    const callsBeforeTheDate = server.calls();
    await jest.advanceTimersByTimeAsync(100);

    await expect(pending).resolves.toMatchObject({ username: 'fleet-dev' });
    expect(callsBeforeTheDate).toBe(1);
    expect(server.calls()).toBe(2);
  });

  it('caps a long Retry-After at maxRetryDelayMs', async () => {
    const server = busyThenFine('3600');
    const client = new CoderClient({ url: 'http://coder.test', token, fetch: server.fetch, retry: { maxRetryDelayMs: 500 } });

    const pending = client.getAuthenticatedUser();
    await jest.advanceTimersByTimeAsync(500);

    await expect(pending).resolves.toMatchObject({ username: 'fleet-dev' });
    expect(server.calls()).toBe(2);
  });
});
