// Build info, users, organizations, unknown routes, and how the session token is checked.
import { readFileSync } from 'node:fs';
import { SIMULATOR_HEADER_VALUE } from '../src/index.js';
import type { CoderError } from './support/coder-shapes.js';
import { openSession, type SimulatorSession } from './support/simulator-session.js';

interface User {
  id: string;
  username: string;
  organization_ids: string[];
  roles: { name: string }[];
}

describe('deployment routes and authentication', () => {
  let session: SimulatorSession;

  beforeAll(async () => {
    session = await openSession({ coderVersion: 'v2.31.2' });
  });

  afterAll(() => session.close());

  it('buildinfo answers without a token with the played version', async () => {
    const result = await session.call('GET', '/api/v2/buildinfo', undefined, {});

    expect(result.status).toBe(200);
    const info = result.json as { version: string; dashboard_url: string; external_url: string };
    expect(info.version).toMatch(/^v2\.31\.2\+[0-9a-f]{7}$/);
    expect(info.dashboard_url).toBe(session.simulator.url);
    expect(info.external_url).toBe('https://github.com/coder/coder/releases/tag/v2.31.2');
  });

  it('every response says it comes from the simulator and carries the build version', async () => {
    const result = await session.call('GET', '/api/v2/users/me');
    const packageVersion = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string })
      .version;

    expect(result.headers.get('x-coder-simulator')).toBe(SIMULATOR_HEADER_VALUE);
    expect(SIMULATOR_HEADER_VALUE).toBe(`fleet-coder-sim/${packageVersion}`);
    expect(result.headers.get('x-coder-build-version')).toMatch(/^v2\.31\.2\+/);
  });

  it('a request without a token is refused with 401 and Coder error body', async () => {
    const result = await session.call('GET', '/api/v2/users/me', undefined, {});

    expect(result.status).toBe(401);
    expect(result.json).toEqual({
      message: 'You are signed out or your session has expired. Please sign in again to continue.',
      detail: 'Cookie "coder_session_token" or query parameter must be provided.',
    });
  });

  it('a malformed token is refused with 401 naming the format problem but not the token', async () => {
    const result = await session.call('GET', '/api/v2/users/me', undefined, { 'Coder-Session-Token': 'not-a-real-token-value' });

    expect(result.status).toBe(401);
    expect((result.json as CoderError).detail).toMatch(/^Invalid API key format: /);
    expect(result.text).not.toContain('not-a-real-token-value');
  });

  it('a well-formed but wrong token is refused with 401 "API key is invalid."', async () => {
    const result = await session.call('GET', '/api/v2/users/me', undefined, {
      'Coder-Session-Token': 'abcdefghij-abcdefghijklmnopqrstuv',
    });

    expect(result.status).toBe(401);
    expect((result.json as CoderError).detail).toBe('API key is invalid.');
  });

  it('the token is also accepted as the coder_session_token cookie or query parameter', async () => {
    const token = session.simulator.token;

    const byCookie = await session.call('GET', '/api/v2/users/me', undefined, { Cookie: `coder_session_token=${token}` });
    const byQuery = await session.call('GET', `/api/v2/users/me?coder_session_token=${encodeURIComponent(token)}`, undefined, {});

    expect(byCookie.status).toBe(200);
    expect(byQuery.status).toBe(200);
  });

  it('users/{user} resolves me, a username (any case) and an id to the same user', async () => {
    const me = await session.getJson<User>('/api/v2/users/me');

    const byName = await session.getJson<User>('/api/v2/users/FLEET-DEV');
    const byId = await session.getJson<User>(`/api/v2/users/${me.id}`);

    expect(me.username).toBe('fleet-dev');
    expect(me.roles.map((role) => role.name)).toContain('owner');
    expect(byName.id).toBe(me.id);
    expect(byId.id).toBe(me.id);
  });

  it('an unknown user is a 400, as Coder answers', async () => {
    const result = await session.call('GET', '/api/v2/users/nobody-here');

    expect(result.status).toBe(400);
    expect((result.json as CoderError).message).toBe('"user" must be an existing uuid or username.');
  });

  it('organizations lists the default organization "coder", also found by name and id', async () => {
    const organizations = await session.getJson<{ id: string; name: string; is_default: boolean }[]>('/api/v2/organizations');

    expect(organizations).toHaveLength(1);
    expect(organizations[0]).toMatchObject({ name: 'coder', is_default: true });
    const byName = await session.getJson<{ id: string }>('/api/v2/organizations/coder');
    const byId = await session.getJson<{ id: string }>(`/api/v2/organizations/${organizations[0]?.id ?? ''}`);
    expect(byName.id).toBe(organizations[0]?.id);
    expect(byId.id).toBe(organizations[0]?.id);
    expect((await session.call('GET', '/api/v2/organizations/elsewhere')).status).toBe(404);
  });

  it('an unknown route answers 404 "Route not found." even without a token', async () => {
    const result = await session.call('GET', '/api/v2/does-not-exist', undefined, {});

    expect(result.status).toBe(404);
    expect(result.json).toEqual({ message: 'Route not found.' });
  });
});
