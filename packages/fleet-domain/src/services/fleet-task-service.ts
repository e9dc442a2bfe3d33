// The rules of agents' work: who may take a task, what may be cancelled, and paging history and log.
import { isOnline, type Agent, type LogEntry, type Page, type Task } from '@fleet/fleet-models';
import type { AgentApiAppLocation } from '@fleet/coder-client';
import { agentApiUnknown, agentBusy, agentOffline, nothingToCancel } from '../errors/rule-errors.js';
import { withFleetErrors } from '../errors/with-fleet-errors.js';
import { summaryOf } from '../repositories/agent-record.js';
import type { AgentRepository } from '../repositories/agent-repository.js';
import type { TaskRepository } from '../repositories/task-repository.js';
import { systemClock, type WaitClock } from '../waiting/wait-clock.js';
import { findAgent } from './find-agent.js';
import { pageOf, toPageRequest } from './page-of.js';
import { requireAgentName } from './require-agent-name.js';
import { requireTaskPrompt } from './require-task-prompt.js';
import type { PageOptions, TaskService } from './task-service.js';

/** The lookup before an interrupt gets this long, so the interrupt leaves within 5 s of the call. */
export const DEFAULT_CANCEL_LOOKUP_TIMEOUT_MS = 3_000;
/** How long cancel waits, after the interrupt went out, for the agent to say it stopped working. */
export const DEFAULT_CANCEL_SETTLE_TIMEOUT_MS = 3_000;
const SETTLE_POLL_INTERVAL_MS = 200;
const DEFAULT_HISTORY_PAGE_SIZE = 20;
const DEFAULT_LOG_PAGE_SIZE = 1;

/** Statuses in which an agent has simply not reported anything yet. */
const NOT_REPORTING_YET = new Set(['pending', 'starting', 'idle', 'busy']);

export interface FleetTaskServiceOptions {
  cancelLookupTimeoutMs?: number;
  cancelSettleTimeoutMs?: number;
  clock?: WaitClock;
}

export class FleetTaskService implements TaskService {
  readonly #agents: AgentRepository;
  readonly #tasks: TaskRepository;
  readonly #cancelLookupTimeoutMs: number;
  readonly #cancelSettleTimeoutMs: number;
  readonly #clock: WaitClock;

  constructor(agents: AgentRepository, tasks: TaskRepository, options: FleetTaskServiceOptions = {}) {
    this.#agents = agents;
    this.#tasks = tasks;
    this.#cancelLookupTimeoutMs = options.cancelLookupTimeoutMs ?? DEFAULT_CANCEL_LOOKUP_TIMEOUT_MS;
    this.#cancelSettleTimeoutMs = options.cancelSettleTimeoutMs ?? DEFAULT_CANCEL_SETTLE_TIMEOUT_MS;
    this.#clock = options.clock ?? systemClock;
  }

  /** Sends the prompt to an idle agent; resolves with the agent, now busy, once AgentAPI took it. */
  async start(agentName: string, task: string, options: { signal?: AbortSignal } = {}): Promise<Agent> {
    const name = requireAgentName(agentName);
    const prompt = requireTaskPrompt(task);
    const signal = options.signal;
    return withFleetErrors({ agentName: name }, async () => {
      const record = await findAgent(this.#agents, name, { signal });
      const status = record.details.status;
      if (status === 'busy') {
        throw agentBusy(name);
      }
      if (!isOnline(status)) {
        throw agentOffline(name, status, 'it cannot take a task');
      }
      const app = await this.#tasks.locateAgentApi(record, { signal });
      if (!app) {
        throw agentApiUnknown(name);
      }
      if (!(await this.#tasks.sendPrompt(app, prompt, { signal }))) {
        throw agentBusy(name);
      }
      return { ...summaryOf(record.details), status: 'busy' };
    });
  }

  /**
   * Interrupts a busy agent. The lookup runs under its own short deadline and nothing else is
   * awaited before the interrupt, so it leaves within 5 s of the call even when Coder is slow
   * elsewhere. Then it waits a bounded moment (3 s by default) for AgentAPI to say the agent stopped
   * working, and resolves with the agent idle; if the agent is still working by then, it resolves
   * with the agent busy, as it is.
   */
  async cancel(agentName: string, options: { signal?: AbortSignal } = {}): Promise<Agent> {
    const name = requireAgentName(agentName);
    const deadlineMs = this.#cancelLookupTimeoutMs;
    const deadline = AbortSignal.timeout(deadlineMs);
    const lookupSignal = options.signal ? AbortSignal.any([options.signal, deadline]) : deadline;
    return withFleetErrors({ agentName: name, deadlineMs }, async () => {
      const record = await findAgent(this.#agents, name, { signal: lookupSignal });
      const status = record.details.status;
      if (status !== 'busy') {
        throw nothingToCancel(name, status);
      }
      const app = await this.#tasks.locateAgentApi(record, { signal: lookupSignal });
      if (!app) {
        throw agentApiUnknown(name);
      }
      await this.#tasks.interrupt(app, { signal: options.signal });
      const settled = await this.#settles(app, options.signal);
      return { ...summaryOf(record.details), status: settled ? 'idle' : 'busy' };
    });
  }

  /** Polls AgentAPI until the agent stops working or the settle bound passes; true when it stopped. */
  async #settles(app: AgentApiAppLocation, signal: AbortSignal | undefined): Promise<boolean> {
    const deadline = this.#clock.now() + this.#cancelSettleTimeoutMs;
    for (;;) {
      if (!(await this.#tasks.isWorking(app, { signal }))) {
        return true;
      }
      if (this.#clock.now() + SETTLE_POLL_INTERVAL_MS > deadline) {
        return false;
      }
      await this.#clock.sleep(SETTLE_POLL_INTERVAL_MS, signal);
    }
  }

  /** The statuses the agent reported, newest first (20 a page unless told). */
  async history(agentName: string, options: PageOptions = {}): Promise<Page<Task>> {
    const name = requireAgentName(agentName);
    const request = toPageRequest(options, DEFAULT_HISTORY_PAGE_SIZE);
    return withFleetErrors({ agentName: name }, async () => {
      const record = await findAgent(this.#agents, name, { signal: options.signal });
      const entries = this.#tasks.history(record);
      if (entries.length === 0 && !record.app && !NOT_REPORTING_YET.has(record.details.status)) {
        throw agentOffline(name, record.details.status, 'its history cannot be read (Coder shows it only while the workspace runs)');
      }
      return pageOf(entries, request);
    });
  }

  /** The agent's conversation, newest first (1 entry a page unless told). */
  async log(agentName: string, options: PageOptions = {}): Promise<Page<LogEntry>> {
    const name = requireAgentName(agentName);
    const request = toPageRequest(options, DEFAULT_LOG_PAGE_SIZE);
    const signal = options.signal;
    return withFleetErrors({ agentName: name }, async () => {
      const record = await findAgent(this.#agents, name, { signal });
      const status = record.details.status;
      if (!isOnline(status)) {
        throw agentOffline(name, status, 'its log cannot be read (the conversation lives in the running agent)');
      }
      const entries = await this.#tasks.log(record, { signal });
      if (!entries) {
        throw agentApiUnknown(name);
      }
      return pageOf(entries, request);
    });
  }
}
