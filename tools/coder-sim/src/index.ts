// Public face of the Coder simulator: start it in-process, control its faults and read its statistics.
export type {
  AgentApiState,
  FaultRule,
  RecordedRequest,
  RunningSimulator,
  SimulatorControl,
  SimulatorOptions,
  SimulatorStats,
  WorldSpec,
} from './simulator-types.js';
export { startSimulator } from './start-simulator.js';
export { resolveLocalhostSubdomains } from './localhost-subdomains.js';
export { ROUTES, routesFor } from './coder-routes.js';
export { UNMATCHED_ROUTE_KEY } from './http/route-table.js';
export { SIMULATOR_HEADER_VALUE, SIMULATOR_VERSION } from './simulator-identity.js';
