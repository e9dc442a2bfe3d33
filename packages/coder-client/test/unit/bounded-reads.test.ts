// Tests the per-call deadline and the body cap over a real socket: stalls end at the deadline, endless bodies at the cap.
import * as z from 'zod';
import { CoderClient } from '../../src/index.js';
import { defaultPromptTimeoutMs, maximumResponseBytes } from '../../src/coder-client-options.js';
import { CoderApiError } from '../../src/errors/coder-api-error.js';
import { CoderResponseError } from '../../src/errors/coder-response-error.js';
import { CoderTimeoutError } from '../../src/errors/coder-timeout-error.js';
import { CoderHttp } from '../../src/http/coder-http.js';
import { startServer, type Handler, type LocalServer } from './local-http-server.js';

const token = 'Bounded000-bounded0reads0token0000';
const anything = z.unknown();
/** Generous bound for "ended long before the client's own timeout". */
const muchLessThanTheClientTimeout = 20_000;

/** Writes `chunk` again and again until the connection closes. */
function endless(status: number, chunk: string): Handler {
  return (_request, response) => {
    response.writeHead(status, { 'content-type': 'application/json' });
    const payload = Buffer.from(chunk);
    const pump = () => {
      while (!response.destroyed && response.write(payload)) {
        // Keep writing while the socket accepts.
      }
      if (!response.destroyed) {
        response.once('drain', pump);
      }
    };
    response.write('{"workspaces":[');
    pump();
  };
}

describe('bounded reads', () => {
  let server: LocalServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  function http(url: string, timeoutMs = 60_000, maxResponseBytes?: number): CoderHttp {
    return new CoderHttp({ url, token, timeoutMs, retryLimit: 0, maxRetryDelayMs: 1, maxResponseBytes });
  }

  it('names its defaults: 90 s for a prompt, 64 MiB for a body', () => {
    expect(defaultPromptTimeoutMs).toBe(90_000);
    expect(maximumResponseBytes).toBe(64 * 1024 * 1024);
  });

  it('ends a call at its own timeoutMs, not the client’s', async () => {
    server = await startServer(() => undefined);
    const started = Date.now();

    const error: unknown = await http(server.url, 60_000)
      .send({ method: 'GET', path: '/api/v2/workspaces', timeoutMs: 150 }, anything)
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(CoderTimeoutError);
    expect(error).toMatchObject({ timeoutMs: 150, retryable: true, mayHaveBeenApplied: false });
    expect((error as Error).message).toBe('GET /api/v2/workspaces timed out after 150 ms');
    expect(Date.now() - started).toBeLessThan(muchLessThanTheClientTimeout);
  });

  it('lets a call wait longer than the client’s timeout when it says so', async () => {
    server = await startServer((_request, response) => {
      setTimeout(() => response.end('{"ok":true}'), 300);
    });

    const result = await http(server.url, 50).send({ method: 'POST', path: '/@a/w.main/apps/ccw/message', timeoutMs: 10_000 }, anything);

    expect(result).toEqual({ ok: true });
  });

  // The deadline covers the connection too: 2 s leaves a loaded machine time to deliver the request before the body stalls.
  it('stops a body that stalls at the deadline, and closes the connection', async () => {
    server = await startServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{"workspaces":[');
    });

    const error: unknown = await http(server.url)
      .send({ method: 'GET', path: '/api/v2/workspaces', timeoutMs: 2_000 }, anything)
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(CoderTimeoutError);
    expect(error).toMatchObject({ timeoutMs: 2_000, retryable: true, mayHaveBeenApplied: false });
    await server.closed(0);
  });

  it('says a write whose body stalled may have been applied', async () => {
    server = await startServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{"ok":');
    });

    const error: unknown = await http(server.url)
      .send({ method: 'POST', path: '/@a/w.main/apps/ccw/message', json: { type: 'user', content: 'hi' }, timeoutMs: 2_000 }, anything)
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(CoderTimeoutError);
    expect(error).toMatchObject({ mayHaveBeenApplied: true, retryable: false });
    expect((error as Error).message).toContain('may have been applied');
  });

  it('stops an endless body at maxResponseBytes with a CoderResponseError, and closes the connection', async () => {
    server = await startServer(endless(200, '{"id":"0123456789abcdef"},'));

    const error: unknown = await http(server.url, 60_000, 1024 * 1024)
      .send({ method: 'GET', path: '/api/v2/workspaces' }, anything)
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(CoderResponseError);
    expect(error).toMatchObject({ status: 200, field: '(body)', retryable: false });
    expect((error as Error).message).toContain(`larger than ${1024 * 1024} bytes`);
    await server.closed(0);
  });

  it('stops an endless body at the default 64 MiB', async () => {
    server = await startServer(endless(200, 'x'.repeat(64 * 1024)));
    const client = new CoderClient({ url: server.url, token, retry: { limit: 0 } });

    const error: unknown = await client.getWorkspaces().catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(CoderResponseError);
    expect((error as Error).message).toContain(`larger than ${maximumResponseBytes} bytes`);
  });

  it('reads a body split anywhere, multi-byte characters included', async () => {
    const body = JSON.stringify({ name: 'añ€😀'.repeat(5_000) });
    const bytes = Buffer.from(body);
    server = await startServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      let offset = 0;
      const next = () => {
        if (offset >= bytes.length) {
          response.end();
          return;
        }
        response.write(bytes.subarray(offset, offset + 7_777), next);
        offset += 7_777;
      };
      next();
    });

    const result = await http(server.url).send({ method: 'GET', path: '/x' }, anything);

    expect(result).toEqual(JSON.parse(body));
  });

  it('still answers with the status when an error body never ends', async () => {
    server = await startServer(endless(500, '{"message":"x"},'));

    const error: unknown = await http(server.url).send({ method: 'GET', path: '/api/v2/workspaces' }, anything).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(CoderApiError);
    expect(error).toMatchObject({ status: 500 });
    await server.closed(0);
  });

  it('rejects with the caller’s reason when the caller aborts while the body arrives', async () => {
    server = await startServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('[');
    });
    const controller = new AbortController();
    const reason = new Error('caller gave up');

    const pending = http(server.url).send({ method: 'GET', path: '/x', signal: controller.signal }, anything);
    await new Promise((resolve) => setTimeout(resolve, 100));
    controller.abort(reason);

    await expect(pending).rejects.toBe(reason);
  });
});
