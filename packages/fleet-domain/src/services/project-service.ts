// Projects that can make agents, and the roles each offers.
import type { Project, Role } from '@fleet/fleet-models';

export interface ProjectService {
  list(options?: { signal?: AbortSignal }): Promise<Project[]>;
  /** The roles of one project, found by name or display name; NOT_FOUND lists the projects that exist. */
  roles(project: string, options?: { signal?: AbortSignal }): Promise<Role[]>;
}
