// Tests that a write which failed after it may have been sent says so and is not retryable, while GETs stay retryable.
import * as z from 'zod';
import { CoderNetworkError } from '../../src/errors/coder-network-error.js';
import { CoderTimeoutError } from '../../src/errors/coder-timeout-error.js';
import { CoderApiError } from '../../src/errors/coder-api-error.js';
import { CoderHttp } from '../../src/http/coder-http.js';
import { closedPort, everythingSaidBy, startServer, type LocalServer } from './local-http-server.js';

const token = 'Writes0000-writes0may0happen0token';
const anything = z.unknown();
const prompt = { method: 'POST', path: '/@alice/agent-1.main/apps/ccw/message', json: { type: 'user', content: 'hello' } } as const;

describe('failures after a request may have been sent', () => {
  let server: LocalServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  /** Tests of a timeout pass a short one; the others leave room for a loaded machine's slow local answer. */
  function http(url: string, retryLimit = 0, timeoutMs = 10_000): CoderHttp {
    return new CoderHttp({ url, token, timeoutMs, retryLimit, maxRetryDelayMs: 1 });
  }

  it('marks a POST whose connection dropped after sending as maybe applied and not retryable', async () => {
    server = await startServer((request) => request.socket.destroy());

    const error: unknown = await http(server.url).send(prompt, anything).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(CoderNetworkError);
    expect(error).toMatchObject({ mayHaveBeenApplied: true, retryable: false, method: 'POST' });
    expect((error as Error).message).toContain('the change may have been applied');
    expect(server.requests[0]?.body).toBe(JSON.stringify(prompt.json));
    expect(everythingSaidBy(error)).not.toContain(token);
  });

  it('marks a POST that timed out as maybe applied and not retryable', async () => {
    server = await startServer(() => undefined);

    const error: unknown = await http(server.url, 0, 200).send(prompt, anything).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(CoderTimeoutError);
    expect(error).toMatchObject({ mayHaveBeenApplied: true, retryable: false, timeoutMs: 200 });
    expect((error as Error).message).toContain('the change may have been applied');
  });

  it('keeps a refused connection retryable for a POST: nothing was sent', async () => {
    const port = await closedPort();

    const error: unknown = await http(`http://127.0.0.1:${port}`).send(prompt, anything).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(CoderNetworkError);
    expect(error).toMatchObject({ code: 'ECONNREFUSED', mayHaveBeenApplied: false, retryable: true });
    expect((error as Error).message).not.toContain('may have been applied');
  });

  it('keeps GETs retryable after a dropped connection, and retries them', async () => {
    server = await startServer((request) => request.socket.destroy());

    const error: unknown = await http(server.url, 2).send({ method: 'GET', path: '/api/v2/workspaces' }, anything).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(CoderNetworkError);
    expect(error).toMatchObject({ mayHaveBeenApplied: false, retryable: true });
    expect(server.requests).toHaveLength(3);
  });

  it('keeps GETs retryable after a timeout', async () => {
    server = await startServer(() => undefined);

    const error: unknown = await http(server.url, 0, 200).send({ method: 'GET', path: '/api/v2/workspaces' }, anything).catch((caught: unknown) => caught);

    expect(error).toMatchObject({ name: 'CoderTimeoutError', mayHaveBeenApplied: false, retryable: true });
  });

  it('never retries a POST, even after a 503 with Retry-After', async () => {
    server = await startServer((_request, response) => {
      response.writeHead(503, { 'retry-after': '0', 'content-type': 'application/json' });
      response.end('{"message":"busy"}');
    });

    const error: unknown = await http(server.url, 2).send(prompt, anything).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(CoderApiError);
    expect(server.requests).toHaveLength(1);
  });

  it('retries a GET after a 503 with Retry-After', async () => {
    let calls = 0;
    server = await startServer((_request, response) => {
      calls += 1;
      if (calls === 1) {
        response.writeHead(503, { 'retry-after': '0', 'content-type': 'application/json' });
        response.end('{"message":"busy"}');
        return;
      }
      response.end('{"ok":true}');
    });

    await expect(http(server.url, 2).send({ method: 'GET', path: '/x' }, anything)).resolves.toEqual({ ok: true });
    expect(server.requests).toHaveLength(2);
  });
});

describe('what the errors say of themselves', () => {
  it('builds retryable errors by default and non-retryable ones when the change may have happened', () => {
    const context = { method: 'POST', path: '/x' };

    expect(new CoderTimeoutError({ ...context, timeoutMs: 1 })).toMatchObject({ retryable: true, mayHaveBeenApplied: false });
    expect(new CoderTimeoutError({ ...context, timeoutMs: 1, mayHaveBeenApplied: true })).toMatchObject({ retryable: false });
    expect(new CoderNetworkError({ ...context, reason: 'x' })).toMatchObject({ retryable: true, mayHaveBeenApplied: false });
    expect(new CoderNetworkError({ ...context, reason: 'x', mayHaveBeenApplied: true })).toMatchObject({ retryable: false });
  });
});
