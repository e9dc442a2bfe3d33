// Tests that a redirect is an answer, never a hop: the token never reaches where a 3xx points.
import * as z from 'zod';
import { CoderClient } from '../../src/index.js';
import { CoderApiError } from '../../src/errors/coder-api-error.js';
import { CoderHttp } from '../../src/http/coder-http.js';
import { everythingSaidBy, startServer, type LocalServer } from './local-http-server.js';

const token = 'AbCdEfGhIj-redirect0token0secret00';
const anything = z.unknown();

describe('redirects with credentials', () => {
  let elsewhere: LocalServer;
  let coder: LocalServer;
  let status = 302;

  beforeEach(async () => {
    elsewhere = await startServer((_request, response) => response.end('{"stolen":true}'));
    coder = await startServer((_request, response) => {
      response.writeHead(status, {
        location: `${elsewhere.url}/collect?coder_session_token=${token}&keep=1`,
        'content-type': 'text/html; charset=utf-8',
      });
      response.end('<a href="elsewhere">Moved</a>.');
    });
  });
  afterEach(async () => {
    await coder.close();
    await elsewhere.close();
  });

  function http(): CoderHttp {
    return new CoderHttp({ url: coder.url, token, timeoutMs: 5_000, retryLimit: 2, maxRetryDelayMs: 1 });
  }

  it.each([301, 302, 303, 307, 308])('does not follow a %i from a POST: the other host gets nothing, the error carries status and location', async (code) => {
    status = code;

    const error: unknown = await http()
      .send({ method: 'POST', path: '/api/v2/workspaces/w1/builds', json: { transition: 'stop' } }, anything)
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(CoderApiError);
    expect(error).toMatchObject({ status: code, method: 'POST', path: '/api/v2/workspaces/w1/builds', retryable: false });
    const location = (error as CoderApiError).location;
    expect(location).toBe(`${elsewhere.url}/collect?coder_session_token=[REDACTED]&keep=1`);
    expect(elsewhere.requests).toHaveLength(0);
    expect(coder.requests).toHaveLength(1);
    expect(coder.requests[0]?.headers['coder-session-token']).toBe(token);
    expect(everythingSaidBy(error)).not.toContain(token);
  });

  it.each([302, 303, 307, 308])('does not follow a %i from a GET, and does not retry it', async (code) => {
    status = code;

    const error: unknown = await http()
      .send({ method: 'GET', path: '/api/v2/users/me' }, anything)
      .catch((caught: unknown) => caught);

    expect(error).toMatchObject({ name: 'CoderApiError', status: code });
    expect((error as CoderApiError).message).toContain('redirect not followed');
    expect(elsewhere.requests).toHaveLength(0);
    expect(coder.requests).toHaveLength(1);
    expect(everythingSaidBy(error)).not.toContain(token);
  });

  it('keeps the token away from the other host through the public client too', async () => {
    status = 307;
    const client = new CoderClient({ url: coder.url, token, retry: { limit: 2, maxRetryDelayMs: 1 } });

    const error: unknown = await client.getBuildInfo().catch((caught: unknown) => caught);

    expect(error).toMatchObject({ name: 'CoderApiError', status: 307 });
    expect(elsewhere.requests).toHaveLength(0);
  });

  it('says so when a redirect has no Location', async () => {
    const bare = await startServer((_request, response) => {
      response.writeHead(302);
      response.end();
    });
    try {
      const error: unknown = await new CoderHttp({ url: bare.url, token, timeoutMs: 5_000, retryLimit: 0, maxRetryDelayMs: 1 })
        .send({ method: 'GET', path: '/x' }, anything)
        .catch((caught: unknown) => caught);

      expect(error).toMatchObject({ status: 302, location: undefined, detail: 'no Location header' });
    } finally {
      await bare.close();
    }
  });
});
