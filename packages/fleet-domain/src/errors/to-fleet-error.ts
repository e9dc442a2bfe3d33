// Turns what the client throws into a FleetError whose code says what happened and whose message says what to do.
import {
  CoderApiError,
  type AppProxyProblem,
  CoderError,
  CoderNetworkError,
  CoderNotSupportedError,
  CoderResponseError,
  CoderTimeoutError,
} from '@fleet/coder-client';
import { FleetError } from '@fleet/fleet-models';

export interface ErrorContext {
  /** The agent the call was about, so a 404 can say which one vanished. */
  agentName?: string | undefined;
  /** The deadline of a call made under `AbortSignal.timeout`, to name it when it fires. */
  deadlineMs?: number | undefined;
  /** What the call writes, so that a write that may have happened says how to check before retrying. */
  write?: 'prompt' | undefined;
}

const TOKEN_ADVICE =
  'set CODER_SESSION_TOKEN to a valid session token of this Coder deployment (create one with `coder tokens create`, or copy it from Coder\'s "Account > Tokens" page)';

/**
 * A FleetError for anything the client or a deadline threw. The caller's own abort reason and
 * errors that are not about Coder (bugs) come back unchanged, for the layer above to judge.
 */
export function toFleetError(error: unknown, context: ErrorContext = {}): unknown {
  if (error instanceof FleetError) {
    return error;
  }
  if (isDeadlineError(error)) {
    const within = context.deadlineMs === undefined ? '' : ` within ${context.deadlineMs} ms`;
    return new FleetError('CODER_UNAVAILABLE', `Coder did not answer${within}; it may be overloaded: try again shortly.`, {
      retryable: true,
      cause: error,
    });
  }
  if (!(error instanceof CoderError)) {
    return error;
  }
  if (error instanceof CoderApiError) {
    return fromApiError(error, context);
  }
  if (error instanceof CoderNotSupportedError) {
    return new FleetError('CODER_UNAVAILABLE', `This Coder deployment does not offer what the call needs: ${error.message}.`, {
      retryable: false,
      cause: error,
    });
  }
  if ((error instanceof CoderTimeoutError || error instanceof CoderNetworkError) && error.mayHaveBeenApplied) {
    const check =
      context.write === 'prompt'
        ? 'the task may have been delivered: check show_agent_log (and show_agent: a busy agent took it) before retrying'
        : 'the change may have been made: check list_agents / show_agent before retrying';
    return new FleetError('CODER_UNAVAILABLE', `Coder did not answer in time: ${error.message}. Do not simply retry: ${check}.`, {
      retryable: false,
      cause: error,
    });
  }
  if (error instanceof CoderTimeoutError || error instanceof CoderNetworkError || error instanceof CoderResponseError) {
    const advice = error.retryable ? ' Retrying later may help.' : ' Retrying will not help until Coder answers as documented.';
    return new FleetError('CODER_UNAVAILABLE', `Coder could not be used: ${error.message}.${advice}`, {
      retryable: error.retryable,
      cause: error,
    });
  }
  return new FleetError('CODER_UNAVAILABLE', `Coder could not be used: ${error.message}.`, { retryable: error.retryable, cause: error });
}

function fromApiError(error: CoderApiError, context: ErrorContext): FleetError {
  const options = { retryable: error.retryable, cause: error };
  const agent = context.agentName === undefined ? 'the agent' : `agent "${context.agentName}"`;
  const throughAppProxy = error.path.startsWith('/@') || error.appProxyProblem !== undefined;
  const proxyRefusal = error.appProxyProblem === undefined ? undefined : fromAppProxyProblem(error.appProxyProblem, agent, error);
  if (proxyRefusal) {
    return proxyRefusal;
  }
  if (error.status === 401 || error.status === 403) {
    const refused = error.status === 401 ? 'Coder refused the session token' : "the session token's user may not do this";
    return new FleetError('UNAUTHORIZED', `${refused} (${error.status} on ${error.method} ${error.path}): ${TOKEN_ADVICE}.`, options);
  }
  if (error.status >= 300 && error.status < 400) {
    return new FleetError(
      'CODER_UNAVAILABLE',
      `Coder answered ${error.method} ${error.path} with a redirect (${error.status}${error.location ? ` to ${error.location}` : ''}), which Fleet does not follow: a proxy in front of Coder, or CODER_URL pointing at the wrong address (use the deployment's own URL).`,
      { retryable: false, cause: error },
    );
  }
  if (error.status === 404 || error.status === 410) {
    const what = throughAppProxy ? `The AgentAPI app of ${agent}` : capitalised(agent);
    const message =
      context.agentName === undefined && !throughAppProxy
        ? `Coder has no such resource (${error.status} on ${error.method} ${error.path}).`
        : `${what} no longer exists (Coder answered ${error.status}); it was probably deleted or stopped meanwhile. list_agents shows the agents there are.`;
    return new FleetError('NOT_FOUND', message, { retryable: false, cause: error });
  }
  if (error.status === 409) {
    return new FleetError('CONFLICT', `Coder refused the change because of a conflict: ${error.message}.`, options);
  }
  if (error.status === 400 || error.status === 422) {
    const validations = error.validations.map((validation) => `${validation.field}: ${validation.detail}`).join('; ');
    const detail = validations === '' ? '' : ` (${validations})`;
    return new FleetError('INVALID_INPUT', `Coder refused the request: ${error.message}${detail}.`, options);
  }
  const advice = error.retryable ? ' Retrying later may help.' : '';
  return new FleetError('CODER_UNAVAILABLE', `Coder could not do it: ${error.message}.${advice}`, options);
}

/** Coder's app proxy answered for AgentAPI: say what it refused in the fleet's words. */
function fromAppProxyProblem(problem: AppProxyProblem, agent: string, error: CoderApiError): FleetError | undefined {
  const cause = { cause: error };
  switch (problem) {
    case 'token_refused':
      return new FleetError(
        'UNAUTHORIZED',
        `Coder's app proxy refused the session token for ${agent}'s AgentAPI (it redirected to sign-in): the token may have expired or may not reach this workspace's apps; ${TOKEN_ADVICE}, as the workspace's owner.`,
        { retryable: false, ...cause },
      );
    case 'workspace_offline':
      return new FleetError('AGENT_OFFLINE', `${capitalised(agent)} is offline: Coder says its workspace is not running. restart_agent starts it.`, {
        retryable: false,
        ...cause,
      });
    case 'app_unreachable':
      return new FleetError(
        'AGENT_OFFLINE',
        `${capitalised(agent)} does not answer through Coder's app proxy (${error.status}): it may still be starting, or Claude Code has exited. Check it with show_agent; restart_agent brings back one that stays unreachable.`,
        { retryable: true, ...cause },
      );
    case 'path_apps_disabled':
      return new FleetError(
        'CODER_UNAVAILABLE',
        `This Coder deployment has path-based apps disabled and no wildcard access URL for subdomain apps, so ${agent}'s AgentAPI cannot be reached: the administrator must set CODER_WILDCARD_ACCESS_URL (or allow path apps).`,
        { retryable: false, ...cause },
      );
    case 'app_not_found':
      return undefined;
  }
}

/** The reason `AbortSignal.timeout` aborts with. */
function isDeadlineError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'name' in error && error.name === 'TimeoutError' && !(error instanceof CoderError);
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
