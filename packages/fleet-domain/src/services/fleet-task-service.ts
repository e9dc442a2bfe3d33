// The rules of agents' work: who may take a task, what may be cancelled, and paging history and log.
import { isOnline, type Agent, type AgentStatus, type LogEntry, type HistoryEntry } from '@fleet/fleet-models';
import { abortable } from '@fleet/coder-client';
import { summaryOf, type AgentApiHandle, type AgentApiState, type FleetBackend } from '../backends/fleet-backend.js';
import { agentApiUnknown, agentBusy, agentOffline, nothingToCancel } from '../errors/rule-errors.js';
import { withFleetErrors } from '../errors/with-fleet-errors.js';
import { systemClock, type WaitClock } from '../waiting/wait-clock.js';
import { findAgent } from './find-agent.js';
import { readLiveStatus } from '../status/live-status.js';
import { withAgentApiState } from '../status/with-agent-api-state.js';
import { pageOf, toPageRequest } from './page-of.js';
import { requireAgentName } from './require-agent-name.js';
import { requireTaskPrompt } from './require-task-prompt.js';
import type { AgentPage, PageOptions, TaskService } from './task-service.js';

/** The lookup before an interrupt gets this long, so the interrupt leaves within 5 s of the call. */
export const DEFAULT_CANCEL_LOOKUP_TIMEOUT_MS = 3_000;
/** How long cancel waits, after the interrupt went out, for the agent to say it stopped working. */
export const DEFAULT_CANCEL_SETTLE_TIMEOUT_MS = 3_000;
const SETTLE_POLL_INTERVAL_MS = 200;
/** A history page a model reads whole. */
export const DEFAULT_HISTORY_PAGE_SIZE = 20;
/** The latest message alone: usually the agent's answer, or its question. */
export const DEFAULT_LOG_PAGE_SIZE = 1;

/** Statuses in which an agent has simply not reported anything yet. */
const NOT_REPORTING_YET: ReadonlySet<AgentStatus> = new Set(['pending', 'starting', 'idle', 'busy', 'waiting']);

export interface FleetTaskServiceOptions {
  cancelLookupTimeoutMs?: number;
  cancelSettleTimeoutMs?: number;
  clock?: WaitClock;
}

export class FleetTaskService implements TaskService {
  readonly #backend: FleetBackend;
  readonly #cancelLookupTimeoutMs: number;
  readonly #cancelSettleTimeoutMs: number;
  readonly #clock: WaitClock;
  /** Cancels in flight per agent: parallel cancels of one agent share one interrupt. */
  readonly #cancels = new Map<string, Promise<Agent>>();

  constructor(backend: FleetBackend, options: FleetTaskServiceOptions = {}) {
    this.#backend = backend;
    this.#cancelLookupTimeoutMs = options.cancelLookupTimeoutMs ?? DEFAULT_CANCEL_LOOKUP_TIMEOUT_MS;
    this.#cancelSettleTimeoutMs = options.cancelSettleTimeoutMs ?? DEFAULT_CANCEL_SETTLE_TIMEOUT_MS;
    this.#clock = options.clock ?? systemClock;
  }

  /**
   * Sends the prompt to an agent AgentAPI reports `stable`; resolves with the agent, now busy, once
   * AgentAPI took it (which can take ~30 s: it waits for Claude Code's screen to settle).
   */
  async start(agentName: string, task: string, options: { signal?: AbortSignal } = {}): Promise<Agent> {
    const name = requireAgentName(agentName);
    const prompt = requireTaskPrompt(task);
    const signal = options.signal;
    return withFleetErrors({ agentName: name, write: 'prompt' }, async () => {
      const found = await findAgent(this.#backend, name, { signal });
      if (!isOnline(found.details.status)) {
        throw agentOffline(name, found.details.status, 'it cannot take a task');
      }
      const { record, app } = await readLiveStatus(this.#backend, found, { signal, tellsWaitingFromIdle: false });
      if (!app) {
        throw agentApiUnknown(name);
      }
      if (record.details.status === 'busy' || (await this.#backend.sendPrompt(app, prompt, { signal })) === 'busy') {
        throw agentBusy(name);
      }
      // AgentAPI takes a prompt once Claude Code's screen changed: it is running it.
      return summaryOf(withAgentApiState(record, 'running', false).details);
    });
  }

  /**
   * Interrupts a busy agent with one Esc. The lookup and AgentAPI's status run under their own
   * short deadline and nothing else is awaited before the interrupt, so it leaves within 5 s of the
   * call even when Coder is slow elsewhere. An agent AgentAPI reports `stable` gets nothing (a
   * keystroke there would reach Claude Code's prompt). Parallel cancels of one agent share one
   * interrupt. Then it waits a bounded moment (3 s by default) for AgentAPI to say the agent
   * stopped, and resolves with the agent idle, or busy as it still is.
   */
  cancel(agentName: string, options: { signal?: AbortSignal } = {}): Promise<Agent> {
    const name = requireAgentName(agentName);
    const key = name.toLowerCase();
    let cancelling = this.#cancels.get(key);
    if (!cancelling) {
      // Shared by every caller, so tied to none's signal: its own deadlines bound it.
      cancelling = this.#cancel(name).finally(() => this.#cancels.delete(key));
      this.#cancels.set(key, cancelling);
    }
    return abortable(cancelling, options.signal);
  }

  async #cancel(name: string): Promise<Agent> {
    const deadlineMs = this.#cancelLookupTimeoutMs;
    const lookupSignal = AbortSignal.timeout(deadlineMs);
    return withFleetErrors({ agentName: name, deadlineMs }, async () => {
      const found = await findAgent(this.#backend, name, { signal: lookupSignal });
      if (!isOnline(found.details.status)) {
        throw nothingToCancel(name, found.details.status);
      }
      const { record, app } = await readLiveStatus(this.#backend, found, { signal: lookupSignal });
      if (!app) {
        throw agentApiUnknown(name);
      }
      // Esc also answers Claude Code's question with "no" (its dialogs say so), so a waiting agent can be cancelled too.
      if (record.details.status !== 'busy' && record.details.status !== 'waiting') {
        throw nothingToCancel(name, record.details.status);
      }
      await this.#backend.interrupt(app);
      const state = await this.#settledState(app);
      return summaryOf(withAgentApiState(record, state, false).details);
    });
  }

  /** Polls AgentAPI until the agent stops working or the settle bound passes; the state it reported last. */
  async #settledState(app: AgentApiHandle): Promise<AgentApiState> {
    const deadline = this.#clock.now() + this.#cancelSettleTimeoutMs;
    for (;;) {
      const state = await this.#backend.agentApiState(app);
      if (state === 'stable' || this.#clock.now() + SETTLE_POLL_INTERVAL_MS > deadline) {
        return state;
      }
      await this.#clock.sleep(SETTLE_POLL_INTERVAL_MS);
    }
  }

  /** The statuses the agent reported, newest first (20 a page unless told). */
  async history(agentName: string, options: PageOptions = {}): Promise<AgentPage<HistoryEntry>> {
    const name = requireAgentName(agentName);
    const request = toPageRequest(options, DEFAULT_HISTORY_PAGE_SIZE);
    return withFleetErrors({ agentName: name }, async () => {
      const record = await findAgent(this.#backend, name, { signal: options.signal });
      const entries = record.history;
      if (entries.length === 0 && !record.app && !NOT_REPORTING_YET.has(record.details.status)) {
        throw agentOffline(name, record.details.status, 'its history cannot be read (Coder shows it only while the workspace runs)');
      }
      return { agentName: record.details.name, ...pageOf(entries, request) };
    });
  }

  /** The agent's conversation, newest first (1 entry a page unless told). */
  async log(agentName: string, options: PageOptions = {}): Promise<AgentPage<LogEntry>> {
    const name = requireAgentName(agentName);
    const request = toPageRequest(options, DEFAULT_LOG_PAGE_SIZE);
    const signal = options.signal;
    return withFleetErrors({ agentName: name }, async () => {
      const record = await findAgent(this.#backend, name, { signal });
      const status = record.details.status;
      if (!isOnline(status)) {
        throw agentOffline(name, status, 'its log cannot be read (the conversation lives in the running agent)');
      }
      const entries = await this.#backend.log(record, { signal });
      if (!entries) {
        throw agentApiUnknown(name);
      }
      return { agentName: record.details.name, ...pageOf(entries, request) };
    });
  }
}
