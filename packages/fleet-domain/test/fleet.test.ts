// createFleet: what it refuses before any request, and a Coder that is not there.
import { jest } from '@jest/globals';
import { FleetError } from '@fleet/fleet-models';
import { createFleet } from '../src/fleet.js';

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
