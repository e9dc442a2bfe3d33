// Replays the script's own workspace: create and build, name conflict, stop/start, builds and logs, delete.
import { CoderApiError, CoderClient, type CreateWorkspaceRequest } from '../../src/index.js';
import { everyRecordingSet, recordedPath, recordedRequestBody, type RecordingSet } from '../support/recordings.js';
import { replay, replayToken, replayUrl, type Replay } from '../support/replay.js';
import { replayUntil } from '../support/replay-until.js';

const createPath = /^\/api\/v2\/organizations\/[^/]+\/members\/me\/workspaces$/;

function organizationOf(set: RecordingSet, caseName: string): string {
  const [, organization] = /^\/api\/v2\/organizations\/([^/]+)\//.exec(recordedPath(set, caseName, 'POST', createPath)) ?? [];
  if (!organization) {
    throw new Error('no organization in the recorded create request');
  }
  return organization;
}

function createdWorkspaceId(set: RecordingSet): string {
  const [, id] = /^\/api\/v2\/workspaces\/([^/]+)\/builds$/.exec(recordedPath(set, 'workspace-builds', 'POST', /\/builds$/)) ?? [];
  if (!id) {
    throw new Error('no workspace id in the recorded build request');
  }
  return id;
}

describe.each(everyRecordingSet())('the lifecycle of a new workspace on %s', (_name, set) => {
  let session: Replay | undefined;
  const client = new CoderClient({ url: replayUrl, token: replayToken });

  afterEach(async () => {
    await session?.stop();
  });

  it('creates a workspace whose first build starts and succeeds', async () => {
    session = replay(set, 'workspace-create');
    const request = recordedRequestBody(set, 'workspace-create', 'POST', createPath) as CreateWorkspaceRequest;

    const workspace = await client.createWorkspace(organizationOf(set, 'workspace-create'), 'me', request);
    const build = await replayUntil(
      () => client.getWorkspaceBuild(workspace.latest_build.id),
      (current) => current.job.status === 'succeeded',
    );
    const reread = await client.getWorkspace(workspace.id);

    expect(workspace.name).toBe(request.name);
    expect(workspace.latest_build.transition).toBe('start');
    expect(build.status).toBe('running');
    expect(reread.latest_build.template_version_preset_id).toBe(request.template_version_preset_id);
  });

  it("refuses a second workspace with the same name, in other case, with 409 (through the user's create endpoint)", async () => {
    session = replay(set, 'workspace-conflict');
    const request = recordedRequestBody(set, 'workspace-conflict', 'POST', /^\/api\/v2\/users\/me\/workspaces$/) as CreateWorkspaceRequest;

    const error: unknown = await client.createUserWorkspace('me', request).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(CoderApiError);
    expect(error).toMatchObject({ status: 409, retryable: false, method: 'POST', path: '/api/v2/users/me/workspaces' });
    expect(session.requests).toEqual(['POST /api/v2/users/me/workspaces']);
  });

  it('stops and starts the workspace, then lists its builds and reads the start build log and parameters', async () => {
    session = replay(set, 'workspace-builds');
    const workspaceId = createdWorkspaceId(set);
    const firstBuildRequest = recordedRequestBody(set, 'workspace-builds', 'POST', /\/builds$/) as { transition: string };
    expect(firstBuildRequest.transition).toBe('stop');

    const stop = await client.stopWorkspace(workspaceId);
    const stopped = await replayUntil(() => client.getWorkspaceBuild(stop.id), (build) => build.job.status === 'succeeded');
    const start = await client.startWorkspace(workspaceId, stop.template_version_id);
    const started = await replayUntil(() => client.getWorkspaceBuild(start.id), (build) => build.job.status === 'succeeded');
    const builds = await client.getWorkspaceBuilds(workspaceId);
    const logs = await client.getWorkspaceBuildLogs(start.id);
    const parameters = await client.getWorkspaceBuildParameters(start.id);

    expect(stop.transition).toBe('stop');
    expect(stopped.status).toBe('stopped');
    expect(start.transition).toBe('start');
    expect(started.status).toBe('running');
    expect(builds.map((build) => build.id)).toEqual(expect.arrayContaining([stop.id, start.id]));
    expect(logs.length).toBeGreaterThan(0);
    expect(logs.every((line) => typeof line.output === 'string')).toBe(true);
    // The recording script hands the first prompt through `AI Prompt` only where the template has it (2.27).
    expect(parameters.map((parameter) => parameter.name).includes('AI Prompt')).toBe(set.name.includes('v2.27'));
  });

  it('deletes the workspace, after which Coder no longer serves it', async () => {
    session = replay(set, 'workspace-delete');
    const workspaceId = createdWorkspaceId(set);

    const deletion = await client.deleteWorkspace(workspaceId);
    const done = await replayUntil(() => client.getWorkspaceBuild(deletion.id), (build) => build.job.status === 'succeeded');
    const error: unknown = await client.getWorkspace(workspaceId).catch((caught: unknown) => caught);

    expect(deletion.transition).toBe('delete');
    expect(done.status).toBe('deleted');
    expect(error).toBeInstanceOf(CoderApiError);
    expect((error as CoderApiError).status).toBeGreaterThanOrEqual(404);
  });
});
