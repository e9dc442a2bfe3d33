// Where projects (templates) and roles (presets) are read.
import type { Project, Role } from '@fleet/fleet-models';
import type { RepositoryCallOptions } from './agent-repository.js';

/** A template, and whether it can run an agent. */
export interface ProjectCandidate {
  project: Project;
  /** Its active version takes a prompt (has the `AI Prompt` parameter). */
  runsAgents: boolean;
  deprecated: boolean;
}

export interface ProjectRepository {
  /** Every template the user can see. */
  list(options?: RepositoryCallOptions): Promise<ProjectCandidate[]>;
  /** The presets of the project's active version, as roles. */
  roles(project: Project, options?: RepositoryCallOptions): Promise<Role[]>;
}
