// Tests that the client learns the Tasks API once, shares the request, and forgets a failed attempt.
import { CoderClient, CoderNetworkError } from '../../src/index.js';

const token = 'tasks-api-learning-token-00000000';

/** Answers buildinfo with `version`, after failing the first `failures` calls; counts the calls. */
function buildInfoServer(version: string, failures: number): { fetch: typeof fetch; calls: () => number } {
  let calls = 0;
  const fetchBuildInfo = (async () => {
    calls += 1;
    if (calls <= failures) {
      throw new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) });
    }
    return new Response(JSON.stringify({ version }), { status: 200 });
  }) as typeof fetch;
  return { fetch: fetchBuildInfo, calls: () => calls };
}

describe('getTasksApi', () => {
  it('asks for buildinfo once however often it is called', async () => {
    const server = buildInfoServer('v2.31.2+abc', 0);
    const client = new CoderClient({ url: 'http://coder.test', token, fetch: server.fetch });

    const answers = await Promise.all([client.getTasksApi(), client.getTasksApi(), client.getTasksApi()]);
    const later = await client.getTasksApi();

    expect([...answers, later]).toEqual(['v2', 'v2', 'v2', 'v2']);
    expect(server.calls()).toBe(1);
  });

  it('does not remember a failed attempt: the next call asks again', async () => {
    const server = buildInfoServer('v2.27.1+230b55b', 1);
    const client = new CoderClient({ url: 'http://coder.test', token, fetch: server.fetch, retry: { limit: 0 } });

    const failure: unknown = await client.getTasksApi().catch((caught: unknown) => caught);
    const answer = await client.getTasksApi();

    expect(failure).toBeInstanceOf(CoderNetworkError);
    expect(answer).toBe('experimental');
    expect(server.calls()).toBe(2);
  });

  it("lets one caller stop waiting without cancelling the shared request for the others", async () => {
    const server = buildInfoServer('v2.37.0', 0);
    const client = new CoderClient({ url: 'http://coder.test', token, fetch: server.fetch });
    const controller = new AbortController();
    const reason = new Error('this caller gave up');

    const impatient = client.getTasksApi({ signal: controller.signal });
    const patient = client.getTasksApi();
    controller.abort(reason);

    await expect(impatient).rejects.toBe(reason);
    await expect(patient).resolves.toBe('none');
  });
});
