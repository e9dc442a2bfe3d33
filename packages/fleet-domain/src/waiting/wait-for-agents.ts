// Waits until agents stop working: polls the fleet's listing, and asks AgentAPI only about the agents whose state moved.
import { isOnline, type Agent, type AgentStatus } from '@fleet/fleet-models';
import type { AgentRecord, BackendCallOptions, FleetBackend } from '../backends/fleet-backend.js';
import { readLiveStatus } from '../status/live-status.js';
import type { WaitClock } from './wait-clock.js';

/** Statuses in which an agent is still on its way to finishing its work. */
const STILL_WORKING: ReadonlySet<AgentStatus> = new Set(['pending', 'starting', 'busy']);

/** First pause between polls, and the longest: a model's task takes seconds to hours. */
export const FIRST_WAIT_POLL_MS = 1_000;
export const LONGEST_WAIT_POLL_MS = 5_000;

export interface WaitTarget {
  name: string;
  /** As last seen; `deleted` once the agent left the listing. */
  status: AgentStatus;
  /** Pending, starting or busy: on its way to finishing its work. */
  stillWorking: boolean;
  /** The newest status it reported about its work. */
  lastMessage: string | null;
}

export interface AgentsWaitOutcome {
  agents: WaitTarget[];
  /** True when the condition was met (any or all stopped working, or nothing to wait for); false when the time ran out. */
  met: boolean;
  polls: number;
  /** The pause before the last poll: how quickly a change was noticed at the end. */
  pollIntervalMs: number;
}

export interface AgentsWaitOptions {
  backend: FleetBackend;
  /** The agents to wait for, as Coder showed them when the wait began. */
  initial: readonly Agent[];
  all: boolean;
  timeoutMs: number;
  clock: WaitClock;
  signal?: AbortSignal | undefined;
  onPoll?: (targets: readonly WaitTarget[]) => void;
}

export function isStillWorking(status: AgentStatus): boolean {
  return STILL_WORKING.has(status);
}

/**
 * Each poll reads again only the agents still working (one request where Coder has a light list,
 * one per 50 agents by Coder's `id:` filter where it has none) and trusts that hint one way only:
 * an agent it shows done is confirmed with AgentAPI (which also tells `waiting` from `idle`), and
 * one agent it still shows busy is checked with AgentAPI in turn, so a stale `working` report cannot
 * hold the wait forever. The pause between polls grows from 1 s to 5 s.
 */
export async function waitForAgents(options: AgentsWaitOptions): Promise<AgentsWaitOutcome> {
  const { backend, clock, signal } = options;
  const call: BackendCallOptions = { signal };
  const deadline = clock.now() + options.timeoutMs;
  let targets = options.initial.map(targetOf);
  const ids = new Map(options.initial.map((agent) => [agent.name, agent.id]));
  let delay = FIRST_WAIT_POLL_MS;
  let lastDelay = 0;
  let polls = 0;
  let turn = 0;
  for (;;) {
    options.onPoll?.(targets);
    if (isMet(targets, options.all)) {
      return { agents: targets, met: true, polls, pollIntervalMs: lastDelay };
    }
    const remaining = deadline - clock.now();
    if (remaining <= 0) {
      return { agents: targets, met: false, polls, pollIntervalMs: lastDelay };
    }
    lastDelay = Math.min(delay, remaining);
    await clock.sleep(lastDelay, signal);
    delay = Math.min(Math.round(delay * 1.5), LONGEST_WAIT_POLL_MS);
    polls += 1;
    const working = targets.filter((target) => target.stillWorking);
    const relisted = await backend.relistAgents(working.map((target) => ids.get(target.name) ?? ''), call);
    const listed = new Map(relisted.map((entry) => [entry.agent.name.toLowerCase(), entry.agent]));
    const checkedInTurn = working.length === 0 ? undefined : working[turn++ % working.length]?.name;
    targets = await Promise.all(
      targets.map(async (target) => {
        if (!target.stillWorking) {
          return target;
        }
        const agent = listed.get(target.name.toLowerCase());
        if (!agent) {
          return { ...target, status: 'deleted' as const, stillWorking: false };
        }
        const hintDone = !isStillWorking(agent.status);
        if ((hintDone && isOnline(agent.status)) || target.name === checkedInTurn) {
          return targetOf(await confirmed(backend, agent, call));
        }
        return targetOf(agent);
      }),
    );
  }
}

function isMet(targets: readonly WaitTarget[], all: boolean): boolean {
  const done = targets.filter((target) => !target.stillWorking).length;
  return targets.length === 0 || (all ? done === targets.length : done > 0);
}

function targetOf(agent: Agent): WaitTarget {
  return { name: agent.name, status: agent.status, stillWorking: isStillWorking(agent.status), lastMessage: agent.lastTask?.message ?? null };
}

/** The agent as AgentAPI sees it now; the listing's view when it has vanished or is not online. */
async function confirmed(backend: FleetBackend, agent: Agent, call: BackendCallOptions): Promise<Agent> {
  const record: AgentRecord | undefined = await backend.findAgent(agent.name, call);
  if (!record) {
    return { ...agent, status: 'deleted' };
  }
  // An AgentAPI that does not answer leaves the agent as Coder shows it: the next poll asks again.
  const live = await readLiveStatus(backend, record, call).catch((error: unknown) => {
    if (call.signal?.aborted) throw error;
    return { record };
  });
  const details = live.record.details;
  return { ...agent, status: details.status, lastTask: agent.lastTask ?? details.lastTask };
}
