// The built server with --auth coder: every client acts as the Coder user its own token belongs to, and never sees or touches another's agents.
import { startSimulator, type RunningSimulator } from '@fleet/coder-sim';
import type { FleetSession } from './support/fleet-session.js';
import { connectWithToken, logRecords, startHttpFleetServer, type HttpFleetServer } from './support/http-fleet-server.js';
import { findLeaks } from './support/secret-leaks.js';
import { errorOf, structuredOf } from './support/tool-result.js';
import type { AgentDetailsResult, ListAgentsOutput } from './support/tool-outputs.js';

const USERS = ['alice', 'bob', 'carol', 'dave', 'erin'];
const AGENTS_PER_USER = 2;
const CLIENTS_PER_USER = 10;

describe('the server with a Coder identity per client (--auth coder)', () => {
  let simulator: RunningSimulator;
  let server: HttpFleetServer;
  const sessions: FleetSession[] = [];
  const tokenOf = (user: string) => simulator.tokens[user] ?? '';
  const connectAs = async (user: string, token = tokenOf(user)) => {
    const session = await connectWithToken(server.endpoint, token);
    sessions.push(session);
    return session;
  };

  beforeAll(async () => {
    simulator = await startSimulator({ coderVersion: 'v2.30.0', speed: 0.05, world: { members: USERS, agentsPerMember: AGENTS_PER_USER } });
    // No CODER_SESSION_TOKEN: in this mode the operator needs none.
    server = await startHttpFleetServer(['--auth', 'coder'], { CODER_URL: simulator.url });
  });

  afterAll(async () => {
    await Promise.all(sessions.map((session) => session.close()));
    await server?.process.stop();
    await simulator?.close();
  });

  /** What Coder holds about a user's workspaces, read with the deployment owner's token: what no call of another user may change. */
  const coderStateOf = async (user: string) => {
    const response = await fetch(`${simulator.url}/api/v2/workspaces?q=${encodeURIComponent(`owner:${user}`)}`, {
      headers: { 'Coder-Session-Token': simulator.token },
    });
    const { workspaces } = (await response.json()) as { workspaces: Array<{ name: string; latest_build: { id: string; transition: string } }> };
    return workspaces.map((workspace) => ({
      name: workspace.name,
      build: workspace.latest_build.id,
      transition: workspace.latest_build.transition,
      agentApi: simulator.control.agentApi(workspace.name, user),
    }));
  };

  const agentNamesOf = async (session: FleetSession) => structuredOf<ListAgentsOutput>(await session.call('list_agents')).agents.map((agent) => agent.name);

  test('each user lists only their own agents', async () => {
    const alice = await connectAs('alice');
    const bob = await connectAs('bob');

    const [aliceAgents, bobAgents] = await Promise.all([agentNamesOf(alice), agentNamesOf(bob)]);

    expect(aliceAgents).toHaveLength(AGENTS_PER_USER);
    expect(aliceAgents.every((name) => name.startsWith('alice-'))).toBe(true);
    expect(bobAgents).toHaveLength(AGENTS_PER_USER);
    expect(bobAgents.every((name) => name.startsWith('bob-'))).toBe(true);
  });

  test("another user's show, start, cancel, restart and delete of an agent are NOT_FOUND and change nothing", async () => {
    const alice = await connectAs('alice');
    const bob = await connectAs('bob');
    const [target] = await agentNamesOf(alice);
    if (target === undefined) throw new Error('alice has no agent');
    const before = await coderStateOf('alice');

    const attempts = {
      show_agent: { agent_name: target },
      start_agent_task: { agent_name: target, task: 'Delete everything in the repository' },
      cancel_agent_task: { agent_name: target },
      restart_agent: { agent_name: target },
      delete_agent: { agent_name: target },
    };
    const codes: Record<string, string> = {};
    for (const [tool, args] of Object.entries(attempts)) codes[tool] = errorOf(await bob.call(tool, args)).code;

    expect(codes).toEqual(Object.fromEntries(Object.keys(attempts).map((tool) => [tool, 'NOT_FOUND'])));
    expect(await coderStateOf('alice')).toEqual(before);
    expect(structuredOf<AgentDetailsResult>(await alice.call('show_agent', { agent_name: target })).agent.owner).toBe('alice');
  });

  test('every mutating call leaves one audit line naming the user, the tool, the agent and the outcome, without the token', async () => {
    const audits = logRecords(server).filter((record) => record['audit'] === true);

    expect(audits).toEqual(
      expect.arrayContaining([expect.objectContaining({ user: 'bob', tool: 'delete_agent', outcome: 'NOT_FOUND', agent: expect.stringMatching(/^alice-/) })]),
    );
    expect(audits.every((record) => typeof record['request_id'] === 'string')).toBe(true);
    expect(audits.some((record) => record['tool'] === 'show_agent')).toBe(false);
  });

  test('a token revoked mid-session is refused at the next call, and then at the door with 401', async () => {
    const token = simulator.control.issueToken('carol');
    const carol = await connectAs('carol', token);
    expect(await agentNamesOf(carol)).toHaveLength(AGENTS_PER_USER);

    simulator.control.revokeToken(token);
    const refused = errorOf(await carol.call('list_agents'));
    const again = await fetch(server.endpoint, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'e2e', version: '1' } } }),
    });

    expect(refused.code).toBe('UNAUTHORIZED');
    expect(refused.message).toContain('Sign in again');
    expect(again.status).toBe(401);
    expect(again.headers.get('www-authenticate')).toContain('error="invalid_token"');
  });

  test('a request without a token is 401 with WWW-Authenticate, and no OAuth metadata is offered without Coder’s provider', async () => {
    const response = await fetch(server.endpoint, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    const metadata = await fetch(new URL('/.well-known/oauth-protected-resource/mcp', server.endpoint));

    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toBe('Bearer realm="fleet"');
    expect(metadata.status).toBe(404);
  });

  test(`${USERS.length * CLIENTS_PER_USER} clients of ${USERS.length} users calling at once never see each other's data`, async () => {
    const clients = await Promise.all(USERS.flatMap((user) => Array.from({ length: CLIENTS_PER_USER }, async () => ({ user, session: await connectAs(user) }))));

    const answers = await Promise.all(
      clients.map(async ({ user, session }) => {
        const names = await agentNamesOf(session);
        const shown = structuredOf<AgentDetailsResult>(await session.call('show_agent', { agent_name: names[0] ?? 'none' })).agent;
        return { user, names, owners: [shown.owner] };
      }),
    );

    const foreign = answers.filter(({ user, names, owners }) => names.some((name) => !name.startsWith(`${user}-`)) || owners.some((owner) => owner !== user));
    expect(foreign).toEqual([]);
    expect(answers.every(({ names }) => names.length === AGENTS_PER_USER)).toBe(true);
    // Fifty MCP sessions opening at once on a loaded two-core runner: a bound for the whole exchange, not a timing claim.
  }, 90_000);

  test('no frame the server sent and no line it logged holds any user’s token', () => {
    const frames = sessions.flatMap((session) => session.receivedFrames);

    expect(findLeaks({ stdout: frames, stderr: server.process.stderr.lines() }, Object.values(simulator.tokens))).toEqual([]);
  });
});
