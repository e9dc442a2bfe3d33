// The fake client: every method of the real one, answers only what it was told, counts every call.
import { CoderClient } from '@fleet/coder-client';
import { createFakeCoderClient, everyRequestFailing, inTurn, METHODS } from '../src/fake-coder-client.js';

describe('createFakeCoderClient', () => {
  it('offers every method the real client has', () => {
    const real = new CoderClient({ url: 'http://coder.test', token: 'token' });
    const realMethods = Object.getOwnPropertyNames(CoderClient.prototype).filter((name) => name !== 'constructor');

    expect([...METHODS].sort()).toEqual(realMethods.sort());
    expect(METHODS).toContain('getWorkspaceByOwnerAndName');
    expect(typeof real.getWorkspaceByOwnerAndName).toBe('function');
  });

  it('answers with what it was told and counts the calls with their arguments', async () => {
    const fake = createFakeCoderClient({ getTemplate: async (id) => ({ id }) as never });

    await fake.client.getTemplate('a');
    await fake.client.getTemplate('b');

    expect(fake.count('getTemplate')).toBe(2);
    expect(fake.argsOf('getTemplate')).toEqual([['a'], ['b']]);
    expect(fake.requestCounts()).toEqual({ getTemplate: 2 });
  });

  it('refuses a call it was not told how to answer, naming the method', async () => {
    const fake = createFakeCoderClient({});

    await expect(fake.client.getBuildInfo()).rejects.toThrow('not told how to answer getBuildInfo');
    expect(fake.count('getBuildInfo')).toBe(1);
  });
});

describe('inTurn', () => {
  it('answers in order, then repeats the last answer', async () => {
    const next = inTurn('pending', 'running');

    expect([await next(), await next(), await next()]).toEqual(['pending', 'running', 'running']);
  });
});

describe('everyRequestFailing', () => {
  it('rejects every method with the error given', async () => {
    const failure = new Error('refused');
    const fake = createFakeCoderClient(everyRequestFailing(failure));

    for (const method of METHODS) {
      await expect((fake.client[method] as () => Promise<unknown>)()).rejects.toBe(failure);
    }
  });
});
