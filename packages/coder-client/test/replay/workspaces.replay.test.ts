// Replays workspace listing, reading by id and by owner and name, and paging through every page.
import { CoderClient } from '../../src/index.js';
import { everyRecordingSet } from '../support/recordings.js';
import { replay, replayToken, replayUrl, type Replay } from '../support/replay.js';

describe.each(everyRecordingSet())('workspaces on %s', (_name, set) => {
  let session: Replay | undefined;
  const client = new CoderClient({ url: replayUrl, token: replayToken });

  afterEach(async () => {
    await session?.stop();
  });

  it('lists a page of my workspaces and reads the first by id and by owner and name', async () => {
    session = replay(set, 'workspaces');

    const page = await client.getWorkspaces({ q: 'owner:me', limit: 5, offset: 0 });
    const first = page.workspaces[0];
    if (!first) {
      throw new Error('the recording holds no workspace');
    }
    const byId = await client.getWorkspace(first.id);
    const byName = await client.getWorkspaceByOwnerAndName(first.owner_name, first.name);

    expect(page.count).toBeGreaterThanOrEqual(page.workspaces.length);
    expect(page.workspaces.length).toBeLessThanOrEqual(5);
    expect(byId.name).toBe(first.name);
    expect(byName.id).toBe(first.id);
  });

  it('pages through every workspace, two at a time, one request per page', async () => {
    session = replay(set, 'workspace-paging');

    const names: string[] = [];
    for await (const workspace of client.iterateWorkspaces({ q: 'owner:me', pageSize: 2 })) {
      names.push(workspace.name);
    }

    expect(names.length).toBeGreaterThan(2);
    expect(new Set(names).size).toBe(names.length);
    expect(session.requests).toEqual(
      Array.from({ length: Math.ceil(names.length / 2) }, (_value, page) =>
        `GET /api/v2/workspaces?q=owner%3Ame&limit=2&offset=${page * 2}`,
      ),
    );
  });
});
