// The backend learns Coder's generation once, from buildinfo, and hands each call to that generation's backend.
import { recordedApiError, recordedBuildInfo, recordedCoder } from '@fleet/coder-fakes';
import { backendOver } from '../support/backend-over.js';

describe('GenerationBackend', () => {
  it('sends no request until its first call', () => {
    const fake = recordedCoder('v2.30.0');
    backendOver(fake);
    expect(fake.requestCounts()).toEqual({});
  });

  it('asks the version once for concurrent first calls and for every later one', async () => {
    const fake = recordedCoder('v2.30.0');
    const backend = backendOver(fake);
    await Promise.all([backend.listAgents(), backend.findAgent('fix-login'), backend.listProjects()]);
    await backend.listAgents();
    expect(fake.count('getCoderVersion')).toBe(1);
  });

  it('forgets a failed version read, so the next call asks again', async () => {
    const failure = recordedApiError('v2.30.0', 'server-error', 'GET', /workspaces$/);
    let answers = 0;
    const fake = recordedCoder('v2.30.0', {
      getCoderVersion: async () => {
        answers += 1;
        if (answers === 1) {
          throw failure;
        }
        return recordedBuildInfo('v2.30.0').version;
      },
    });
    const backend = backendOver(fake);
    await expect(backend.listAgents()).rejects.toBe(failure);
    await expect(backend.listAgents()).resolves.toHaveLength(6);
    expect(answers).toBe(2);
  });

  it.each([
    ['v2.27.1', 'getTasks'],
    ['v2.30.0', 'getTasks'],
    ['v2.37.0', 'getWorkspaces'],
  ] as const)('on %s lists through %s', async (generation, method) => {
    const fake = recordedCoder(generation);
    await backendOver(fake).listAgents();
    expect(fake.count(method)).toBe(1);
  });

  it('treats a version it cannot parse as the newest: workspaces, never the Tasks API', async () => {
    const fake = recordedCoder('v2.37.0', { getCoderVersion: async () => 'unknown-build' });
    await backendOver(fake).listAgents();
    expect(fake.count('getTasks')).toBe(0);
    expect(fake.count('getWorkspaces')).toBe(1);
  });
});
