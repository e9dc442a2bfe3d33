// Injected faults, latency, the /__sim control endpoint and the request statistics.
import type { CoderError } from './support/coder-shapes.js';
import { openSession, type SimulatorSession } from './support/simulator-session.js';

describe('fault injection, latency and the /__sim control endpoint', () => {
  let session: SimulatorSession;

  beforeAll(async () => {
    session = await openSession();
  });

  afterAll(() => session.close());

  afterEach(() => {
    session.simulator.control.clearFaults();
    session.simulator.control.setLatency(0);
  });

  it('a status fault answers that status with Coder error body and Retry-After', async () => {
    session.simulator.control.setFaults([{ path: '^/api/v2/templates$', status: 429, retryAfterSeconds: 3 }]);

    const result = await session.call('GET', '/api/v2/templates');

    expect(result.status).toBe(429);
    expect(result.headers.get('retry-after')).toBe('3');
    expect((result.json as CoderError).message).toContain('rate limited');
  });

  it('a 503 fault for one method leaves other methods and paths alone', async () => {
    session.simulator.control.setFaults([{ method: 'POST', path: '^/api/v2/users/me/workspaces$', status: 503 }]);

    const post = await session.call('POST', '/api/v2/users/me/workspaces', { name: 'x' });
    const get = await session.call('GET', '/api/v2/users/me');

    expect(post.status).toBe(503);
    expect((post.json as CoderError).message).toBe('Simulated fault: 503 for /api/v2/users/me/workspaces.');
    expect(get.status).toBe(200);
  });

  it('times limits a rule to the next N matching requests', async () => {
    session.simulator.control.setFaults([{ path: '^/api/v2/buildinfo$', status: 500, times: 2 }]);

    const statuses = [];
    for (let attempt = 0; attempt < 3; attempt += 1) {
      statuses.push((await session.call('GET', '/api/v2/buildinfo')).status);
    }

    expect(statuses).toEqual([500, 500, 200]);
  });

  it('drop destroys the connection without an answer', async () => {
    session.simulator.control.setFaults([{ path: '^/api/v2/buildinfo$', drop: true, times: 1 }]);

    await expect(session.call('GET', '/api/v2/buildinfo')).rejects.toThrow();
    expect((await session.call('GET', '/api/v2/buildinfo')).status).toBe(200);
  });

  it('delayMs holds the answer, so a client timeout fires first', async () => {
    session.simulator.control.setFaults([{ path: '^/api/v2/buildinfo$', delayMs: 5_000, times: 1 }]);

    const attempt = fetch(`${session.simulator.url}/api/v2/buildinfo`, { signal: AbortSignal.timeout(50) });

    await expect(attempt).rejects.toThrow(/timeout|aborted/i);
  });

  it('malformedBody answers 200 with a body that is not valid JSON', async () => {
    session.simulator.control.setFaults([{ path: '^/api/v2/users/me$', malformedBody: true, times: 1 }]);

    const result = await session.call('GET', '/api/v2/users/me');

    expect(result.status).toBe(200);
    expect(result.text.length).toBeGreaterThan(0);
    expect(() => JSON.parse(result.text) as unknown).toThrow();
  });

  it('slowBodyMs sends the real body in several chunks', async () => {
    session.simulator.control.setFaults([{ path: '^/api/v2/templates$', slowBodyMs: 100, times: 1 }]);
    const expected = (await session.call('GET', '/api/v2/templates')).json;
    session.simulator.control.setFaults([{ path: '^/api/v2/templates$', slowBodyMs: 100, times: 1 }]);

    const response = await fetch(`${session.simulator.url}/api/v2/templates`, {
      headers: { 'Coder-Session-Token': session.simulator.token },
    });
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const chunks: Uint8Array[] = [];
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      chunks.push(chunk.value);
    }

    expect(chunks.length).toBeGreaterThan(1);
    expect(JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown).toEqual(expected);
  });

  it('endlessBody answers 200 with JSON that keeps coming until the client hangs up', async () => {
    session.simulator.control.setFaults([{ path: '^/api/v2/workspaces$', endlessBody: true, times: 1 }]);
    const limit = 8 * 1024 * 1024;

    const response = await fetch(`${session.simulator.url}/api/v2/workspaces`, { headers: { 'Coder-Session-Token': session.simulator.token } });
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    let bytes = 0;
    let ended = false;
    while (bytes < limit && !ended) {
      const chunk = await reader.read();
      ended = chunk.done;
      bytes += chunk.value?.byteLength ?? 0;
    }
    await reader.cancel();

    expect(response.status).toBe(200);
    expect(ended).toBe(false);
    expect(bytes).toBeGreaterThanOrEqual(limit);
    expect((await session.call('GET', '/api/v2/workspaces')).status).toBe(200);
  });

  it('a rule with an invalid path pattern is refused', () => {
    expect(() => session.simulator.control.setFaults([{ path: '(' }])).toThrow(/invalid path pattern/);
  });

  it('the HTTP control endpoint sets and clears faults and latency without a token', async () => {
    const put = await session.call('PUT', '/__sim/faults', [{ path: '^/api/v2/organizations$', status: 502 }], {});
    const faulted = await session.call('GET', '/api/v2/organizations');
    const cleared = await session.call('DELETE', '/__sim/faults', undefined, {});
    const healthy = await session.call('GET', '/api/v2/organizations');
    const latency = await session.call('PUT', '/__sim/latency', { ms: 1 }, {});
    const withLatency = await session.call('GET', '/api/v2/organizations');
    const badLatency = await session.call('PUT', '/__sim/latency', { ms: -4 }, {});
    const badFaults = await session.call('PUT', '/__sim/faults', { path: 'x' }, {});

    expect(put.status).toBe(204);
    expect(faulted.status).toBe(502);
    expect(cleared.status).toBe(204);
    expect(healthy.status).toBe(200);
    expect(latency.status).toBe(204);
    expect(withLatency.status).toBe(200);
    expect(badLatency.status).toBe(400);
    expect(badFaults.status).toBe(400);
  });

  it('counts Coder requests, body bytes and route keys, but not /__sim requests', async () => {
    await session.call('POST', '/__sim/stats/reset', undefined, {});

    const user = await session.call('GET', '/api/v2/users/me');
    const unknown = await session.call('GET', '/api/v2/nothing-here');
    const denied = await session.call('GET', '/api/v2/templates', undefined, {});
    const stats = (await session.call('GET', '/__sim/stats', undefined, {})).json;

    expect(stats).toEqual({
      requests: 3,
      bytesSent: Buffer.byteLength(user.text) + Buffer.byteLength(unknown.text) + Buffer.byteLength(denied.text),
      byRoute: { 'GET /api/v2/users/{user}': 1, 'GET /api/v2/templates': 1, UNMATCHED: 1 },
    });
    expect(session.simulator.control.stats()).toEqual(stats);
  });
});
