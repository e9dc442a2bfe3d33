// Test support, private to the workspace's tests: a fake Coder client fed from recordings/coder-client/, the real client's errors, and a clock that does not sleep.
export { createFakeCoderClient, everyRequestFailing, inTurn, METHODS, type CoderClientMethods, type FakeAnswers, type FakeCoderClient, type Method } from './fake-coder-client.js';
export { CODER_URL, recordedCoder, recordedConflict, recordedGone, recordedNotFound } from './recorded-coder.js';
export * from './recorded-coder-data.js';
export { recordedApiError, recordedBody, recordedExchange, recordedExchanges, type RecordedExchange, type RecordedGeneration } from './recorded-traffic.js';
export { agentApiBusyRefusal, appProxyAppUnreachable, appProxyTokenRefused, appProxyWorkspaceOffline, coderUnreachable, promptTimedOut } from './client-built-errors.js';
export { FakeClock } from './fake-clock.js';
export { heldUntilReleased, untilAborted, type HeldAnswer } from './held-answers.js';
export { recordedCreation, recordedStartOf } from './recorded-flows.js';
export { withoutAgentApiApp, withWorkspaceAgents } from './with-workspace-agents.js';
