// The whole fleet behind one object, built from a Coder URL and token (or on a client of your own), so callers need no client import.
import { CoderClient } from '@fleet/coder-client';
import { FleetError } from '@fleet/fleet-models';
import type { FleetCoderClient } from './backends/fleet-coder-client.js';
import { GenerationBackend } from './backends/generation-backend.js';
import { withFleetErrors } from './errors/with-fleet-errors.js';
import type { AgentService } from './services/agent-service.js';
import { FleetAgentService } from './services/fleet-agent-service.js';
import { FleetProjectService } from './services/fleet-project-service.js';
import { FleetTaskService } from './services/fleet-task-service.js';
import type { ProjectService } from './services/project-service.js';
import type { TaskService } from './services/task-service.js';
import type { WaitClock } from './waiting/wait-clock.js';

export interface FleetConnection {
  /** The user the token belongs to. */
  username: string;
  /** Coder's version, as its buildinfo reports it. */
  coderVersion: string;
}

export interface Fleet {
  readonly agents: AgentService;
  readonly tasks: TaskService;
  readonly projects: ProjectService;
  /** Checks that Coder answers and accepts the token: UNAUTHORIZED or CODER_UNAVAILABLE otherwise. */
  checkConnection(options?: { signal?: AbortSignal }): Promise<FleetConnection>;
  /** The user the token belongs to, in one request: UNAUTHORIZED when Coder refuses it. */
  whoAmI(options?: { signal?: AbortSignal }): Promise<string>;
}

/** What a fleet needs besides its Coder client. */
export interface FleetSettings {
  /** Coder's address, as the client reaches it: an agent's URL is made from it. */
  url: string;
  /** Upper bound on a create or restart that waits for the agent to come online. */
  waitTimeoutMs?: number;
  /** Slugs of apps that run AgentAPI, beyond those recognised by port 3284 or a `/status` healthcheck (e.g. `ccw`). */
  agentApiAppSlugs?: readonly string[];
  /** The time the waits run on: the system's, unless a test brings a clock whose sleeps pass at once. */
  clock?: WaitClock;
}

export interface FleetOptions extends Omit<FleetSettings, 'clock'> {
  token: string;
  /** Per-request timeout towards Coder. */
  timeoutMs?: number;
}

/**
 * Builds one Coder client and every service on it. Nothing is cached across calls but what
 * cannot change (template versions' presets, parameters and resources, and Coder's version), so
 * any number of fleets may serve the same Coder. Throws INVALID_INPUT for a URL the client cannot
 * use; sends no request.
 */
export function createFleet(options: FleetOptions): Fleet {
  let client: CoderClient;
  try {
    client = new CoderClient({
      url: options.url,
      token: options.token,
      ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    });
  } catch (error) {
    const problem = error instanceof Error ? error.message : String(error);
    throw new FleetError('INVALID_INPUT', `Cannot use this Coder URL: ${problem}. Set CODER_URL to the deployment's address.`, {
      cause: error,
    });
  }
  return createFleetOn(client, options);
}

/**
 * Builds every service on a client you made: a `CoderClient` with options of your own, or, in
 * tests, a fake that answers what Coder answered. Sends no request.
 */
export function createFleetOn(client: FleetCoderClient, settings: FleetSettings): Fleet {
  const backend = new GenerationBackend({ client, coderUrl: settings.url, hints: { slugs: settings.agentApiAppSlugs } });
  const clock = settings.clock === undefined ? {} : { clock: settings.clock };
  return {
    agents: new FleetAgentService(backend, {
      ...clock,
      ...(settings.waitTimeoutMs === undefined ? {} : { waitTimeoutMs: settings.waitTimeoutMs }),
    }),
    tasks: new FleetTaskService(backend, clock),
    projects: new FleetProjectService(backend),
    whoAmI: (callOptions = {}) => withFleetErrors({}, async () => (await client.getAuthenticatedUser({ signal: callOptions.signal })).username),
    checkConnection: (callOptions = {}) =>
      withFleetErrors({}, async () => {
        // The version is the one the backends learn too: the check leaves nothing to ask again.
        const [coderVersion, user] = await Promise.all([
          client.getCoderVersion({ signal: callOptions.signal }),
          client.getAuthenticatedUser({ signal: callOptions.signal }),
        ]);
        return { username: user.username, coderVersion };
      }),
  };
}
