// The rules of agents' lives: names, projects and roles at creation, waiting for them, restarts and deletion.
import { CoderApiError } from '@fleet/coder-client';
import { AgentStatusSchema, type Agent, type AgentDetails, type AgentStatus, type Project } from '@fleet/fleet-models';
import { agentNameTaken, buildInProgress, invalidInput, roleNotFound } from '../errors/rule-errors.js';
import { withFleetErrors } from '../errors/with-fleet-errors.js';
import { summaryOf, type AgentRecord } from '../repositories/agent-record.js';
import type { AgentRepository } from '../repositories/agent-repository.js';
import type { ProjectRepository } from '../repositories/project-repository.js';
import { FINISHED_JOB_STATUSES } from '../waiting/finished-job-statuses.js';
import { pollUntil } from '../waiting/poll-until.js';
import { waitForAgent } from '../waiting/wait-for-agent.js';
import { waitForStop } from '../waiting/wait-for-stop.js';
import { systemClock, type WaitClock } from '../waiting/wait-clock.js';
import type { AgentFilter, AgentService, CreateAgentRequest, WaitOptions } from './agent-service.js';
import { findAgent } from './find-agent.js';
import { requireAgentName } from './require-agent-name.js';
import { requireTaskPrompt } from './require-task-prompt.js';
import { resolveProject } from './resolve-project.js';

/** Ten minutes: a cold template build with image pulls takes several. */
export const DEFAULT_WAIT_TIMEOUT_MS = 600_000;

export interface FleetAgentServiceOptions {
  /** Upper bound on a create or restart that waits (both halves of a restart together). */
  waitTimeoutMs?: number;
  clock?: WaitClock;
}

/** Build statuses during which Coder takes no new build. */
const BUILD_IN_PROGRESS: ReadonlySet<string> = new Set(['pending', 'starting', 'stopping', 'canceling', 'deleting']);

export class FleetAgentService implements AgentService {
  readonly #agents: AgentRepository;
  readonly #projects: ProjectRepository;
  readonly #waitTimeoutMs: number;
  readonly #clock: WaitClock;

  constructor(agents: AgentRepository, projects: ProjectRepository, options: FleetAgentServiceOptions = {}) {
    this.#agents = agents;
    this.#projects = projects;
    this.#waitTimeoutMs = options.waitTimeoutMs ?? DEFAULT_WAIT_TIMEOUT_MS;
    this.#clock = options.clock ?? systemClock;
  }

  /** Every agent, in a number of Coder requests that does not grow with the fleet. */
  async list(filter: AgentFilter = {}, options: { signal?: AbortSignal } = {}): Promise<Agent[]> {
    const status = filter.status === undefined ? undefined : requireStatus(filter.status);
    const signal = options.signal;
    return withFleetErrors({}, async () => {
      const [listed, project] = await Promise.all([
        this.#agents.list({ signal }),
        filter.project === undefined ? undefined : resolveProject(this.#projects, filter.project, { signal, mustRunAgents: false }),
      ]);
      return listed
        .filter(
          (entry) =>
            project === undefined ||
            (entry.templateId !== undefined ? entry.templateId === project.templateId : entry.templateName === project.name),
        )
        .map((entry) => entry.agent)
        .filter((agent) => status === undefined || agent.status === status);
    });
  }

  async show(name: string, options: { signal?: AbortSignal } = {}): Promise<AgentDetails> {
    const agentName = requireAgentName(name);
    return withFleetErrors({ agentName }, async () => {
      const record = await findAgent(this.#agents, agentName, options);
      const parameters = await this.#agents.buildParameters(record, options);
      return { ...record.details, parameters };
    });
  }

  /**
   * Creates the agent from the project's active template version with the role's preset (the
   * project's default role when none is named) and `task` as its first prompt. Without `wait` it
   * resolves as soon as Coder accepted the build. With `wait` it resolves once the agent is online
   * or its build failed; if `waitTimeoutMs` runs out first it resolves with the agent as it is
   * then, not yet online, which its status shows.
   */
  async create(request: CreateAgentRequest, options: WaitOptions = {}): Promise<AgentDetails> {
    const agentName = requireAgentName(request.name);
    const task = requireTaskPrompt(request.task);
    const signal = options.signal;
    return withFleetErrors({ agentName }, async () => {
      const [existing, project] = await Promise.allSettled([
        this.#agents.findByName(agentName, { signal }),
        resolveProject(this.#projects, request.project, { signal, mustRunAgents: true }),
      ]);
      if (existing.status === 'rejected') {
        throw existing.reason;
      }
      if (existing.value) {
        throw agentNameTaken(agentName, { status: existing.value.details.status, runsAgent: existing.value.runsAgent });
      }
      if (project.status === 'rejected') {
        throw project.reason;
      }
      const presetId = await this.#presetFor(project.value, request.role, signal);
      let created: AgentRecord;
      try {
        created = await this.#agents.create({ name: agentName, task, project: project.value, presetId }, { signal });
      } catch (error) {
        // Another caller took the name between the lookup and the create.
        if (error instanceof CoderApiError && error.status === 409) {
          throw agentNameTaken(agentName, undefined);
        }
        throw error;
      }
      if (!options.wait) {
        return created.details;
      }
      const online = await waitForAgent({
        record: created,
        refresh: (pollSignal) => this.#agents.findById(created.details.workspaceId, { signal: pollSignal }),
        timeoutMs: this.#waitTimeoutMs,
        clock: this.#clock,
        onProgress: options.onProgress,
        signal,
      });
      return online.details;
    });
  }

  /**
   * Deletes the agent whatever its state. Coder takes no build while another runs, so an agent
   * in the middle of a build is deleted once that build finished (waiting at most
   * `waitTimeoutMs`); one being deleted already is left to it. Resolves once Coder accepted the
   * delete, with the agent as `deleting`.
   */
  async delete(name: string, options: { signal?: AbortSignal } = {}): Promise<Agent> {
    const agentName = requireAgentName(name);
    const signal = options.signal;
    return withFleetErrors({ agentName }, async () => {
      const record = await findAgent(this.#agents, agentName, { signal });
      const deleting = { ...summaryOf(record.details), status: 'deleting' } satisfies Agent;
      const build = record.details.build;
      if (build.transition === 'delete' && BUILD_IN_PROGRESS.has(build.status)) {
        return deleting;
      }
      if (BUILD_IN_PROGRESS.has(build.status)) {
        const finished = await pollUntil({
          first: build.jobStatus,
          read: async (pollSignal) => (await this.#agents.findBuild(build.id, { signal: pollSignal })).jobStatus,
          isDone: (jobStatus) => FINISHED_JOB_STATUSES.has(jobStatus),
          timeoutMs: this.#waitTimeoutMs,
          clock: this.#clock,
          signal,
        });
        if (!FINISHED_JOB_STATUSES.has(finished)) {
          throw buildInProgress(agentName, build.status, 'be deleted');
        }
      }
      await this.#refusingConflicts(record, 'be deleted', () => this.#agents.delete(record, { signal }));
      return deleting;
    });
  }

  /**
   * Stops the agent's workspace, waits (bounded) until it is stopped, then starts it; a stopped or
   * failed agent is only started. Progress covers both halves. Without `wait` it resolves once
   * Coder accepted the start build; with `wait` as `create` does. When the stop does not finish
   * within `waitTimeoutMs` (or fails), it resolves with the agent as it is, not started again.
   */
  async restart(name: string, options: WaitOptions = {}): Promise<AgentDetails> {
    const agentName = requireAgentName(name);
    const signal = options.signal;
    return withFleetErrors({ agentName }, async () => {
      const record = await findAgent(this.#agents, agentName, { signal });
      const buildStatus = record.details.build.status;
      if (BUILD_IN_PROGRESS.has(buildStatus)) {
        throw buildInProgress(agentName, buildStatus, 'restart');
      }
      const deadline = this.#clock.now() + this.#waitTimeoutMs;
      const running = buildStatus === 'running';
      const total = running ? 6 : 4;
      if (running) {
        const stopBuild = await this.#refusingConflicts(record, 'restart', () => this.#agents.stop(record, { signal }));
        const stopped = await waitForStop({
          agentName,
          build: stopBuild,
          refresh: (pollSignal) => this.#agents.findBuild(stopBuild.id, { signal: pollSignal }),
          timeoutMs: this.#waitTimeoutMs,
          clock: this.#clock,
          onProgress: options.onProgress,
          signal,
          plan: { offset: 0, total },
        });
        if (stopped.jobStatus !== 'succeeded') {
          return (await this.#agents.findById(record.details.workspaceId, { signal })).details;
        }
      }
      const started = await this.#refusingConflicts(record, 'restart', () => this.#agents.start(record, { signal }));
      if (!options.wait) {
        return started.details;
      }
      const online = await waitForAgent({
        record: started,
        refresh: (pollSignal) => this.#agents.findById(record.details.workspaceId, { signal: pollSignal }),
        timeoutMs: Math.max(0, deadline - this.#clock.now()),
        clock: this.#clock,
        onProgress: options.onProgress,
        signal,
        plan: { offset: total - 4, total },
      });
      return online.details;
    });
  }

  async #presetFor(project: Project, role: string | undefined, signal: AbortSignal | undefined): Promise<string | undefined> {
    const roles = await this.#projects.roles(project, { signal });
    const wanted = role?.trim().toLowerCase() ?? '';
    if (wanted === '') {
      return roles.find((candidate) => candidate.isDefault)?.presetId;
    }
    const match = roles.find((candidate) => candidate.name.toLowerCase() === wanted);
    if (!match) {
      throw roleNotFound(role ?? '', project, roles.map((candidate) => candidate.name));
    }
    return match.presetId;
  }

  /** Coder answers 409 to a build while another one runs: say so in the fleet's words. */
  async #refusingConflicts<Result>(record: AgentRecord, action: string, change: () => Promise<Result>): Promise<Result> {
    try {
      return await change();
    } catch (error) {
      if (error instanceof CoderApiError && error.status === 409) {
        throw buildInProgress(record.details.name, record.details.build.status, action);
      }
      throw error;
    }
  }
}

function requireStatus(status: unknown): AgentStatus {
  const parsed = AgentStatusSchema.safeParse(status);
  if (!parsed.success) {
    throw invalidInput(`Unknown agent status ${JSON.stringify(status)}: use one of ${AgentStatusSchema.options.join(', ')}.`);
  }
  return parsed.data;
}
