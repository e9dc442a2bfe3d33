// Client errors, mostly as recorded, turned into FleetErrors with the codes SPEC.md names.
import {
  CoderApiError,
  CoderNetworkError,
  CoderNotSupportedError,
  CoderResponseError,
  CoderTimeoutError,
} from '@fleet/coder-client';
import { FleetError } from '@fleet/fleet-models';
import { recordedApiError } from '@fleet/coder-fakes';
import { toFleetError } from '../../src/errors/to-fleet-error.js';

function asFleetError(error: unknown): FleetError {
  expect(error).toBeInstanceOf(FleetError);
  return error as FleetError;
}

function apiError(status: number, path = '/api/v2/workspaces/0000', message = 'Something'): CoderApiError {
  return new CoderApiError({ method: 'GET', path, status, message });
}

describe('toFleetError', () => {
  it('turns a recorded 401 into UNAUTHORIZED telling how to set CODER_SESSION_TOKEN', () => {
    const mapped = asFleetError(toFleetError(recordedApiError('v2.30.0', 'errors', 'GET', /\/users\/me$/)));
    expect(mapped.code).toBe('UNAUTHORIZED');
    expect(mapped.message).toContain('CODER_SESSION_TOKEN');
    expect(mapped.message).toContain('coder tokens create');
    expect(mapped.retryable).toBe(false);
  });

  it('turns a 403 into UNAUTHORIZED too', () => {
    expect(asFleetError(toFleetError(apiError(403))).code).toBe('UNAUTHORIZED');
  });

  it('turns a recorded 404 about an agent into NOT_FOUND naming the agent', () => {
    const error = recordedApiError('v2.30.0', 'errors', 'GET', /^\/api\/v2\/workspaces\/0{8}-/);
    const mapped = asFleetError(toFleetError(error, { agentName: 'fix-login' }));
    expect(mapped.code).toBe('NOT_FOUND');
    expect(mapped.message).toContain('"fix-login" no longer exists');
    expect(mapped.cause).toBe(error);
  });

  it('turns the recorded 410 of a deleted workspace into NOT_FOUND', () => {
    const error = recordedApiError('v2.30.0', 'workspace-delete', 'GET', /^\/api\/v2\/workspaces\//);
    expect(error.status).toBe(410);
    expect(asFleetError(toFleetError(error, { agentName: 'gone' })).code).toBe('NOT_FOUND');
  });

  it('turns a recorded 409 into CONFLICT', () => {
    const error = recordedApiError('v2.30.0', 'workspace-conflict', 'POST', /workspaces$/);
    expect(asFleetError(toFleetError(error)).code).toBe('CONFLICT');
  });

  it('turns a recorded 400 with validations into INVALID_INPUT that quotes them', () => {
    const error = recordedApiError('v2.30.0', 'errors', 'POST', /workspaces$/);
    const mapped = asFleetError(toFleetError(error));
    expect(mapped.code).toBe('INVALID_INPUT');
    expect(mapped.message).toContain('name: Validation failed');
  });

  it('turns a recorded 500 into retryable CODER_UNAVAILABLE with method, path and status', () => {
    const error = recordedApiError('v2.30.0', 'server-error', 'GET', /^\/api\/v2\/workspaces$/);
    const mapped = asFleetError(toFleetError(error));
    expect(mapped.code).toBe('CODER_UNAVAILABLE');
    expect(mapped.retryable).toBe(true);
    expect(mapped.message).toContain('GET /api/v2/workspaces failed with 500');
  });

  it.each([429, 502, 503, 504])('turns %i from Coder itself into retryable CODER_UNAVAILABLE', (status) => {
    const mapped = asFleetError(toFleetError(apiError(status)));
    expect([mapped.code, mapped.retryable]).toEqual(['CODER_UNAVAILABLE', true]);
  });

  it('leaves the recorded AgentAPI refusal of a prompt to the backend: alone it is a retryable CODER_UNAVAILABLE', () => {
    // The backend's sendPrompt reads it as `busy` (tested in fleet-task-service.test.ts); a 500 elsewhere says nothing about the agent.
    const error = recordedApiError('v2.30.0', 'agent-api', 'POST', /\/message$/, 1);
    expect(error.status).toBe(500);
    const mapped = asFleetError(toFleetError(error, { agentName: 'fleet-rec-workspace' }));
    expect([mapped.code, mapped.retryable]).toEqual(['CODER_UNAVAILABLE', true]);
  });

  it.each([
    ['app_unreachable', 502, 'AGENT_OFFLINE', true],
    ['workspace_offline', 400, 'AGENT_OFFLINE', false],
    ['token_refused', 303, 'UNAUTHORIZED', false],
    ['path_apps_disabled', 403, 'CODER_UNAVAILABLE', false],
  ] as const)("turns the app proxy's %s (%i) into %s", (appProxyProblem, status, code, retryable) => {
    const error = new CoderApiError({ method: 'POST', path: '/@fleet-dev/fix-login.main/apps/ccw/message', status, message: 'proxy page', appProxyProblem });
    const mapped = asFleetError(toFleetError(error, { agentName: 'fix-login' }));
    expect([mapped.code, mapped.retryable]).toEqual([code, retryable]);
  });

  it("turns the app proxy's 404 (no such app) into NOT_FOUND naming the agent's AgentAPI app", () => {
    const error = new CoderApiError({ method: 'GET', path: '/@fleet-dev/fix-login.main/apps/ccw/status', status: 404, message: 'Application Not Found', appProxyProblem: 'app_not_found' });
    const mapped = asFleetError(toFleetError(error, { agentName: 'fix-login' }));
    expect([mapped.code, mapped.message]).toEqual(['NOT_FOUND', expect.stringContaining('The AgentAPI app of agent "fix-login"')]);
  });

  it.each([
    ['network failure', new CoderNetworkError({ method: 'GET', path: '/api/v2/buildinfo', reason: 'fetch failed', code: 'ECONNREFUSED' }), true],
    ['timeout', new CoderTimeoutError({ method: 'GET', path: '/api/v2/buildinfo', timeoutMs: 30_000 }), true],
    [
      'malformed body',
      new CoderResponseError({ method: 'GET', path: '/api/v2/users/me', status: 200, issues: [{ field: '(body)', problem: 'not JSON' }] }),
      false,
    ],
  ])('turns a %s into CODER_UNAVAILABLE, retryable as the client says', (_kind, error, retryable) => {
    const mapped = asFleetError(toFleetError(error));
    expect(mapped.code).toBe('CODER_UNAVAILABLE');
    expect(mapped.retryable).toBe(retryable);
    expect(mapped.message).toContain(error.path);
  });

  it('turns a deadline that fired (AbortSignal.timeout) into retryable CODER_UNAVAILABLE naming the deadline', () => {
    const mapped = asFleetError(toFleetError(new DOMException('The operation timed out.', 'TimeoutError'), { deadlineMs: 3000 }));
    expect(mapped.code).toBe('CODER_UNAVAILABLE');
    expect(mapped.retryable).toBe(true);
    expect(mapped.message).toContain('3000 ms');
  });

  it('turns a call this Coder does not offer into CODER_UNAVAILABLE that retrying will not mend', () => {
    const error = new CoderNotSupportedError({ method: 'GET', path: '/api/v2/tasks', feature: 'Tasks API', coderVersion: 'v2.37.0' });
    const mapped = asFleetError(toFleetError(error));
    expect([mapped.code, mapped.retryable]).toEqual(['CODER_UNAVAILABLE', false]);
  });

  it.each([
    ['prompt', 'check show_agent_log'],
    [undefined, 'check list_agents / show_agent'],
  ] as const)('turns a write (%s) that timed out after it was sent into CODER_UNAVAILABLE not to retry blindly', (write, check) => {
    const error = new CoderTimeoutError({ method: 'POST', path: '/@fleet-dev/fix-login.main/apps/ccw/message', timeoutMs: 90_000, mayHaveBeenApplied: true });
    const mapped = asFleetError(toFleetError(error, { agentName: 'fix-login', write }));
    expect([mapped.code, mapped.retryable]).toEqual(['CODER_UNAVAILABLE', false]);
    expect(mapped.message).toContain(check);
  });

  it('leaves FleetErrors, the caller abort reason and unrelated errors unchanged', () => {
    const fleetError = new FleetError('CONFLICT', 'taken');
    const abort = new DOMException('aborted', 'AbortError');
    const bug = new TypeError('undefined is not a function');
    expect(toFleetError(fleetError)).toBe(fleetError);
    expect(toFleetError(abort)).toBe(abort);
    expect(toFleetError(bug)).toBe(bug);
  });
});
