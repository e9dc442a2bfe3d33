// The public face of @fleet/coder-client: the client, its options, errors, schemas and helpers.
export { CoderClient, type TasksPage } from './coder-client.js';
export {
  defaultPromptTimeoutMs,
  defaultTimeoutMs,
  maximumErrorBodyBytes,
  maximumResponseBytes,
  type CoderClientOptions,
  type CoderRetryOptions,
} from './coder-client-options.js';
export { parseCoderVersion, tasksApiForVersion, type CoderVersion, type TasksApi } from './coder-version.js';
export { createRedactor, redactToken, redactUrl, REDACTED, type Redactor } from './redaction.js';
export { abortable } from './abortable.js';
export { checkCoderUrl, type CoderUrlCheck, type CoderUrlProblem } from './coder-url.js';
export { LearnedOnce } from './learned-once.js';

export {
  AGENT_API_PORT,
  agentApiAppBasePath,
  agentApiAppFromTask,
  agentApiAppSubdomainOrigin,
  findAgentApiApp,
  findWorkspaceAppById,
  isAgentApiApp,
  resourcesServeAgentApi,
  type AgentApiAppHints,
  type AgentApiAppLocation,
} from './agent-api/agent-api-app-location.js';

export { CoderError, type CoderErrorDetails } from './errors/coder-error.js';
export { CoderApiError, type AppProxyProblem, type CoderApiErrorDetails, type CoderValidation } from './errors/coder-api-error.js';
export { CoderNetworkError, type CoderNetworkErrorDetails } from './errors/coder-network-error.js';
export { CoderTimeoutError, type CoderTimeoutErrorDetails } from './errors/coder-timeout-error.js';
export { CoderResponseError, type CoderResponseErrorDetails, type CoderResponseIssue } from './errors/coder-response-error.js';
export { CoderNotSupportedError, type CoderNotSupportedErrorDetails } from './errors/coder-not-supported-error.js';

export type { AgentApiMessageRequest } from './requests/agent-api-message-request.js';
export type { CreateTaskRequest } from './requests/create-task-request.js';
export type { CreateWorkspaceBuildRequest } from './requests/create-workspace-build-request.js';
export type { CreateWorkspaceRequest } from './requests/create-workspace-request.js';
export type {
  GetTasksOptions,
  GetTemplatesOptions,
  GetWorkspaceBuildsOptions,
  GetWorkspacesOptions,
  IterateWorkspacesOptions,
} from './requests/list-options.js';
export type { RequestOptions } from './requests/request-options.js';
export * from './schemas/workspace-build-parameter.js';

export * from './schemas/agent-api.js';
export * from './schemas/app-host-response.js';
export * from './schemas/build-info-response.js';
export * from './schemas/oauth2-authorization-server-metadata.js';
export * from './schemas/error-bodies.js';
export * from './schemas/organization.js';
export * from './schemas/preset.js';
export * from './schemas/provisioner-job.js';
export * from './schemas/provisioner-job-log.js';
export * from './schemas/task.js';
export * from './schemas/task-log-entry.js';
export * from './schemas/template.js';
export * from './schemas/template-version.js';
export * from './schemas/template-version-parameter.js';
export * from './schemas/user.js';
export * from './schemas/workspace.js';
export * from './schemas/workspace-agent.js';
export * from './schemas/workspace-app.js';
export * from './schemas/workspace-app-status.js';
export * from './schemas/workspace-build.js';
export * from './schemas/workspace-resource.js';
