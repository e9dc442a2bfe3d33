// Fleet's rules over Coder: the one function that builds the fleet, its services, and the ports to build them yourself.
export * from './fleet.js';
export { probeCoderVersion, probeOAuth2Provider, type ProbeOptions } from './deployment-probe.js';
// The client's own rules that a server configuring it needs too: its redaction (logs hide secrets exactly as the
// client's errors do) and what a usable Coder URL is.
export { checkCoderUrl, createRedactor, REDACTED, type CoderUrlProblem, type Redactor } from '@fleet/coder-client';
export * from './services/agent-service.js';
export * from './services/project-service.js';
export * from './services/task-service.js';
export {
  FleetAgentService,
  DEFAULT_AGENTS_WAIT_MS,
  DEFAULT_LIST_PAGE_SIZE,
  DEFAULT_WAIT_TIMEOUT_MS,
  MAX_AGENTS_WAIT_MS,
  type FleetAgentServiceOptions,
} from './services/fleet-agent-service.js';
export {
  FleetTaskService,
  DEFAULT_CANCEL_LOOKUP_TIMEOUT_MS,
  DEFAULT_HISTORY_PAGE_SIZE,
  DEFAULT_LOG_PAGE_SIZE,
  type FleetTaskServiceOptions,
} from './services/fleet-task-service.js';
export { FleetProjectService } from './services/fleet-project-service.js';
export { GenerationBackend, backendForVersion, type BackendSettings } from './backends/generation-backend.js';
export type { FleetBackend } from './backends/fleet-backend.js';
export type { FleetCoderClient } from './backends/fleet-coder-client.js';
export { systemClock, type WaitClock } from './waiting/wait-clock.js';
export type { AgentsWaitOutcome, WaitTarget } from './waiting/wait-for-agents.js';
