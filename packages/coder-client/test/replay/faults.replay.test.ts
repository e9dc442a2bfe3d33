// Replays answers the simulator was made to give: 5xx, 429/503 then success, a POST 503, a bad body, a slow answer.
import { Timing } from '@pollyjs/core';
import {
  CoderApiError,
  CoderClient,
  CoderResponseError,
  CoderTimeoutError,
  type CoderError,
} from '../../src/index.js';
import { recordedResponseBody, simulatedGenerations, simulatorRecordings } from '../support/recordings.js';
import { replay, replayToken, replayUrl, type Replay } from '../support/replay.js';

const unknownId = '00000000-0000-4000-8000-000000000000';

function expectNoToken(error: unknown): void {
  const seen = error as CoderError;
  expect(`${seen.message} ${String(seen.stack)} ${JSON.stringify(seen)}`).not.toContain(replayToken);
}

describe.each(simulatedGenerations.map((generation) => generation.version))('faults replayed from simulator %s', (version) => {
  const set = simulatorRecordings(version);
  let session: Replay | undefined;
  // Short retry waits: the recordings hold the answers, a test need not wait for Retry-After.
  const client = new CoderClient({ url: replayUrl, token: replayToken, retry: { limit: 2, maxRetryDelayMs: 5 } });

  afterEach(async () => {
    await session?.stop();
    session = undefined;
  });

  it('retries a GET answered 500 twice, then fails with a retryable CoderApiError', async () => {
    session = replay(set, 'server-error');

    const error: unknown = await client.getWorkspaces({ q: 'owner:me' }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(CoderApiError);
    expect(error).toMatchObject({ status: 500, retryable: true });
    expect(session.requests).toHaveLength(3);
    expectNoToken(error);
  });

  it('succeeds on a GET answered 503 with Retry-After and then 200, after exactly one retry', async () => {
    session = replay(set, 'retry-503-then-200');

    const user = await client.getAuthenticatedUser();

    expect(user.username).not.toBe('');
    expect(session.requests).toEqual(['GET /api/v2/users/me', 'GET /api/v2/users/me']);
  });

  it('succeeds on a GET answered 429 with Retry-After and then 200, after exactly one retry', async () => {
    session = replay(set, 'retry-429-then-200');

    const organizations = await client.getOrganizations();

    expect(organizations.length).toBeGreaterThan(0);
    expect(session.requests).toHaveLength(2);
  });

  it('sends a POST answered 503 only once and reports that retrying may help', async () => {
    session = replay(set, 'post-503-not-retried');

    const error: unknown = await client.stopWorkspace(unknownId).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(CoderApiError);
    expect(error).toMatchObject({ status: 503, retryable: true, method: 'POST' });
    expect(session.requests).toEqual([`POST /api/v2/workspaces/${unknownId}/builds`]);
  });

  it('fails on a body that is not JSON with CoderResponseError naming the endpoint, not a crash', async () => {
    session = replay(set, 'malformed-body');

    const error: unknown = await client.getAuthenticatedUser().catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(CoderResponseError);
    expect(error).toMatchObject({ field: '(body)', path: '/api/v2/users/me', retryable: false });
    expectNoToken(error);
  });

  it('gives up with CoderTimeoutError on the recorded slow answer replayed at its recorded pace', async () => {
    session = replay(set, 'slow-answer', { timing: Timing.relative(1) });
    const impatient = new CoderClient({ url: replayUrl, token: replayToken, timeoutMs: 100, retry: { limit: 0 } });

    const error: unknown = await impatient.getBuildInfo().catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(CoderTimeoutError);
    expect(error).toMatchObject({ timeoutMs: 100, path: '/api/v2/buildinfo' });
  });
});

describe('answers that never come or do not fit', () => {
  const set = simulatorRecordings('v2.30.0');
  let session: Replay | undefined;

  afterEach(async () => {
    await session?.stop();
    session = undefined;
  });

  it('times out when the answer never comes, and does not retry a timed-out request', async () => {
    session = replay(set, 'general');
    session.polly.server.get(`${replayUrl}/api/v2/users/me`).intercept(() => new Promise<void>(() => undefined));
    const client = new CoderClient({ url: replayUrl, token: replayToken, timeoutMs: 50 });

    const error: unknown = await client.getAuthenticatedUser().catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(CoderTimeoutError);
    expect(session.requests).toHaveLength(1);
  });

  it('names the field of a recorded workspace that no longer fits its schema', async () => {
    session = replay(set, 'workspaces');
    const page = recordedResponseBody(set, 'workspaces', 'GET', /^\/api\/v2\/workspaces$/) as {
      workspaces: { latest_build: Record<string, unknown> }[];
    };
    const first = page.workspaces[0];
    if (!first) {
      throw new Error('no recorded workspace');
    }
    first.latest_build['status'] = 42;
    session.polly.server.get(`${replayUrl}/api/v2/workspaces`).intercept((_request, response) => {
      response.status(200).json(page);
    });
    const client = new CoderClient({ url: replayUrl, token: replayToken });

    const error: unknown = await client.getWorkspaces({ q: 'owner:me' }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(CoderResponseError);
    expect((error as CoderResponseError).field).toBe('workspaces.0.latest_build.status');
    expect((error as CoderResponseError).message).toContain('GET /api/v2/workspaces');
  });
});
