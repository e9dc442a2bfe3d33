// Tests what a CoderNetworkError says of a failed fetch, which failures leave a write unsent, and a connection lost mid-body.
import { z } from 'zod';
import { CoderNetworkError } from '../../src/errors/coder-network-error.js';
import { CoderHttp, type HttpCall } from '../../src/http/coder-http.js';
import { failingFetch } from '../support/canned-fetch.js';
import { startServer, type LocalServer } from './local-http-server.js';

const token = 'network-failures-token-0000000000';
const anything = z.unknown();
const prompt: HttpCall = { method: 'POST', path: '/@alice/agent-1.main/apps/ccw/message', json: { type: 'user', content: 'hi' } };

/** How undici reports a failed fetch: `fetch failed`, with the system error as `cause`. */
function fetchFailed(code: string, message = `connect ${code} 10.0.0.1:443`): TypeError {
  return new TypeError('fetch failed', { cause: Object.assign(new Error(message), { code }) });
}

async function failureOf(error: unknown, call: HttpCall = { method: 'GET', path: '/api/v2/users/me' }, retryLimit = 0): Promise<unknown> {
  const failing = failingFetch(error);
  const http = new CoderHttp({ url: 'http://coder.test', token, timeoutMs: 5_000, retryLimit, maxRetryDelayMs: 1, fetch: failing.fetch });
  return http.send(call, anything).catch((caught: unknown) => caught);
}

describe('what a network error says', () => {
  it('joins the fetch’s message and its cause’s, and names the system code', async () => {
    const error = await failureOf(fetchFailed('ECONNREFUSED'));

    expect(error).toBeInstanceOf(CoderNetworkError);
    expect(error).toMatchObject({ reason: 'fetch failed: connect ECONNREFUSED 10.0.0.1:443', code: 'ECONNREFUSED' });
    expect((error as Error).message).toBe('GET /api/v2/users/me got no answer: fetch failed: connect ECONNREFUSED 10.0.0.1:443 [ECONNREFUSED]');
  });

  it('says a message once when the cause repeats it', async () => {
    const error = await failureOf(new TypeError('socket hang up', { cause: new Error('socket hang up') }));

    expect(error).toMatchObject({ reason: 'socket hang up', code: undefined });
    expect((error as Error).message).toBe('GET /api/v2/users/me got no answer: socket hang up');
  });

  it('reads a code carried by the error itself', async () => {
    const error = await failureOf(Object.assign(new Error('getaddrinfo ENOTFOUND coder.test'), { code: 'ENOTFOUND' }));

    expect(error).toMatchObject({ reason: 'getaddrinfo ENOTFOUND coder.test', code: 'ENOTFOUND' });
  });

  it('reads a failure thrown as plain text', async () => {
    const error = await failureOf('the network is down');

    expect(error).toMatchObject({ name: 'CoderNetworkError', reason: 'the network is down', code: undefined });
  });

  it('ignores a code or a message that is not text', async () => {
    const error = await failureOf({ message: 42, code: 7, cause: { message: null, code: ['x'] } });

    expect(error).toMatchObject({ name: 'CoderNetworkError', reason: '[object Object]', code: undefined });
  });

  it('reads a failure thrown as null, and retries it like any other on a GET', async () => {
    const failing = failingFetch(null);
    const http = new CoderHttp({ url: 'http://coder.test', token, timeoutMs: 5_000, retryLimit: 1, maxRetryDelayMs: 1, fetch: failing.fetch });

    const error: unknown = await http.send({ method: 'GET', path: '/api/v2/users/me' }, anything).catch((caught: unknown) => caught);

    expect(error).toMatchObject({ name: 'CoderNetworkError', reason: 'null', code: undefined });
    expect(failing.calls()).toBe(2);
  });

  it('reads a cause of null as no cause', async () => {
    const error = await failureOf(new TypeError('fetch failed', { cause: null }));

    expect(error).toMatchObject({ name: 'CoderNetworkError', reason: 'fetch failed', code: undefined });
  });

  it('removes the token from the reason', async () => {
    const error = await failureOf(new TypeError('fetch failed', { cause: new Error(`proxy refused ${token}`) }));

    expect((error as CoderNetworkError).reason).toBe('fetch failed: proxy refused [REDACTED]');
  });
});

describe('which failures leave a write unsent', () => {
  it.each([
    // No route, no name, no listener: nothing was sent.
    ...['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL', 'UND_ERR_CONNECT_TIMEOUT'],
    // The TLS handshake failed: nothing was sent over it.
    ...['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_GET_ISSUER_CERT'],
    ...['UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'ERR_TLS_CERT_ALTNAME_INVALID', 'ERR_SSL_WRONG_VERSION_NUMBER'],
  ])('%s: the connection never opened, so a POST can be sent again', async (code) => {
    const error = await failureOf(fetchFailed(code), prompt);

    expect(error).toMatchObject({ name: 'CoderNetworkError', code, mayHaveBeenApplied: false, retryable: true });
  });

  it.each([
    ['a reset', fetchFailed('ECONNRESET', 'read ECONNRESET')],
    ['a closed socket', fetchFailed('UND_ERR_SOCKET', 'other side closed')],
    ['a failure without a code', new TypeError('fetch failed')],
  ])('%s may come after a POST was sent: maybe applied, not retryable', async (_name, failure) => {
    const error = await failureOf(failure, prompt);

    expect(error).toMatchObject({ name: 'CoderNetworkError', mayHaveBeenApplied: true, retryable: false });
  });

  it('treats a HEAD like a GET: retried after a reset, and never maybe applied', async () => {
    const failing = failingFetch(fetchFailed('ECONNRESET', 'read ECONNRESET'));
    const http = new CoderHttp({ url: 'http://coder.test', token, timeoutMs: 5_000, retryLimit: 2, maxRetryDelayMs: 1, fetch: failing.fetch });

    const error: unknown = await http.sendWithoutResult({ method: 'HEAD', path: '/api/v2/buildinfo' }).catch((caught: unknown) => caught);

    expect(error).toMatchObject({ name: 'CoderNetworkError', mayHaveBeenApplied: false, retryable: true });
    expect(failing.calls()).toBe(3);
  });

  it.each([
    // jest gives tests Node's DOMException, an Error of another realm than the test VM's ky.
    ['from another realm', new DOMException('The operation was aborted.', 'AbortError')],
    ['from this realm', Object.assign(new Error('The operation was aborted.'), { name: 'AbortError' })],
  ])('does not retry a GET whose fetch reports an abort it made itself (an AbortError %s)', async (_name, abort) => {
    const failing = failingFetch(abort);
    const http = new CoderHttp({ url: 'http://coder.test', token, timeoutMs: 5_000, retryLimit: 2, maxRetryDelayMs: 1, fetch: failing.fetch });

    const error: unknown = await http.send({ method: 'GET', path: '/api/v2/users/me' }, anything).catch((caught: unknown) => caught);

    expect(error).toMatchObject({ name: 'CoderNetworkError', reason: 'The operation was aborted.' });
    expect(failing.calls()).toBe(1);
  });
});

describe('a connection lost while the body arrives', () => {
  let server: LocalServer;
  beforeEach(async () => {
    server = await startServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
      response.write('{"ok":', () => response.socket?.destroy());
    });
  });
  afterEach(async () => {
    await server.close();
  });

  function http(): CoderHttp {
    return new CoderHttp({ url: server.url, token, timeoutMs: 5_000, retryLimit: 0, maxRetryDelayMs: 1 });
  }

  it('fails a GET with a retryable CoderNetworkError', async () => {
    const error: unknown = await http().send({ method: 'GET', path: '/api/v2/users/me' }, anything).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(CoderNetworkError);
    expect(error).toMatchObject({ method: 'GET', path: '/api/v2/users/me', mayHaveBeenApplied: false, retryable: true });
  });

  it('says a POST whose answer broke off may have been applied', async () => {
    const error: unknown = await http().send(prompt, anything).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(CoderNetworkError);
    expect(error).toMatchObject({ mayHaveBeenApplied: true, retryable: false });
  });
});

describe('a call to another origin', () => {
  const http = new CoderHttp({ url: 'http://coder.test', token, timeoutMs: 5_000, retryLimit: 0, maxRetryDelayMs: 1, fetch: failingFetch(new Error('unused')).fetch });

  it.each([
    ['not a URL', 'ccw--main--w--alice.apps.coder.test', 'HttpCall.origin must be an absolute http(s) origin'],
    ['not http(s)', 'ftp://apps.coder.test', 'HttpCall.origin must be an http(s) origin without credentials'],
    ['with a user', 'http://alice@apps.coder.test', 'HttpCall.origin must be an http(s) origin without credentials'],
    ['with a password', 'http://:secret@apps.coder.test', 'HttpCall.origin must be an http(s) origin without credentials'],
  ])('is refused when the origin is %s', async (_name, origin, message) => {
    await expect(http.send({ method: 'GET', path: '/status', origin }, anything)).rejects.toThrow(new TypeError(message));
  });
});
