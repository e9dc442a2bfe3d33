// Replays buildinfo, the authenticated user and organizations on every recorded server.
import { CoderClient } from '../../src/index.js';
import { recordingSets } from '../support/recordings.js';
import { replay, replayToken, replayUrl, type Replay } from '../support/replay.js';

describe.each(recordingSets().map((set) => [set.name, set] as const))('general on %s', (_name, set) => {
  let session: Replay;
  const client = new CoderClient({ url: replayUrl, token: replayToken });

  beforeEach(() => {
    session = replay(set, 'general');
  });
  afterEach(async () => {
    await session.stop();
  });

  it('reads the build info of the server that made the recording', async () => {
    const info = await client.getBuildInfo();

    expect(info.version).toBe(set.source.coderVersion);
  });

  it('reads the authenticated user and the organizations', async () => {
    const user = await client.getAuthenticatedUser();
    const organizations = await client.getOrganizations();

    expect(user.username).not.toBe('');
    expect(organizations.length).toBeGreaterThan(0);
    expect(organizations.some((organization) => user.organization_ids.includes(organization.id))).toBe(true);
  });
});
