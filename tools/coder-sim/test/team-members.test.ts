// Several users with tokens of their own: each sees only their own workspaces, and another's answers the 404 that hides it.
import type { CoderError, Workspace, WorkspacesResponse } from './support/coder-shapes.js';
import { openSession, type SimulatorSession } from './support/simulator-session.js';

const MEMBERS = ['alice', 'bob'];

describe('team members', () => {
  let session: SimulatorSession;
  const as = (username: string) => ({ 'Coder-Session-Token': session.simulator.tokens[username] ?? 'missing' });

  beforeAll(async () => {
    session = await openSession({ coderVersion: 'v2.30.0', world: { members: MEMBERS, agentsPerMember: 2 } });
  });

  afterAll(() => session.close());

  const workspacesOf = async (username: string, query = ''): Promise<Workspace[]> => {
    const result = await session.call('GET', `/api/v2/workspaces?q=${encodeURIComponent(query)}`, undefined, as(username));
    expect(result.status).toBe(200);
    return (result.json as WorkspacesResponse).workspaces;
  };

  it('gives each member a token of their own, which /users/me answers with that member', async () => {
    const tokens = MEMBERS.map((member) => session.simulator.tokens[member]);
    const answers = await Promise.all(MEMBERS.map((member) => session.call('GET', '/api/v2/users/me', undefined, as(member))));

    expect(new Set([...tokens, session.simulator.token]).size).toBe(3);
    expect(answers.map((answer) => (answer.json as { username: string }).username)).toEqual(MEMBERS);
  });

  it('lists only the member’s own workspaces, even without an owner filter', async () => {
    const alice = await workspacesOf('alice');
    const bobs = await workspacesOf('bob', 'owner:me');

    expect(alice.map((workspace) => workspace.owner_name)).toEqual(['alice', 'alice']);
    expect(bobs.map((workspace) => workspace.owner_name)).toEqual(['bob', 'bob']);
    expect(await workspacesOf('bob', 'owner:alice')).toEqual([]);
  });

  it('answers 404 for another member’s workspace by id, by owner and name, and for its builds', async () => {
    const [target] = await workspacesOf('alice');
    if (!target) throw new Error('alice has no workspace');
    const byId = await session.call('GET', `/api/v2/workspaces/${target.id}`, undefined, as('bob'));
    const byName = await session.call('GET', `/api/v2/users/alice/workspace/${target.name}`, undefined, as('bob'));
    const build = await session.call('GET', `/api/v2/workspacebuilds/${target.latest_build.id}`, undefined, as('bob'));
    const stop = await session.call('POST', `/api/v2/workspaces/${target.id}/builds`, { transition: 'delete' }, as('bob'));
    const unknown = await session.call('GET', '/api/v2/workspaces/00000000-0000-4000-8000-000000000000', undefined, as('bob'));

    for (const answer of [byId, byName, build, stop]) {
      expect(answer.status).toBe(404);
      expect(answer.json).toEqual(unknown.json as CoderError);
    }
    const after = await session.call('GET', `/api/v2/workspaces/${target.id}`, undefined, as('alice'));
    expect((after.json as Workspace).latest_build.id).toBe(target.latest_build.id);
  });

  it('the owner still sees every member’s workspace', async () => {
    const everyone = await session.getJson<WorkspacesResponse>('/api/v2/workspaces');

    expect(new Set(everyone.workspaces.map((workspace) => workspace.owner_name))).toEqual(new Set(['fleet-dev', 'other-dev', ...MEMBERS]));
  });

  it('a revoked token is refused at its next request; a new one works', async () => {
    const revoked = session.simulator.control.issueToken('bob');
    const before = await session.call('GET', '/api/v2/users/me', undefined, { 'Coder-Session-Token': revoked });
    session.simulator.control.revokeToken(revoked);
    const after = await session.call('GET', '/api/v2/users/me', undefined, { 'Coder-Session-Token': revoked });

    expect(before.status).toBe(200);
    expect(after.status).toBe(401);
    expect(after.text).not.toContain(revoked);
  });

  it('takes the token as an RFC 6750 bearer token too', async () => {
    const answer = await session.call('GET', '/api/v2/users/me', undefined, { Authorization: `Bearer ${session.simulator.tokens['alice'] ?? ''}` });

    expect((answer.json as { username: string }).username).toBe('alice');
  });
});
