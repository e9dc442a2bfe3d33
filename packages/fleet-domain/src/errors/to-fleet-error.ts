// Turns what the client throws into a FleetError whose code says what happened and whose message says what to do.
import {
  CoderApiError,
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
}

const TOKEN_ADVICE =
  'set CODER_SESSION_TOKEN to a valid session token of this Coder deployment (create one with `coder tokens create`, or copy it from Coder\'s "Account > Tokens" page)';

/** AgentAPI's words when it refuses a prompt because the agent is still working. */
const AGENT_BUSY_REFUSAL = /waiting for user input|agent is (running|busy)|not stable/i;

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
    return new FleetError('INTERNAL', `Fleet asked this Coder for something it does not offer: ${error.message}`, { cause: error });
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
  const throughAppProxy = error.path.startsWith('/@');
  if (error.status === 401 || error.status === 403) {
    const refused = error.status === 401 ? 'Coder refused the session token' : "the session token's user may not do this";
    return new FleetError('UNAUTHORIZED', `${refused} (${error.status} on ${error.method} ${error.path}): ${TOKEN_ADVICE}.`, options);
  }
  if (throughAppProxy && AGENT_BUSY_REFUSAL.test(`${error.message} ${error.detail ?? ''}`)) {
    return new FleetError(
      'AGENT_BUSY',
      `${capitalised(agent)} is working and refused the prompt: wait until it is idle (show_agent tells), or interrupt it with cancel_agent_task first.`,
      { retryable: true, cause: error },
    );
  }
  if (throughAppProxy && (error.status === 502 || error.status === 503 || error.status === 504)) {
    return new FleetError(
      'AGENT_OFFLINE',
      `${capitalised(agent)} does not answer through Coder's app proxy (${error.status}): it may still be starting or have just stopped. Check it with show_agent; restart_agent brings back one that stays unreachable.`,
      { retryable: true, cause: error },
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

/** The reason `AbortSignal.timeout` aborts with. */
function isDeadlineError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'name' in error && error.name === 'TimeoutError' && !(error instanceof CoderError);
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
