// Projects that can make agents, and the roles each offers.
import type { Project, Role } from '@fleet/fleet-models';
import { withFleetErrors } from '../errors/with-fleet-errors.js';
import type { FleetBackend } from '../backends/fleet-backend.js';
import type { ProjectService } from './project-service.js';
import { agentProjects, resolveProject } from './resolve-project.js';

export class FleetProjectService implements ProjectService {
  readonly #backend: FleetBackend;

  constructor(backend: FleetBackend) {
    this.#backend = backend;
  }

  /** Templates whose active version can run an agent, deprecated ones left out. */
  async list(options: { signal?: AbortSignal } = {}): Promise<Project[]> {
    return withFleetErrors({}, async () => agentProjects(await this.#backend.listProjects(options)));
  }

  async roles(project: string, options: { signal?: AbortSignal } = {}): Promise<Role[]> {
    return withFleetErrors({}, async () => {
      const found = await resolveProject(this.#backend, project, { signal: options.signal, mustRunAgents: true });
      return this.#backend.roles(found, options);
    });
  }
}
