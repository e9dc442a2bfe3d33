// Generates a seeded agent's past app statuses and conversation on demand, so long histories cost no memory.
import { hashText } from '../deterministic-random.js';
import type { AppStatusState, SeededHistorySpec } from './world-model.js';
import {
  WELCOME_MESSAGE,
  agentReplyFor,
  progressMessageFor,
  pullRequestUri,
  summariseText,
  workItemFor,
} from './work-content.js';

const TASK_SPACING_MS = 7 * 60_000;
const BUSY_TASK_AGE_MS = 90_000;
const STATUSES_PER_TASK = 3;

export interface SeededStatus {
  createdAt: number;
  state: AppStatusState;
  message: string;
  uri: string;
}

export interface SeededMessage {
  role: 'user' | 'agent';
  content: string;
  time: number;
}

function taskStart(history: SeededHistorySpec, taskNumber: number): number {
  const isLast = taskNumber === history.taskCount - 1;
  if (history.busy && isLast) {
    return history.endsAt - BUSY_TASK_AGE_MS;
  }
  return history.endsAt - (history.taskCount - taskNumber) * TASK_SPACING_MS;
}

export function seededStatusCount(history: SeededHistorySpec): number {
  return history.taskCount * STATUSES_PER_TASK - (history.busy ? 1 : 0) + (history.staleWorkingAtEnd ? 1 : 0);
}

/** The `working` self-report of a finished task lands after the watcher's `idle` for about one task in three. */
function selfReportLandsLate(hash: number): boolean {
  return hash % 3 === 1;
}

/**
 * Status number `position`, oldest first. Three per task, as `coder exp mcp server` reports them for Claude Code
 * behind AgentAPI:
 * // coder/coder cli/exp_mcp.go (v2.34.3): with --ai-agentapi-url set, the agent's own coder_report_task reports are
 * // forced to `working`; only the AgentAPI screen watcher reports `idle` (status stable), keeping the last summary;
 * // the two queues race, so a self-report can land after the idle. A task therefore ends on `idle`, never
 * // `complete` (coderd/aitasks.go reads the latest status as is).
 */
export function seededStatus(history: SeededHistorySpec, position: number): SeededStatus {
  const regular = seededStatusCount(history) - (history.staleWorkingAtEnd ? 1 : 0);
  if (history.staleWorkingAtEnd && position === regular) {
    const last = seededStatus(history, regular - 1);
    return {
      createdAt: last.createdAt + 4_000,
      state: 'working',
      message: last.message.startsWith('Done:') ? last.message : `Done: ${last.message}`,
      uri: last.uri,
    };
  }
  const taskNumber = Math.floor(position / STATUSES_PER_TASK);
  const step = position % STATUSES_PER_TASK;
  const start = taskStart(history, taskNumber);
  const item = workItemFor(history.variant, taskNumber);
  const hash = hashText(`${history.variant}:${taskNumber}`, 0x51a7);
  const finishedAt = start + 6 * 60_000;
  const summary = summariseText(item.summary);
  const outcome =
    hash % 7 === 0
      ? `Waiting for input: which approach should I take for ${summariseText(item.summary, 40)}?`
      : `Done: ${summary}`;
  const uri = hash % 5 === 0 ? pullRequestUri(hash) : '';
  if (step === 0) {
    return { createdAt: start + 5_000, state: 'working', message: `Starting: ${summary}`, uri: '' };
  }
  const stillRunning = history.busy && taskNumber === history.taskCount - 1;
  if (selfReportLandsLate(hash) && !stillRunning) {
    // The watcher's idle (with the previous summary) first, then the forced `working` self-report with the outcome.
    return step === 1
      ? { createdAt: finishedAt, state: 'idle', message: `Starting: ${summary}`, uri: '' }
      : { createdAt: finishedAt + 1_500, state: 'working', message: outcome, uri };
  }
  if (step === 1) {
    return { createdAt: start + 45_000, state: 'working', message: progressMessageFor(hash), uri: '' };
  }
  return { createdAt: finishedAt, state: 'idle', message: outcome, uri };
}

export function seededMessageCount(history: SeededHistorySpec): number {
  return 1 + history.taskCount * 2 - (history.busy ? 1 : 0);
}

/** Message number `position`, oldest first; number 0 is the agent's welcome screen. */
export function seededMessage(history: SeededHistorySpec, position: number): SeededMessage {
  if (position === 0) {
    return { role: 'agent', content: WELCOME_MESSAGE, time: taskStart(history, 0) - 30_000 };
  }
  const taskNumber = Math.floor((position - 1) / 2);
  const item = workItemFor(history.variant, taskNumber);
  const start = taskStart(history, taskNumber);
  if ((position - 1) % 2 === 0) {
    return { role: 'user', content: item.prompt, time: start };
  }
  const hash = hashText(`${history.variant}:${taskNumber}`, 0x51a7);
  return { role: 'agent', content: agentReplyFor(item.prompt, hash), time: start + 6 * 60_000 };
}
