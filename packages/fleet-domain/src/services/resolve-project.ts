// Finds a project by name or display name, case-insensitively, with errors that list the projects there are.
import type { Project } from '@fleet/fleet-models';
import { invalidInput, projectCannotRunAgents, projectNotFound } from '../errors/rule-errors.js';
import type { FleetBackend, ProjectCandidate } from '../backends/fleet-backend.js';

export interface ResolveProjectOptions {
  signal?: AbortSignal | undefined;
  /** Refuse a template that cannot run an agent (INVALID_INPUT naming what it lacks). */
  mustRunAgents: boolean;
}

/** The projects a person may pick: templates that can run an agent and are not deprecated. */
export function agentProjects(candidates: readonly ProjectCandidate[]): Project[] {
  return candidates.filter((candidate) => candidate.runsAgents && !candidate.deprecated).map((candidate) => candidate.project);
}

export async function resolveProject(backend: Pick<FleetBackend, 'listProjects'>, requested: unknown, options: ResolveProjectOptions): Promise<Project> {
  return (await resolveProjectCandidate(backend, requested, options)).project;
}

/** The project with whether it can run agents, for a caller that takes one that cannot (`mustRunAgents: false`). */
export async function resolveProjectCandidate(
  backend: Pick<FleetBackend, 'listProjects'>,
  requested: unknown,
  options: ResolveProjectOptions,
): Promise<ProjectCandidate> {
  if (typeof requested !== 'string' || requested.trim() === '') {
    throw invalidInput('The project is missing: name one from list_agent_projects (its name or display name).');
  }
  const wanted = requested.trim().toLowerCase();
  const candidates = await backend.listProjects({ signal: options.signal });
  const match = candidates.find(
    (candidate) =>
      !candidate.deprecated &&
      (candidate.project.name.toLowerCase() === wanted || candidate.project.displayName.toLowerCase() === wanted),
  );
  if (!match) {
    throw projectNotFound(requested, agentProjects(candidates));
  }
  if (options.mustRunAgents && !match.runsAgents) {
    throw projectCannotRunAgents(match.project, agentProjects(candidates));
  }
  return match;
}
