// createFleet: what it refuses before any request, and a Coder that is not there; createFleetOn: the same fleet on a client of the caller's.
import { jest } from '@jest/globals';
import {
  CODER_URL,
  FakeClock,
  inTurn,
  recordedAgentApiStatus,
  recordedBuildInfo,
  recordedCoder,
  recordedCreatedWorkspace,
  recordedCreatedWorkspaceAsPolled,
  recordedCreation,
  recordedUser,
  recordedWorkspace,
} from '@fleet/coder-fakes';
import { FleetError } from '@fleet/fleet-models';
import { createFleet, createFleetOn } from '../src/fleet.js';
import { present } from './support/present.js';

describe('createFleet', () => {
  it('builds every service from a URL and a token without sending a request', () => {
    const fetchSpy = jest.spyOn(globalThis, 'fetch');
    try {
      const fleet = createFleet({ url: 'https://coder.example.com', token: 'secret-token' });

      expect(Object.keys(fleet).sort()).toEqual(['agents', 'checkConnection', 'projects', 'tasks', 'whoAmI']);
      expect(fetchSpy).not.toHaveBeenCalled();
    } finally {
      fetchSpy.mockRestore();
    }
  });

  it.each(['not a url', 'ftp://coder.example.com', 'https://user:password@coder.example.com'])(
    'refuses the URL %s with INVALID_INPUT telling to set CODER_URL, without the token in the message',
    (url) => {
      let thrown: unknown;
      try {
        createFleet({ url, token: 'secret-token' });
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(FleetError);
      expect((thrown as FleetError).code).toBe('INVALID_INPUT');
      expect((thrown as FleetError).message).toContain('CODER_URL');
      expect((thrown as FleetError).message).not.toContain('secret-token');
    },
  );

  it('answers CODER_UNAVAILABLE from checkConnection when nothing listens at the URL', async () => {
    const fleet = createFleet({ url: 'http://127.0.0.1:9', token: 'secret-token', timeoutMs: 2_000 });
    const error = await fleet.checkConnection().then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(FleetError);
    expect((error as FleetError).code).toBe('CODER_UNAVAILABLE');
    expect((error as FleetError).message).not.toContain('secret-token');
  });
});

describe('createFleetOn', () => {
  it('builds every service on the client given without sending a request', () => {
    const coder = recordedCoder('v2.30.0');

    const fleet = createFleetOn(coder.client, { url: CODER_URL });

    expect(Object.keys(fleet).sort()).toEqual(['agents', 'checkConnection', 'projects', 'tasks', 'whoAmI']);
    expect(coder.requestCounts()).toEqual({});
  });

  it('checks the connection and names the user through that client', async () => {
    const coder = recordedCoder('v2.37.0');
    const fleet = createFleetOn(coder.client, { url: CODER_URL });

    const connection = await fleet.checkConnection();
    const username = await fleet.whoAmI();

    expect(connection).toEqual({ username: recordedUser('v2.37.0').username, coderVersion: recordedBuildInfo('v2.37.0').version });
    expect(username).toBe('fleet-dev');
    expect(coder.requestCounts()).toEqual({ getCoderVersion: 1, getAuthenticatedUser: 2 });
  });

  it("makes an agent's URL from the url given", async () => {
    const fleet = createFleetOn(recordedCoder('v2.30.0').client, { url: 'https://coder.example.com/' });

    const agent = await fleet.agents.show('fix-login');

    expect(agent.url).toBe(`https://coder.example.com/@${recordedWorkspace('v2.30.0', 'fix-login').owner_name}/fix-login`);
  });

  it('runs the waits of the agent and task services on the clock given', async () => {
    const running = recordedAgentApiStatus('v2.27.1', 'running');
    const coder = recordedCoder('v2.27.1', {
      ...recordedCreation('v2.27.1'),
      getAgentApiStatus: inTurn(running, running, recordedAgentApiStatus('v2.27.1', 'stable')),
    });
    const clock = new FakeClock();
    const fleet = createFleetOn(coder.client, { url: CODER_URL, clock });

    await fleet.agents.create({ name: 'fleet-rec-workspace', project: 'claude-code', task: 'Say hello.' }, { wait: true });
    const waitedToCreate = clock.sleeps.length;
    await fleet.tasks.cancel('fix-login');

    expect(waitedToCreate).toBeGreaterThan(0);
    expect(clock.sleeps.slice(waitedToCreate)).toEqual([200]);
  });

  it('bounds a waiting create by the waitTimeoutMs given', async () => {
    const [built] = recordedCreatedWorkspaceAsPolled('v2.27.1');
    const coder = recordedCoder('v2.27.1', { createWorkspace: async () => recordedCreatedWorkspace('v2.27.1'), getWorkspace: async () => present(built) });
    const clock = new FakeClock();
    const fleet = createFleetOn(coder.client, { url: CODER_URL, clock, waitTimeoutMs: 4_000 });

    const created = await fleet.agents.create({ name: 'fleet-rec-workspace', project: 'claude-code', task: 'Say hello.' }, { wait: true });

    expect(created.agent.status).toBe('starting');
    expect(clock.time).toBe(4_000);
  });
});
