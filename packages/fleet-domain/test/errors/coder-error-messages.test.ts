// What a caller reads when Coder fails: the whole message and the retry advice of each kind of client error.
import {
  CoderApiError,
  CoderNetworkError,
  CoderNotSupportedError,
  CoderResponseError,
  CoderTimeoutError,
} from '@fleet/coder-client';
import { FleetError } from '@fleet/fleet-models';
import { toFleetError, type ErrorContext } from '../../src/errors/to-fleet-error.js';
import { recordedApiError } from '@fleet/coder-fakes';

const TOKEN_ADVICE =
  'set CODER_SESSION_TOKEN to a valid session token of this Coder deployment (create one with `coder tokens create`, or copy it from Coder\'s "Account > Tokens" page)';

function mapped(error: unknown, context?: ErrorContext): FleetError {
  const result = toFleetError(error, context);
  expect(result).toBeInstanceOf(FleetError);
  return result as FleetError;
}

/** An app proxy answer for fix-login's AgentAPI, as the client reads it. */
function proxyAnswer(status: number, appProxyProblem?: CoderApiError['appProxyProblem']): CoderApiError {
  return new CoderApiError({ method: 'POST', path: '/@fleet-dev/fix-login.main/apps/ccw/message', status, message: 'proxy page', appProxyProblem });
}

describe('Coder refusing the token', () => {
  it('says Coder refused the session token on a 401, where, and how to get one', () => {
    const error = mapped(recordedApiError('v2.37.0', 'errors', 'GET', /\/users\/me$/));

    expect(error.message).toBe(`Coder refused the session token (401 on GET /api/v2/users/me): ${TOKEN_ADVICE}.`);
  });

  it("says the token's user may not do it on a 403", () => {
    const error = mapped(new CoderApiError({ method: 'DELETE', path: '/api/v2/workspaces/44791494', status: 403, message: 'Forbidden.' }));

    expect([error.code, error.message]).toEqual(['UNAUTHORIZED', `the session token's user may not do this (403 on DELETE /api/v2/workspaces/44791494): ${TOKEN_ADVICE}.`]);
  });
});

describe('Coder answering with a redirect', () => {
  it.each([
    ['https://sso.example.com/login', ' to https://sso.example.com/login'],
    [undefined, ''],
  ])('names where it pointed (%s), and that Fleet does not follow it', (location, named) => {
    const error = mapped(new CoderApiError({ method: 'GET', path: '/api/v2/workspaces', status: 302, message: 'Found', location }));

    expect([error.code, error.retryable, error.message]).toEqual([
      'CODER_UNAVAILABLE',
      false,
      `Coder answered GET /api/v2/workspaces with a redirect (302${named}), which Fleet does not follow: a proxy in front of Coder, or CODER_URL pointing at the wrong address (use the deployment's own URL).`,
    ]);
  });

  it.each([300, 399])('takes %i for a redirect too', (status) => {
    expect(mapped(new CoderApiError({ method: 'GET', path: '/api/v2/workspaces', status, message: 'Redirect' })).message).toContain(`with a redirect (${status})`);
  });
});

describe('what is not there', () => {
  it('says which resource Coder does not have when the call was about no agent', () => {
    const error = mapped(recordedApiError('v2.37.0', 'errors', 'GET', /^\/api\/v2\/workspaces\/0{8}-/));

    expect([error.code, error.retryable, error.message]).toEqual([
      'NOT_FOUND',
      false,
      'Coder has no such resource (404 on GET /api/v2/workspaces/00000000-0000-4000-8000-000000000000).',
    ]);
  });

  it('says the agent no longer exists when the call was about one', () => {
    const error = mapped(recordedApiError('v2.37.0', 'errors', 'GET', /^\/api\/v2\/workspaces\/0{8}-/), { agentName: 'fix-login' });

    expect(error.message).toBe('Agent "fix-login" no longer exists (Coder answered 404); it was probably deleted or stopped meanwhile. list_agents shows the agents there are.');
  });

  it("says the agent's AgentAPI app no longer exists for a 404 through the app proxy, named or not", () => {
    expect(mapped(proxyAnswer(404)).message).toBe(
      'The AgentAPI app of the agent no longer exists (Coder answered 404); it was probably deleted or stopped meanwhile. list_agents shows the agents there are.',
    );
    expect(mapped(proxyAnswer(410), { agentName: 'fix-login' }).message).toContain('The AgentAPI app of agent "fix-login" no longer exists (Coder answered 410)');
  });
});

describe('Coder refusing a change', () => {
  it('quotes the conflict Coder gave', () => {
    const error = mapped(recordedApiError('v2.37.0', 'workspace-conflict', 'POST', /workspaces$/));

    expect(error.message).toMatch(/^Coder refused the change because of a conflict: .+\.$/);
    expect(error.retryable).toBe(false);
  });

  it('quotes a bad request without validations as Coder worded it', () => {
    const cause = recordedApiError('v2.37.0', 'errors', 'GET', /not-a-uuid$/);

    const error = mapped(cause);

    expect([error.code, error.message, error.cause]).toEqual(['INVALID_INPUT', 'Coder refused the request: GET /api/v2/workspaces/not-a-uuid failed with 400: Invalid UUID "not-a-uuid". (invalid UUID length: 10).', cause]);
  });

  it('quotes every validation of a 422', () => {
    const error = mapped(
      new CoderApiError({
        method: 'POST',
        path: '/api/v2/organizations/a4e7/members/me/workspaces',
        status: 422,
        message: 'Validation failed.',
        validations: [
          { field: 'name', detail: 'too long' },
          { field: 'template_version_id', detail: 'required' },
        ],
      }),
    );

    expect([error.code, error.message]).toEqual(['INVALID_INPUT', 'Coder refused the request: POST /api/v2/organizations/a4e7/members/me/workspaces failed with 422: Validation failed. (name: too long; template_version_id: required).']);
  });
});

describe('Coder failing', () => {
  it('says a retryable failure may pass', () => {
    const error = mapped(recordedApiError('v2.37.0', 'server-error', 'GET', /workspaces$/));

    expect(error.message).toBe(
      'Coder could not do it: GET /api/v2/workspaces failed with 500: Simulated fault: 500 for /api/v2/workspaces. (Injected by the Coder simulator.). Retrying later may help.',
    );
  });

  it('gives no retry advice for a failure that will not pass', () => {
    const error = mapped(new CoderApiError({ method: 'GET', path: '/api/v2/tasks', status: 501, message: 'Not Implemented' }));

    expect([error.code, error.retryable, error.message]).toEqual(['CODER_UNAVAILABLE', false, 'Coder could not do it: GET /api/v2/tasks failed with 501: Not Implemented.']);
  });

  it('says a call this Coder does not offer, with what is missing', () => {
    const error = mapped(new CoderNotSupportedError({ method: 'GET', path: '/api/v2/tasks', feature: 'Tasks API', coderVersion: 'v2.37.0' }));

    expect(error.message).toBe('This Coder deployment does not offer what the call needs: GET /api/v2/tasks: the Tasks API is not supported by this Coder (v2.37.0).');
  });

  it.each([
    [new CoderNetworkError({ method: 'GET', path: '/api/v2/buildinfo', reason: 'fetch failed', code: 'ECONNREFUSED' }), 'GET /api/v2/buildinfo got no answer: fetch failed [ECONNREFUSED]. Retrying later may help.'],
    [new CoderTimeoutError({ method: 'GET', path: '/api/v2/buildinfo', timeoutMs: 30_000 }), 'GET /api/v2/buildinfo timed out after 30000 ms. Retrying later may help.'],
    [
      new CoderResponseError({ method: 'GET', path: '/api/v2/users/me', status: 200, issues: [{ field: '(body)', problem: 'not JSON' }] }),
      'GET /api/v2/users/me answered 200 with an unexpected body: (body): not JSON. Retrying will not help until Coder answers as documented.',
    ],
  ])('says what went wrong with %s and whether retrying helps', (error, message) => {
    expect(mapped(error).message).toBe(`Coder could not be used: ${message}`);
  });

  it('says a write whose connection failed after it was sent may have been made', () => {
    const error = mapped(new CoderNetworkError({ method: 'DELETE', path: '/api/v2/workspaces/44791494', reason: 'socket hang up', mayHaveBeenApplied: true }), {
      agentName: 'fix-login',
    });

    expect([error.code, error.retryable, error.message]).toEqual([
      'CODER_UNAVAILABLE',
      false,
      'Coder did not answer in time: DELETE /api/v2/workspaces/44791494 got no answer: socket hang up; the change may have been applied, check before sending it again. Do not simply retry: the change may have been made: check list_agents / show_agent before retrying.',
    ]);
  });

  it('says a prompt that timed out after it was sent may have been delivered', () => {
    const error = mapped(
      new CoderTimeoutError({ method: 'POST', path: '/@fleet-dev/fix-login.main/apps/ccw/message', timeoutMs: 90_000, mayHaveBeenApplied: true }),
      { agentName: 'fix-login', write: 'prompt' },
    );

    expect(error.message).toBe(
      'Coder did not answer in time: POST /@fleet-dev/fix-login.main/apps/ccw/message timed out after 90000 ms; the change may have been applied, check before sending it again. Do not simply retry: the task may have been delivered: check show_agent_log (and show_agent: a busy agent took it) before retrying.',
    );
  });

  it('says Coder did not answer when a deadline without a known length fired', () => {
    const error = mapped(new DOMException('The operation timed out.', 'TimeoutError'));

    expect([error.retryable, error.message]).toEqual([true, 'Coder did not answer; it may be overloaded: try again shortly.']);
  });

  it('takes only an error named TimeoutError for a deadline', () => {
    const abort = new DOMException('This operation was aborted', 'AbortError');
    const plain = { message: 'not an error at all' };

    expect(toFleetError(abort, { deadlineMs: 3_000 })).toBe(abort);
    expect(toFleetError(plain)).toBe(plain);
    expect(toFleetError(null)).toBeNull();
    expect(toFleetError('TimeoutError')).toBe('TimeoutError');
  });
});

describe("the app proxy answering for an agent's AgentAPI", () => {
  it.each([
    [
      'token_refused',
      303,
      `Coder's app proxy refused the session token for agent "fix-login"'s AgentAPI (it redirected to sign-in): the token may have expired or may not reach this workspace's apps; ${TOKEN_ADVICE}, as the workspace's owner.`,
    ],
    ['workspace_offline', 400, 'Agent "fix-login" is offline: Coder says its workspace is not running. restart_agent starts it.'],
    [
      'app_unreachable',
      502,
      'Agent "fix-login" does not answer through Coder\'s app proxy (502): it may still be starting, or Claude Code has exited. Check it with show_agent; restart_agent brings back one that stays unreachable.',
    ],
    [
      'path_apps_disabled',
      403,
      'This Coder deployment has path-based apps disabled and no wildcard access URL for subdomain apps, so agent "fix-login"\'s AgentAPI cannot be reached: the administrator must set CODER_WILDCARD_ACCESS_URL (or allow path apps).',
    ],
  ] as const)('says what %s (%i) means for the agent', (problem, status, message) => {
    const cause = proxyAnswer(status, problem);

    const error = mapped(cause, { agentName: 'fix-login' });

    expect([error.message, error.cause]).toEqual([message, cause]);
  });

  it('speaks of "the agent" where the call named none', () => {
    expect(mapped(proxyAnswer(400, 'workspace_offline')).message).toBe('The agent is offline: Coder says its workspace is not running. restart_agent starts it.');
  });

  it('reads a proxy problem on a path outside the app proxy as the proxy\'s too', () => {
    const error = mapped(new CoderApiError({ method: 'GET', path: '/api/v2/applications/auth-redirect', status: 404, message: 'Application Not Found', appProxyProblem: 'app_not_found' }));

    expect(error.message).toContain('The AgentAPI app of the agent no longer exists');
  });
});
