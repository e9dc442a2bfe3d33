// The whole fleet behind one object, built from a Coder URL and token, so callers need no client import.
import { CoderClient } from '@fleet/coder-client';
import { FleetError } from '@fleet/fleet-models';
import { GenerationBackend } from './backends/generation-backend.js';
import { withFleetErrors } from './errors/with-fleet-errors.js';
import type { AgentService } from './services/agent-service.js';
import { FleetAgentService } from './services/fleet-agent-service.js';
import { FleetProjectService } from './services/fleet-project-service.js';
import { FleetTaskService } from './services/fleet-task-service.js';
import type { ProjectService } from './services/project-service.js';
import type { TaskService } from './services/task-service.js';

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

export interface FleetOptions {
  url: string;
  token: string;
  /** Per-request timeout towards Coder. */
  timeoutMs?: number;
  /** Upper bound on a create or restart that waits for the agent to come online. */
  waitTimeoutMs?: number;
  /** Slugs of apps that run AgentAPI, beyond those recognised by port 3284 or a `/status` healthcheck (e.g. `ccw`). */
  agentApiAppSlugs?: readonly string[];
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
  const backend = new GenerationBackend({ client, coderUrl: options.url, hints: { slugs: options.agentApiAppSlugs } });
  return {
    agents: new FleetAgentService(backend, {
      ...(options.waitTimeoutMs === undefined ? {} : { waitTimeoutMs: options.waitTimeoutMs }),
    }),
    tasks: new FleetTaskService(backend),
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
