// Tests how failures that never produce an answer become typed errors, through an injected fetch.
import { CoderClient, CoderNetworkError, CoderTimeoutError } from '../../src/index.js';
import { failingFetch, neverAnsweringFetch } from '../support/canned-fetch.js';

const token = 'unit-test-session-token-5f1d';

function connectionRefused(): Error {
  return new TypeError('fetch failed', { cause: Object.assign(new Error(`connect ECONNREFUSED (${token})`), { code: 'ECONNREFUSED' }) });
}

describe('CoderClient when no answer comes', () => {
  it('turns a refused connection into a retryable CoderNetworkError with the system code', async () => {
    const { fetch } = failingFetch(connectionRefused());
    const client = new CoderClient({ url: 'http://coder.test', token, fetch, retry: { limit: 0 } });

    const error: unknown = await client.getBuildInfo().catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(CoderNetworkError);
    expect(error).toMatchObject({ code: 'ECONNREFUSED', retryable: true, method: 'GET', path: '/api/v2/buildinfo' });
  });

  it('retries a GET after a network failure, up to the retry limit', async () => {
    const failing = failingFetch(connectionRefused());
    const client = new CoderClient({ url: 'http://coder.test', token, fetch: failing.fetch, retry: { limit: 2, maxRetryDelayMs: 1 } });

    await client.getBuildInfo().catch(() => undefined);

    expect(failing.calls()).toBe(3);
  });

  it('never retries a POST after a network failure', async () => {
    const failing = failingFetch(connectionRefused());
    const client = new CoderClient({ url: 'http://coder.test', token, fetch: failing.fetch, retry: { limit: 2, maxRetryDelayMs: 1 } });

    await client.stopWorkspace('workspace-id').catch(() => undefined);

    expect(failing.calls()).toBe(1);
  });

  it('keeps the token out of the message, the stack and the JSON of a network error', async () => {
    const { fetch } = failingFetch(connectionRefused());
    const client = new CoderClient({ url: 'http://coder.test', token, fetch, retry: { limit: 0 } });

    const error = (await client.getBuildInfo().catch((caught: unknown) => caught)) as Error;

    expect(error.message).not.toContain(token);
    expect(String(error.stack)).not.toContain(token);
    expect(JSON.stringify(error)).not.toContain(token);
  });

  it('gives up with CoderTimeoutError when the answer does not come within timeoutMs', async () => {
    const neverAnswers = neverAnsweringFetch();
    const client = new CoderClient({ url: 'http://coder.test', token, fetch: neverAnswers, timeoutMs: 20 });

    const error: unknown = await client.getWorkspace('w1').catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(CoderTimeoutError);
    expect(error).toMatchObject({ timeoutMs: 20, retryable: true, path: '/api/v2/workspaces/w1' });
  });

  it("rejects with the caller's abort reason when the caller aborts", async () => {
    const neverAnswers = neverAnsweringFetch();
    const client = new CoderClient({ url: 'http://coder.test', token, fetch: neverAnswers });
    const controller = new AbortController();
    const reason = new Error('caller gave up');

    const pending = client.getWorkspace('w1', { signal: controller.signal });
    controller.abort(reason);

    await expect(pending).rejects.toBe(reason);
  });

  it('sends the token only in the Coder-Session-Token header', async () => {
    const seen: Request[] = [];
    const recordingFetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
      seen.push(new Request(input, init));
      return new Response(JSON.stringify({ version: 'v2.30.0' }), { status: 200 });
    }) as typeof fetch;
    const client = new CoderClient({ url: 'http://coder.test', token, fetch: recordingFetch });

    await client.getBuildInfo();

    const request = seen[0];
    expect(request?.headers.get('coder-session-token')).toBe(token);
    expect(request?.url).not.toContain(token);
    expect(request?.headers.get('authorization')).toBeNull();
  });
});

describe('CoderClient construction', () => {
  it('refuses a URL that carries credentials, without echoing it', () => {
    expect(() => new CoderClient({ url: `https://user:${token}@coder.test`, token })).toThrow(/must not carry credentials/);
    expect(() => new CoderClient({ url: `https://user:${token}@coder.test`, token })).not.toThrow(new RegExp(token));
  });
});
