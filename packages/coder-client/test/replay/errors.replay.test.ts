// Replays Coder's own error answers: 400 malformed id, 404, 400 with validations, 401; none carries the token.
import { CoderApiError, CoderClient, type CreateWorkspaceRequest } from '../../src/index.js';
import { everyRecordingSet, recordedPath, recordedRequestBody } from '../support/recordings.js';
import { replay, replayToken, replayUrl, type Replay } from '../support/replay.js';

const unknownId = '00000000-0000-4000-8000-000000000000';

function expectNoToken(error: unknown): void {
  const seen = error as Error;
  expect(seen.message).not.toContain(replayToken);
  expect(String(seen.stack)).not.toContain(replayToken);
  expect(JSON.stringify(seen)).not.toContain(replayToken);
}

describe.each(everyRecordingSet())("Coder's error answers on %s", (_name, set) => {
  let session: Replay;
  const client = new CoderClient({ url: replayUrl, token: replayToken });

  beforeEach(() => {
    session = replay(set, 'errors');
  });
  afterEach(async () => {
    await session.stop();
  });

  it('answers a malformed workspace id with 400 and says so', async () => {
    const error: unknown = await client.getWorkspace('not-a-uuid').catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(CoderApiError);
    expect(error).toMatchObject({ status: 400, retryable: false, method: 'GET', path: '/api/v2/workspaces/not-a-uuid' });
    expect((error as CoderApiError).message).toMatch(/uuid/i);
    expectNoToken(error);
  });

  it('answers an unknown workspace id with 404, not retried', async () => {
    const error: unknown = await client.getWorkspace(unknownId).catch((caught: unknown) => caught);

    expect(error).toMatchObject({ name: 'CoderApiError', status: 404, retryable: false });
    expect(session.requests).toEqual([`GET /api/v2/workspaces/${unknownId}`]);
    expectNoToken(error);
  });

  it('answers an invalid workspace name with 400 and a validation naming the field', async () => {
    const path = recordedPath(set, 'errors', 'POST', /\/workspaces$/);
    const organization = path.split('/')[4] ?? '';
    const request = recordedRequestBody(set, 'errors', 'POST', /\/workspaces$/) as CreateWorkspaceRequest;

    const error: unknown = await client.createWorkspace(organization, 'me', request).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(CoderApiError);
    expect((error as CoderApiError).status).toBe(400);
    expect((error as CoderApiError).validations.map((validation) => validation.field)).toContain('name');
    expectNoToken(error);
  });

  it('answers a wrong token with 401 and keeps that token out of the error', async () => {
    const wrongToken = 'wrong-token-for-this-test-000000';
    const unauthorised = new CoderClient({ url: replayUrl, token: wrongToken });

    const error: unknown = await unauthorised.getAuthenticatedUser().catch((caught: unknown) => caught);

    expect(error).toMatchObject({ name: 'CoderApiError', status: 401, retryable: false });
    expect(JSON.stringify(error) + String((error as Error).stack)).not.toContain(wrongToken);
  });
});
