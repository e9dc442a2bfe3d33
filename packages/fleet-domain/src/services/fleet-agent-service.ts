// The rules of agents' lives: names, projects and roles at creation, waiting for them, restarts and deletion.
import {
  ListedAgentStatusSchema,
  countAgents,
  toPage,
  FleetError,
  isOnline,
  type Agent,
  type AgentDetails,
  type AgentStatus,
  type CreatedAgent,
  type Project,
} from '@fleet/fleet-models';
import { summaryOf, type AgentRecord, type FleetBackend } from '../backends/fleet-backend.js';
import { inBatches } from '../backends/in-batches.js';
import { agentNameTaken, agentsNotFound, buildInProgress, invalidInput, roleNotFound } from '../errors/rule-errors.js';
import { toFleetError } from '../errors/to-fleet-error.js';
import { withFleetErrors } from '../errors/with-fleet-errors.js';
import { deliverFirstTask } from '../waiting/deliver-first-task.js';
import { pollUntil } from '../waiting/poll-until.js';
import { waitForAgent } from '../waiting/wait-for-agent.js';
import { isStillWorking, waitForAgents, type AgentsWaitOutcome, type WaitTarget } from '../waiting/wait-for-agents.js';
import { waitForStop } from '../waiting/wait-for-stop.js';
import { systemClock, type WaitClock } from '../waiting/wait-clock.js';
import type {
  AgentList,
  AgentListRequest,
  AgentService,
  AgentsWaitProgress,
  CreateAgentRequest,
  WaitForAgentsRequest,
  WaitOptions,
} from './agent-service.js';
import { pageOf, toPageRequest } from './page-of.js';
import { findAgent } from './find-agent.js';
import { isBuildInProgress, isJobFinished } from '../status/build-states.js';
import { readLiveStatus } from '../status/live-status.js';
import { requireAgentName } from './require-agent-name.js';
import { requireTaskPrompt } from './require-task-prompt.js';
import { resolveProject, resolveProjectCandidate } from './resolve-project.js';

/** Ten minutes: a cold template build with image pulls takes several. */
export const DEFAULT_WAIT_TIMEOUT_MS = 600_000;
/** Under the five-minute tool-call limit common among MCP clients. */
export const DEFAULT_AGENTS_WAIT_MS = 240_000;
export const MAX_AGENTS_WAIT_MS = 600_000;
const MIN_AGENTS_WAIT_MS = 1_000;
/** Lookups of named agents in flight at once. */
const LOOKUPS_IN_FLIGHT = 5;
/** A page a model reads whole: about 6 KB of agents. */
export const DEFAULT_LIST_PAGE_SIZE = 20;

export interface FleetAgentServiceOptions {
  /** Upper bound on a create or restart that waits (both halves of a restart together). */
  waitTimeoutMs?: number;
  clock?: WaitClock;
}

export class FleetAgentService implements AgentService {
  readonly #backend: FleetBackend;
  readonly #waitTimeoutMs: number;
  readonly #clock: WaitClock;

  constructor(backend: FleetBackend, options: FleetAgentServiceOptions = {}) {
    this.#backend = backend;
    this.#waitTimeoutMs = options.waitTimeoutMs ?? DEFAULT_WAIT_TIMEOUT_MS;
    this.#clock = options.clock ?? systemClock;
  }

  /**
   * A page of the agents that pass the filter, and the counts per status of the project's (or the
   * whole fleet's) agents. The statuses are Coder's view: a running agent is busy or idle by the
   * newest status it reported during its current build, a hint that show_agent checks with AgentAPI.
   */
  async list(request: AgentListRequest = {}, options: { signal?: AbortSignal } = {}): Promise<AgentList> {
    const status = request.status === undefined ? undefined : requireStatus(request.status);
    const pageRequest = toPageRequest(request, DEFAULT_LIST_PAGE_SIZE);
    const signal = options.signal;
    return withFleetErrors({}, async () => {
      const candidate =
        request.project === undefined ? undefined : await resolveProjectCandidate(this.#backend, request.project, { signal, mustRunAgents: false });
      // A project that runs no agents has none; Coder's counts (2.37+) would count and page its plain workspaces.
      if (candidate && !candidate.runsAgents) {
        return { page: toPage([], 0, pageRequest), counts: countAgents([]) };
      }
      const project = candidate?.project;
      const paged = await this.#backend.listAgentPage({ ...pageRequest, project, status }, { signal });
      if (paged) {
        return { page: toPage(paged.agents.map((entry) => entry.agent), paged.total, pageRequest), counts: paged.counts };
      }
      const ofProject = (await this.#backend.listAgents({ signal }))
        .filter(
          (entry) =>
            project === undefined ||
            (entry.templateId !== undefined ? entry.templateId === project.templateId : entry.templateName === project.name),
        )
        .map((entry) => entry.agent);
      const matching = ofProject.filter((agent) => status === undefined || agent.status === status);
      return { page: pageOf(matching, pageRequest), counts: countAgents(ofProject.map((agent) => agent.status)) };
    });
  }

  async show(name: string, options: { signal?: AbortSignal } = {}): Promise<AgentDetails> {
    const agentName = requireAgentName(name);
    return withFleetErrors({ agentName }, async () => {
      const found = await findAgent(this.#backend, agentName, options);
      const [live, parameters] = await Promise.all([
        readLiveStatus(this.#backend, found, options).then(
          ({ record }) => record,
          (error: unknown) => unreachableAgentApi(found, error),
        ),
        this.#backend.buildParameters(found, options),
      ]);
      return { ...live.details, parameters };
    });
  }

  /**
   * Creates the agent from the project's active template version with the role's preset (the
   * project's default role when none is named) and `task` as its first prompt. Where Coder takes
   * the first task with the workspace (a Coder task, the `AI Prompt` parameter) it resolves, without
   * `wait`, as soon as Coder accepted the build, and with `wait` once the agent is online or its
   * build failed. Where Coder has no prompt channel (2.37+) the fleet delivers the task itself, so it
   * waits in any case until AgentAPI is ready and sends it; within `waitTimeoutMs` in all cases.
   */
  async create(request: CreateAgentRequest, options: WaitOptions = {}): Promise<CreatedAgent> {
    const agentName = requireAgentName(request.name);
    const task = requireTaskPrompt(request.task);
    const signal = options.signal;
    return withFleetErrors({ agentName }, async () => {
      const [existing, project] = await Promise.allSettled([
        this.#backend.findAgent(agentName, { signal }),
        resolveProject(this.#backend, request.project, { signal, mustRunAgents: true }),
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
      const created = await this.#backend.createAgent({ name: agentName, task, project: project.value, presetId }, { signal });
      const mustDeliver = created.firstTask === 'not_delivered';
      if (!options.wait && !mustDeliver) {
        return { agent: created.record.details, firstTask: created.firstTask };
      }
      const deadline = this.#clock.now() + this.#waitTimeoutMs;
      const total = mustDeliver ? 5 : 4;
      const online = await waitForAgent({
        record: created.record,
        refresh: (pollSignal) => this.#backend.refreshAgent(created.record, { signal: pollSignal }),
        timeoutMs: this.#waitTimeoutMs,
        clock: this.#clock,
        onProgress: options.onProgress,
        signal,
        plan: { offset: 0, total },
      });
      if (!mustDeliver || !isOnline(online.details.status)) {
        return { agent: online.details, firstTask: created.firstTask };
      }
      const delivered = await deliverFirstTask({
        backend: this.#backend,
        record: online,
        task,
        timeoutMs: Math.max(0, deadline - this.#clock.now()),
        clock: this.#clock,
        onProgress: options.onProgress,
        signal,
        plan: { offset: total - 1, total },
      });
      return { agent: delivered.record.details, firstTask: delivered.sent ? 'sent' : 'not_delivered' };
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
      const record = await findAgent(this.#backend, agentName, { signal });
      const build = record.details.build;
      if (build.transition === 'delete' && isBuildInProgress(build.status)) {
        return summaryOf(record.details);
      }
      if (isBuildInProgress(build.status)) {
        const finished = await pollUntil({
          first: build.jobStatus,
          read: async (pollSignal) => (await this.#backend.readBuild(build.id, { signal: pollSignal })).jobStatus,
          isDone: isJobFinished,
          timeoutMs: this.#waitTimeoutMs,
          clock: this.#clock,
          signal,
        });
        if (!isJobFinished(finished)) {
          throw buildInProgress(agentName, build.status, 'be deleted');
        }
      }
      const status = await this.#backend.deleteAgent(record, { signal });
      return { ...summaryOf(record.details), status };
    });
  }

  /**
   * Waits for the named agents (or every agent working now) to stop working: see `waitForAgents`
   * for what a poll costs. Names are checked first: NOT_FOUND names every one that is no agent.
   */
  async waitFor(
    request: WaitForAgentsRequest,
    options: { signal?: AbortSignal; onProgress?: (progress: AgentsWaitProgress) => void } = {},
  ): Promise<AgentsWaitOutcome> {
    const names = (request.names ?? []).map(requireAgentName);
    const timeoutMs = requireWaitTimeout(request.timeoutMs ?? DEFAULT_AGENTS_WAIT_MS);
    const signal = options.signal;
    return withFleetErrors({}, async () => {
      const initial = names.length === 0 ? await this.#workingAgents(signal) : await this.#namedAgents(names, signal);
      return waitForAgents({
        backend: this.#backend,
        initial,
        all: request.all === true,
        timeoutMs,
        clock: this.#clock,
        signal,
        onPoll: (targets) => {
          const done = targets.filter((target) => !target.stillWorking).length;
          options.onProgress?.({ done, total: targets.length, message: describeWait(targets, done) });
        },
      });
    });
  }

  /** Every agent working now (pending, starting or busy by the listing), from one read of the fleet. */
  async #workingAgents(signal: AbortSignal | undefined): Promise<Agent[]> {
    return (await this.#backend.listAgents({ signal })).map((entry) => entry.agent).filter((agent) => isStillWorking(agent.status));
  }

  /** The named agents, one lookup each (never the whole fleet); NOT_FOUND names every one that is no agent. */
  async #namedAgents(names: readonly string[], signal: AbortSignal | undefined): Promise<Agent[]> {
    const unique = [...new Map(names.map((name) => [name.toLowerCase(), name])).values()];
    const found = await inBatches(unique, LOOKUPS_IN_FLIGHT, async (name) => ({ name, record: await this.#backend.findAgent(name, { signal }) }));
    const missing = found.filter(({ record }) => record === undefined || !record.runsAgent).map(({ name }) => name);
    if (missing.length > 0) {
      throw agentsNotFound(missing);
    }
    return found.flatMap(({ record }) => (record ? [summaryOf(record.details)] : []));
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
      const record = await findAgent(this.#backend, agentName, { signal });
      const buildStatus = record.details.build.status;
      if (isBuildInProgress(buildStatus)) {
        throw buildInProgress(agentName, buildStatus, 'restart');
      }
      const deadline = this.#clock.now() + this.#waitTimeoutMs;
      const running = buildStatus === 'running';
      const total = running ? 6 : 4;
      if (running) {
        const stopBuild = await this.#backend.stopAgent(record, { signal });
        const stopped = await waitForStop({
          agentName,
          build: stopBuild,
          refresh: (pollSignal) => this.#backend.readBuild(stopBuild.id, { signal: pollSignal }),
          timeoutMs: this.#waitTimeoutMs,
          clock: this.#clock,
          onProgress: options.onProgress,
          signal,
          plan: { offset: 0, total },
        });
        if (stopped.jobStatus !== 'succeeded') {
          return (await this.#backend.refreshAgent(record, { signal })).details;
        }
      }
      const started = await this.#backend.startAgent(record, { signal });
      if (!options.wait) {
        return started.details;
      }
      const online = await waitForAgent({
        record: started,
        refresh: (pollSignal) => this.#backend.refreshAgent(record, { signal: pollSignal }),
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
    const roles = await this.#backend.roles(project, { signal });
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
}

function requireStatus(status: unknown): AgentStatus {
  const parsed = ListedAgentStatusSchema.safeParse(status);
  if (!parsed.success) {
    throw invalidInput(`Unknown agent status ${JSON.stringify(status)}: use one of ${ListedAgentStatusSchema.options.join(', ')}.`);
  }
  return parsed.data;
}

/**
 * Show still answers when AgentAPI does not (Claude Code may have exited, taking AgentAPI with
 * it): the agent as Coder sees it, marked unhealthy with the reason. Anything else (a refused
 * token, Coder down, the caller's abort) stays the call's failure.
 */
function unreachableAgentApi(record: AgentRecord, error: unknown): AgentRecord {
  const failure = toFleetError(error, { agentName: record.details.name });
  if (!(failure instanceof FleetError) || failure.code !== 'AGENT_OFFLINE') {
    throw failure;
  }
  return { ...record, details: { ...record.details, health: { ...record.details.health, healthy: false, reason: failure.message } } };
}

function requireWaitTimeout(timeoutMs: number): number {
  if (!Number.isFinite(timeoutMs) || timeoutMs < MIN_AGENTS_WAIT_MS || timeoutMs > MAX_AGENTS_WAIT_MS) {
    throw invalidInput(`The wait must last 1 to ${MAX_AGENTS_WAIT_MS / 1000} seconds; call again to wait longer.`);
  }
  return timeoutMs;
}

/** e.g. `2 of 3 agents stopped working; still working: docs-review (busy)`. */
function describeWait(targets: readonly WaitTarget[], done: number): string {
  const working = targets.filter((target) => target.stillWorking);
  const still = working.length === 0 ? '' : `; still working: ${working.map((target) => `${target.name} (${target.status})`).join(', ')}`;
  return `${done} of ${targets.length} agent${targets.length === 1 ? '' : 's'} stopped working${still}`;
}
