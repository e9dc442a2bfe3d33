// Tests where AgentAPI calls go: under /@owner/…, on the app's subdomain, and on the subdomain once path-based apps turn out disabled.
import { jest } from '@jest/globals';
import { CoderApiError, CoderClient, CoderNotSupportedError, CoderTimeoutError, type AgentApiAppLocation } from '../../src/index.js';
import { cannedFetch, jsonAnswer, neverAnsweringFetch, type CannedAnswer } from '../support/canned-fetch.js';
import { coderErrorPage } from '../support/coder-error-page.js';
import { recordedResponseBody, simulatorRecordings } from '../support/recordings.js';
import { useFakeTimersInEachTest } from '../support/fake-timers.js';

const token = 'agent-api-routing-token-000000000';
const set = simulatorRecordings('v2.30.0');
const recordedStatus = recordedResponseBody(set, 'agent-api', 'GET', /\/apps\/ccw\/status$/);
const recordedAccepted = recordedResponseBody(set, 'agent-api', 'POST', /\/apps\/ccw\/message$/);
/** `*.apps.localhost:<port>` as the simulator answered it. */
const recordedAppsHost = recordedResponseBody(set, 'general', 'GET', /^\/api\/v2\/applications\/host$/) as { host: string };

const pathApp: AgentApiAppLocation = {
  owner: 'fleet-dev',
  workspace: 'fleet-rec-workspace',
  agent: 'main',
  slug: 'ccw',
  appId: 'app-1',
  subdomain: false,
};
const subdomainApp: AgentApiAppLocation = { ...pathApp, subdomain: true };
const appOrigin = `ccw--main--fleet-rec-workspace--fleet-dev${recordedAppsHost.host.slice(1)}`;

function pathAppsDisabledPage(): Response {
  const page = coderErrorPage(403, 'Forbidden', 'Path-based applications are disabled on this Coder deployment by the administrator.');
  return new Response(page, { status: 403, headers: { 'content-type': 'text/html; charset=utf-8' } });
}

/** A deployment: its app host answer, and what its app proxy does with path-based app calls. */
function deployment(options: { appsHost: string; pathApps: 'served' | 'disabled' | 'unreachable' }): CannedAnswer {
  return (request) => {
    if (request.target === '/api/v2/applications/host') {
      return jsonAnswer({ host: options.appsHost });
    }
    if (request.target.startsWith('/@') && options.pathApps === 'disabled') {
      return pathAppsDisabledPage();
    }
    if (request.target.startsWith('/@') && options.pathApps === 'unreachable') {
      const page = coderErrorPage(502, 'Bad Gateway', 'Failed to proxy request to application: EOF');
      return new Response(page, { status: 502, headers: { 'content-type': 'text/html; charset=utf-8' } });
    }
    return request.method === 'POST' ? jsonAnswer(recordedAccepted) : jsonAnswer(recordedStatus);
  };
}

describe('where AgentAPI calls go', () => {
  it('sends a path-based app’s call under /@owner/workspace.agent/apps/slug/, with the token', async () => {
    const coder = cannedFetch(deployment({ appsHost: recordedAppsHost.host, pathApps: 'served' }));
    const client = new CoderClient({ url: 'http://coder.test', token, fetch: coder.fetch });

    const status = await client.getAgentApiStatus(pathApp);

    expect(status).toMatchObject({ status: 'stable' });
    expect(coder.requests.map((request) => request.url)).toEqual(['http://coder.test/@fleet-dev/fleet-rec-workspace.main/apps/ccw/status']);
    expect(coder.requests[0]?.headers.get('coder-session-token')).toBe(token);
  });

  it('sends a subdomain app’s call to its own host, learning the wildcard host once', async () => {
    const coder = cannedFetch(deployment({ appsHost: recordedAppsHost.host, pathApps: 'served' }));
    const client = new CoderClient({ url: 'http://coder.test', token, fetch: coder.fetch });

    await client.getAgentApiStatus(subdomainApp);
    const accepted = await client.sendAgentApiMessage(subdomainApp, { content: 'hello', type: 'user' });

    expect(accepted.ok).toBe(true);
    expect(coder.requests.map((request) => `${request.method} ${request.url}`)).toEqual([
      'GET http://coder.test/api/v2/applications/host',
      `GET http://${appOrigin}/status`,
      `POST http://${appOrigin}/message`,
    ]);
    expect(coder.requests[2]?.body).toBe(JSON.stringify({ content: 'hello', type: 'user' }));
  });

  it('reaches a subdomain app with the scheme of the deployment’s URL', async () => {
    const coder = cannedFetch(deployment({ appsHost: '*.apps.coder.test', pathApps: 'served' }));
    const client = new CoderClient({ url: 'https://coder.test', token, fetch: coder.fetch });

    await client.getAgentApiMessages(subdomainApp).catch(() => undefined);

    expect(coder.requests[1]?.url).toBe('https://ccw--main--fleet-rec-workspace--fleet-dev.apps.coder.test/messages');
  });

  it('fails a subdomain app with CoderNotSupportedError, and sends nothing to it, where the deployment has no wildcard host', async () => {
    const coder = cannedFetch(deployment({ appsHost: '', pathApps: 'served' }));
    const client = new CoderClient({ url: 'http://coder.test', token, fetch: coder.fetch });

    const error: unknown = await client.getAgentApiStatus(subdomainApp).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(CoderNotSupportedError);
    expect(error).toMatchObject({
      name: 'CoderNotSupportedError',
      method: 'GET',
      path: '/api/v2/applications/host',
      coderVersion: 'this deployment',
      retryable: false,
    });
    expect((error as Error).message).toBe(
      'GET /api/v2/applications/host: the subdomain apps (app "ccw" of workspace "fleet-rec-workspace"): the deployment has no wildcard access URL is not supported by this Coder (this deployment)',
    );
    expect(coder.lines()).toEqual(['GET /api/v2/applications/host']);
  });

  it('sends the call again on the subdomain when path-based apps are disabled, and goes there directly afterwards', async () => {
    const coder = cannedFetch(deployment({ appsHost: recordedAppsHost.host, pathApps: 'disabled' }));
    const client = new CoderClient({ url: 'http://coder.test', token, fetch: coder.fetch });

    const first = await client.getAgentApiStatus(pathApp);
    await client.getAgentApiStatus(pathApp);

    expect(first).toMatchObject({ status: 'stable' });
    expect(coder.requests.map((request) => `${request.method} ${request.url}`)).toEqual([
      'GET http://coder.test/@fleet-dev/fleet-rec-workspace.main/apps/ccw/status',
      'GET http://coder.test/api/v2/applications/host',
      `GET http://${appOrigin}/status`,
      `GET http://${appOrigin}/status`,
    ]);
  });

  it('keeps the proxy’s refusal when path-based apps are disabled and there is no wildcard host either', async () => {
    const coder = cannedFetch(deployment({ appsHost: '', pathApps: 'disabled' }));
    const client = new CoderClient({ url: 'http://coder.test', token, fetch: coder.fetch });

    const error: unknown = await client.getAgentApiStatus(pathApp).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(CoderApiError);
    expect(error).toMatchObject({ status: 403, appProxyProblem: 'path_apps_disabled' });
    expect(coder.lines()).toEqual(['GET /@fleet-dev/fleet-rec-workspace.main/apps/ccw/status', 'GET /api/v2/applications/host']);
  });

  it('does not try the subdomain after another refusal of the proxy', async () => {
    const coder = cannedFetch(deployment({ appsHost: recordedAppsHost.host, pathApps: 'unreachable' }));
    const client = new CoderClient({ url: 'http://coder.test', token, fetch: coder.fetch, retry: { limit: 0 } });

    const error: unknown = await client.getAgentApiStatus(pathApp).catch((caught: unknown) => caught);

    expect(error).toMatchObject({ name: 'CoderApiError', status: 502, appProxyProblem: 'app_unreachable' });
    expect(coder.lines()).toEqual(['GET /@fleet-dev/fleet-rec-workspace.main/apps/ccw/status']);
  });
});

describe('how long an AgentAPI call may take', () => {
  it('gives a prompt promptTimeoutMs and keystrokes the client’s timeoutMs', async () => {
    const client = new CoderClient({ url: 'http://coder.test', token, fetch: neverAnsweringFetch(), timeoutMs: 20, promptTimeoutMs: 60 });

    const prompt: unknown = await client.sendAgentApiMessage(pathApp, { content: 'hi', type: 'user' }).catch((caught: unknown) => caught);
    const keystrokes: unknown = await client.sendAgentApiMessage(pathApp, { content: 'y', type: 'raw' }).catch((caught: unknown) => caught);

    expect(prompt).toBeInstanceOf(CoderTimeoutError);
    expect(prompt).toMatchObject({ timeoutMs: 60, mayHaveBeenApplied: true });
    expect(keystrokes).toMatchObject({ name: 'CoderTimeoutError', timeoutMs: 20 });
  });

  describe('by default', () => {
    useFakeTimersInEachTest();

    it('gives a prompt 90 s', async () => {
      const client = new CoderClient({ url: 'http://coder.test', token, fetch: neverAnsweringFetch() });

      const pending = client.sendAgentApiMessage(pathApp, { content: 'hi', type: 'user' }).catch((caught: unknown) => caught);
      await jest.advanceTimersByTimeAsync(90_000);

      await expect(pending).resolves.toMatchObject({ name: 'CoderTimeoutError', timeoutMs: 90_000 });
    });
  });
});
