// The canned answers come back as the errors the real client throws for them.
import { CoderApiError, CoderNetworkError, CoderTimeoutError, findAgentApiApp } from '@fleet/coder-client';
import { agentApiBusyRefusal, appProxyAppUnreachable, appProxyTokenRefused, appProxyWorkspaceOffline, coderUnreachable, promptTimedOut } from '../src/client-built-errors.js';
import { recordedWorkspace } from '../src/recorded-coder-data.js';

const recordedApp = findAgentApiApp(recordedWorkspace('v2.37.0', 'fix-login'));
if (recordedApp === undefined) throw new Error('The recorded fix-login has no AgentAPI app');
const APP = recordedApp;

describe('errors the real client builds from canned answers', () => {
  it.each([
    ['a workspace offline', () => appProxyWorkspaceOffline(APP, 'status'), 'workspace_offline'],
    ['AgentAPI unreachable', () => appProxyAppUnreachable(APP, 'status'), 'app_unreachable'],
    ['the token refused', () => appProxyTokenRefused(APP, 'prompt'), 'token_refused'],
  ])("the app proxy's page for %s is a CoderApiError naming that problem", async (_what, failure, problem) => {
    const error = await failure();

    expect(error).toBeInstanceOf(CoderApiError);
    expect(error).toMatchObject({ appProxyProblem: problem });
  });

  it("AgentAPI's busy refusal is a CoderApiError with its 500", async () => {
    expect(await agentApiBusyRefusal(APP)).toMatchObject({ name: 'CoderApiError', status: 500 });
  });

  it('a prompt past its deadline is a CoderTimeoutError that may have been applied', async () => {
    const error = await promptTimedOut(APP);

    expect(error).toBeInstanceOf(CoderTimeoutError);
    expect(error).toMatchObject({ mayHaveBeenApplied: true });
  });

  it('a Coder nobody answers for is a retryable CoderNetworkError with the connection refused', async () => {
    const error = await coderUnreachable();

    expect(error).toBeInstanceOf(CoderNetworkError);
    expect(error).toMatchObject({ code: 'ECONNREFUSED', retryable: true, method: 'GET', path: '/api/v2/buildinfo' });
  });
});
