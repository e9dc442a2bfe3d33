// Tests what a CoderApiError says about an error answer: its status, Coder's words, the request id, and a body that stalls or is huge.
import { z } from 'zod';
import { maximumErrorBodyBytes } from '../../src/coder-client-options.js';
import { CoderApiError } from '../../src/errors/coder-api-error.js';
import { CoderHttp, type HttpCall } from '../../src/http/coder-http.js';
import { cannedFetch, jsonAnswer, type CannedAnswer } from '../support/canned-fetch.js';
import { recordedResponseBody, simulatorRecordings } from '../support/recordings.js';

const token = 'error-answers-token-00000000000000';
const anything = z.unknown();
const set = simulatorRecordings('v2.30.0');
/** Coder's 404 for a workspace id it does not know. */
const recordedNotFound = recordedResponseBody(set, 'errors', 'GET', /^\/api\/v2\/workspaces\/0{8}-/) as { message: string; detail?: string };

async function failureOf(answer: CannedAnswer, call: Partial<HttpCall> = {}): Promise<CoderApiError> {
  const coder = cannedFetch(answer);
  const http = new CoderHttp({ url: 'http://coder.test', token, timeoutMs: 5_000, retryLimit: 0, maxRetryDelayMs: 1, fetch: coder.fetch });
  const error: unknown = await http.send({ method: 'GET', path: '/api/v2/workspaces/w1', ...call }, anything).catch((caught: unknown) => caught);
  if (!(error instanceof CoderApiError)) {
    throw new Error(`expected a CoderApiError, got ${String(error)}`);
  }
  return error;
}

/** A body that sends `first` and then nothing more; `onRead` runs when the client asks for more. */
function stallingBody(first: string, onRead: () => void = () => undefined): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode(first));
    },
    pull() {
      onRead();
      return new Promise<void>(() => undefined);
    },
  });
}

describe('an error answer', () => {
  it('says method, path, status, Coder’s message and detail', async () => {
    const error = await failureOf(() => jsonAnswer(recordedNotFound, { status: 404 }));

    expect(error).toMatchObject({ status: 404, method: 'GET', path: '/api/v2/workspaces/w1', detail: recordedNotFound.detail, retryable: false });
    const detail = recordedNotFound.detail ? ` (${recordedNotFound.detail})` : '';
    expect(error.message).toBe(`GET /api/v2/workspaces/w1 failed with 404: ${recordedNotFound.message}${detail}`);
  });

  it('leaves the detail out of the message when Coder gave none', async () => {
    const error = await failureOf(() => jsonAnswer({ message: 'Workspace not found.' }, { status: 404 }));

    expect(error.message).toBe('GET /api/v2/workspaces/w1 failed with 404: Workspace not found.');
    expect(error.detail).toBeUndefined();
  });

  it('carries Coder’s request id', async () => {
    const error = await failureOf(() => jsonAnswer({ message: 'nope' }, { status: 500, headers: { 'x-coder-request-id': 'req-coder-1', 'x-request-id': 'req-other' } }));

    expect(error.requestId).toBe('req-coder-1');
  });

  it('carries a proxy’s request id where Coder’s is missing, and none where neither is sent', async () => {
    const proxied = await failureOf(() => jsonAnswer({ message: 'nope' }, { status: 502, headers: { 'x-request-id': 'req-proxy-2' } }));
    const bare = await failureOf(() => jsonAnswer({ message: 'nope' }, { status: 502 }));

    expect(proxied.requestId).toBe('req-proxy-2');
    expect(bare.requestId).toBeUndefined();
  });

  it('reads an HTML page by its content type, even without a doctype', async () => {
    const page = '<h1>502 - Bad Gateway</h1><p>Failed to proxy request to application: EOF</p>';

    const error = await failureOf(() => new Response(page, { status: 502, headers: { 'content-type': 'text/html; charset=utf-8' } }), {
      path: '/@alice/agent-1.main/apps/ccw/status',
    });

    expect(error).toMatchObject({ appProxyProblem: 'app_unreachable', detail: 'Failed to proxy request to application: EOF' });
    expect(error.message).toContain('502: Bad Gateway');
  });

  it('uses the status text for a body that says nothing', async () => {
    const error = await failureOf(() => new Response('', { status: 503, statusText: 'Service Unavailable' }));

    expect(error.message).toBe('GET /api/v2/workspaces/w1 failed with 503: Service Unavailable');
    expect(error).toMatchObject({ retryable: true, validations: [], detail: undefined });
  });

  it('treats a 300 as a redirect, not followed', async () => {
    const error = await failureOf(() => new Response(null, { status: 300, headers: { location: '/api/v2/workspaces/w2' } }));

    expect(error).toMatchObject({ status: 300, location: '/api/v2/workspaces/w2' });
    expect(error.message).toBe(
      'GET /api/v2/workspaces/w1 failed with 300: redirect not followed (a request carrying the session token never follows one) (Location: /api/v2/workspaces/w2)',
    );
  });

  it.each([
    ['classifies the answers of a call marked as through the proxy', '/api/v2/anything', true, 'workspace_offline'],
    ['leaves an app path’s answers alone when the call says it is not through the proxy', '/@alice/agent-1.main/apps/ccw/status', false, undefined],
  ])('%s', async (_name, path, viaAppProxy, expected) => {
    const page = '<!doctype html><html><head><title>400 - Workspace Offline</title></head><body><p>Start it.</p></body></html>';

    const error = await failureOf(() => new Response(page, { status: 400, headers: { 'content-type': 'text/html' } }), { path, viaAppProxy });

    expect(error.appProxyProblem).toBe(expected);
  });

  it('still answers with the status when the error body stalls, at the call’s deadline', async () => {
    const error = await failureOf(() => new Response(stallingBody('{"message":'), { status: 500, statusText: 'Internal Server Error' }), { timeoutMs: 50 });

    expect(error).toMatchObject({ status: 500, retryable: true });
    expect(error.message).toBe('GET /api/v2/workspaces/w1 failed with 500: Internal Server Error');
  });

  it('rejects with the caller’s reason when the caller aborts while the error body arrives', async () => {
    const controller = new AbortController();
    const reason = new Error('caller gave up');
    const coder = cannedFetch(() => new Response(stallingBody('{"message":', () => controller.abort(reason)), { status: 404 }));
    const http = new CoderHttp({ url: 'http://coder.test', token, timeoutMs: 5_000, retryLimit: 0, maxRetryDelayMs: 1, fetch: coder.fetch });

    const pending = http.send({ method: 'GET', path: '/x', signal: controller.signal }, anything);

    await expect(pending).rejects.toBe(reason);
  });

  it.each([
    ['reads a Coder error body of 64 KiB in full', 0, 'Too long.'],
    ['reads no more than 64 KiB of an error body, and then falls back to the status text', 1, 'Bad Request'],
  ])('%s', async (_name, extraBytes, message) => {
    const frame = JSON.stringify({ message: 'Too long.', detail: '' });
    const body = JSON.stringify({ message: 'Too long.', detail: 'd'.repeat(maximumErrorBodyBytes - frame.length + extraBytes) });

    const error = await failureOf(() => new Response(body, { status: 400, statusText: 'Bad Request', headers: { 'content-type': 'application/json' } }));

    expect(error.message.startsWith(`GET /api/v2/workspaces/w1 failed with 400: ${message} (`)).toBe(true);
  });
});
