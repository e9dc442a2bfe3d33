// Projects that can make agents, and the roles each offers.
import type { Project, Role } from '@fleet/fleet-models';
import { withFleetErrors } from '../errors/with-fleet-errors.js';
import type { ProjectRepository } from '../repositories/project-repository.js';
import type { ProjectService } from './project-service.js';
import { agentProjects, resolveProject } from './resolve-project.js';

export class FleetProjectService implements ProjectService {
  readonly #projects: ProjectRepository;

  constructor(projects: ProjectRepository) {
    this.#projects = projects;
  }

  /** Templates whose active version takes an agent's prompt, deprecated ones left out. */
  async list(options: { signal?: AbortSignal } = {}): Promise<Project[]> {
    return withFleetErrors({}, async () => agentProjects(await this.#projects.list(options)));
  }

  async roles(project: string, options: { signal?: AbortSignal } = {}): Promise<Role[]> {
    return withFleetErrors({}, async () => {
      const found = await resolveProject(this.#projects, project, { signal: options.signal, mustRunAgents: true });
      return this.#projects.roles(found, options);
    });
  }
}
