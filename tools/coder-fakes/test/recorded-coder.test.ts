// The recorded Coder answers each generation's recordings, and its own overrides first.
import { CoderApiError } from '@fleet/coder-client';
import { recordedCoder, recordedConflict, recordedNotFound } from '../src/recorded-coder.js';
import { recordedBuildInfo, recordedWorkspaces } from '../src/recorded-coder-data.js';
import type { RecordedGeneration } from '../src/recorded-traffic.js';

const GENERATIONS: RecordedGeneration[] = ['v2.27.1', 'v2.30.0', 'v2.34.3', 'v2.37.0'];

describe('recordedCoder', () => {
  it.each(GENERATIONS)('on %s answers the recorded version, user, workspaces and templates', async (generation) => {
    const coder = recordedCoder(generation);

    expect(await coder.client.getCoderVersion()).toMatch(new RegExp(`^${generation.replaceAll('.', '\\.')}\\+`));
    expect((await coder.client.getAuthenticatedUser()).username).toBe('fleet-dev');
    expect((await coder.client.getWorkspaces({ q: 'owner:me' })).count).toBe(recordedWorkspaces(generation).length);
    expect((await coder.client.getTemplates()).map((template) => template.name)).toContain('claude-code');
  });

  it("pages the recorded workspaces as Coder's limit and offset do", async () => {
    const coder = recordedCoder('v2.37.0');

    const page = await coder.client.getWorkspaces({ q: 'owner:me', limit: 2, offset: 2 });

    expect(page.workspaces.map((workspace) => workspace.name)).toEqual(recordedWorkspaces('v2.37.0').slice(2, 4).map((workspace) => workspace.name));
    expect(page.count).toBe(7);
  });

  it("answers an unknown workspace with Coder's recorded 404", async () => {
    const failure = await recordedCoder('v2.30.0').client.getWorkspaceByOwnerAndName('me', 'nobody').catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(CoderApiError);
    expect(failure).toMatchObject({ status: 404, message: recordedNotFound('v2.30.0').message });
  });

  it('answers an override instead of the recording', async () => {
    const coder = recordedCoder('v2.30.0', { getCoderVersion: async () => recordedBuildInfo('v2.37.0').version });

    expect(await coder.client.getCoderVersion()).toBe(recordedBuildInfo('v2.37.0').version);
  });

  it("keeps Coder's recorded 409 for a taken name", () => {
    expect(recordedConflict('v2.37.0')).toMatchObject({ status: 409, message: expect.stringContaining('already exists') });
  });
});
