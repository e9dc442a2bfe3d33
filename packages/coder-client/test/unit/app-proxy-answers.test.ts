// Tests reading Coder's app proxy answers (its redirects and HTML error pages) into appProxyProblem.
import * as z from 'zod';
import { CoderApiError } from '../../src/errors/coder-api-error.js';
import { CoderHttp, type HttpCall } from '../../src/http/coder-http.js';
import { coderErrorPage } from '../support/coder-error-page.js';
import { everythingSaidBy, startServer, type LocalServer } from './local-http-server.js';

const token = 'AppProxy00-app0proxy0token0secret0';
const anything = z.unknown();
const appPath = '/@alice/agent-1.main/apps/ccw/status';

interface Answer {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

describe('answers of the app proxy', () => {
  let server: LocalServer;
  let answer: Answer;

  beforeEach(async () => {
    server = await startServer((_request, response) => {
      response.writeHead(answer.status, answer.headers ?? { 'content-type': 'text/html; charset=utf-8' });
      response.end(answer.body ?? '');
    });
  });
  afterEach(async () => {
    await server.close();
  });

  async function failureOf(call: Partial<HttpCall> = {}): Promise<CoderApiError> {
    const http = new CoderHttp({ url: server.url, token, timeoutMs: 5_000, retryLimit: 0, maxRetryDelayMs: 1 });
    const error: unknown = await http.send({ method: 'GET', path: appPath, ...call }, anything).catch((caught: unknown) => caught);
    if (!(error instanceof CoderApiError)) {
      throw new Error(`expected a CoderApiError, got ${String(error)}`);
    }
    expect(everythingSaidBy(error)).not.toContain(token);
    return error;
  }

  it('reads a 303 to /login as the token refused, without following it', async () => {
    const location = `/login?message=You+are+signed+out&redirect=${encodeURIComponent(appPath)}`;
    answer = { status: 303, headers: { location, 'content-type': 'text/html; charset=utf-8' }, body: `<a href="${location}">See Other</a>.` };

    const error = await failureOf();

    expect(error).toMatchObject({ status: 303, appProxyProblem: 'token_refused', location });
    expect(error.message).toContain('did not accept the session token');
    expect(server.requests).toHaveLength(1);
  });

  it('reads a redirect to the absolute /api/v2/applications/auth-redirect as the token refused', async () => {
    answer = { status: 303, headers: { location: `${server.url}/api/v2/applications/auth-redirect?redirect_uri=https%3A%2F%2Fapp` } };

    expect((await failureOf()).appProxyProblem).toBe('token_refused');
  });

  it('reads an older release’s 307 to /login the same way', async () => {
    answer = { status: 307, headers: { location: '/login?message=x&redirect=%2F' } };

    expect((await failureOf()).appProxyProblem).toBe('token_refused');
  });

  it('leaves a redirect elsewhere (the app’s own) unclassified, still not followed', async () => {
    answer = { status: 302, headers: { location: '/@alice/agent-1.main/apps/ccw/chat' } };

    const error = await failureOf();

    expect(error.appProxyProblem).toBeUndefined();
    expect(error.location).toBe('/@alice/agent-1.main/apps/ccw/chat');
    expect(server.requests).toHaveLength(1);
  });

  it('reads the 400 "Workspace Offline" page, with its title as message and its paragraph as detail', async () => {
    answer = {
      status: 400,
      body: coderErrorPage(400, 'Workspace Offline', 'Last workspace transition was to the &#34;stop&#34; state. Start the workspace to access its applications.'),
    };

    const error = await failureOf();

    expect(error.appProxyProblem).toBe('workspace_offline');
    expect(error.message).toBe(
      `GET ${appPath} failed with 400: Workspace Offline (Last workspace transition was to the "stop" state. Start the workspace to access its applications.)`,
    );
  });

  it.each([
    [401, 'Unauthorized'],
    [403, 'Forbidden'],
  ])('reads the %i "Path-based applications are disabled" page', async (status, title) => {
    answer = { status, body: coderErrorPage(status, title, 'Path-based applications are disabled on this Coder deployment by the administrator.') };

    const error = await failureOf();

    expect(error.appProxyProblem).toBe('path_apps_disabled');
    expect(error.detail).toBe('Path-based applications are disabled on this Coder deployment by the administrator.');
  });

  it.each([
    ['Bad Gateway', 'Failed to proxy request to application: dial tcp [fd7a:115c::1]:3284: connect: connection refused'],
    ['Application Unavailable', 'Agent state is &#34;disconnected&#34;, not &#34;connected&#34;'],
  ])('reads a 502 "%s" page as the app unreachable', async (title, description) => {
    answer = { status: 502, body: coderErrorPage(502, title, description) };

    const error = await failureOf();

    expect(error.appProxyProblem).toBe('app_unreachable');
    expect(error.message).toContain(`502: ${title}`);
    expect(error.retryable).toBe(true);
  });

  it('reads the 404 "Application Not Found" page', async () => {
    answer = {
      status: 404,
      body: coderErrorPage(404, 'Application Not Found', 'The application or workspace you are trying to access does not exist or you do not have permission to access it.'),
    };

    expect((await failureOf()).appProxyProblem).toBe('app_not_found');
  });

  it('never puts the page itself in the error', async () => {
    answer = { status: 502, body: coderErrorPage(502, 'Bad Gateway', 'Failed to proxy request to application: EOF') };

    const error = await failureOf();

    expect(error.message).not.toMatch(/<|svg|style|button-group/);
    expect(error.detail).toBe('Failed to proxy request to application: EOF');
  });

  it('leaves AgentAPI’s own JSON 404 through the proxy unclassified', async () => {
    answer = {
      status: 404,
      headers: { 'content-type': 'application/problem+json' },
      body: JSON.stringify({ title: 'Not Found', status: 404, detail: 'no route' }),
    };

    const error = await failureOf();

    expect(error.appProxyProblem).toBeUndefined();
    expect(error.message).toContain('404: Not Found (no route)');
  });

  it('carries AgentAPI’s busy reason into the error text, and sends the prompt once', async () => {
    answer = {
      status: 500,
      headers: { 'content-type': 'application/problem+json' },
      body: JSON.stringify({
        $schema: 'http://localhost:3284/schemas/ErrorModel.json',
        title: 'Internal Server Error',
        status: 500,
        detail: 'unexpected error occurred',
        errors: [{ message: 'failed to send message: message can only be sent when the agent is waiting for user input' }],
      }),
    };

    const error = await failureOf({ method: 'POST', path: '/@alice/agent-1.main/apps/ccw/message', json: { type: 'user', content: 'hi' } });

    expect(error.message).toBe(
      'POST /@alice/agent-1.main/apps/ccw/message failed with 500: Internal Server Error (unexpected error occurred: failed to send message: message can only be sent when the agent is waiting for user input)',
    );
    expect(error.validations).toEqual([{ field: '', detail: 'failed to send message: message can only be sent when the agent is waiting for user input' }]);
    expect(error.appProxyProblem).toBeUndefined();
    expect(server.requests).toHaveLength(1);
  });

  it('does not classify the same page outside the app proxy', async () => {
    answer = { status: 404, body: coderErrorPage(404, 'Application Not Found', 'x') };

    const error = await failureOf({ path: '/api/v2/workspaces/w1' });

    expect(error.appProxyProblem).toBeUndefined();
    expect(error.message).toContain('404: Application Not Found');
  });

  it('classifies a subdomain app’s answers when the call says it goes through the proxy', async () => {
    answer = { status: 400, body: coderErrorPage(400, 'Workspace Offline', 'Start the workspace.') };

    const error = await failureOf({ path: '/status', origin: server.url });

    expect(error.appProxyProblem).toBe('workspace_offline');
    expect(server.requests[0]?.url).toBe('/status');
  });

  it('reads a stray token in a page as [REDACTED]', async () => {
    answer = { status: 502, body: coderErrorPage(502, 'Bad Gateway', `upstream said ${token}`) };

    const error = await failureOf();

    expect(error.detail).toBe('upstream said [REDACTED]');
  });
});
