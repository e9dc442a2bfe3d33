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
  return history.taskCount * STATUSES_PER_TASK - (history.busy ? 1 : 0);
}

/** Status number `position`, oldest first. */
export function seededStatus(history: SeededHistorySpec, position: number): SeededStatus {
  const taskNumber = Math.floor(position / STATUSES_PER_TASK);
  const step = position % STATUSES_PER_TASK;
  const start = taskStart(history, taskNumber);
  const item = workItemFor(history.variant, taskNumber);
  const hash = hashText(`${history.variant}:${taskNumber}`, 0x51a7);
  if (step === 0) {
    return { createdAt: start + 5_000, state: 'working', message: `Starting: ${summariseText(item.summary)}`, uri: '' };
  }
  if (step === 1) {
    return { createdAt: start + 45_000, state: 'working', message: progressMessageFor(hash), uri: '' };
  }
  const finishedAt = start + 6 * 60_000;
  if (hash % 12 === 0) {
    return {
      createdAt: finishedAt,
      state: 'failure',
      message: `Failed: ${summariseText(item.summary)} — the test suite does not pass`,
      uri: '',
    };
  }
  if (hash % 7 === 0) {
    return {
      createdAt: finishedAt,
      state: 'idle',
      message: `Waiting for input: which approach should I take for ${summariseText(item.summary, 40)}?`,
      uri: '',
    };
  }
  return {
    createdAt: finishedAt,
    state: 'complete',
    message: `Done: ${summariseText(item.summary)}`,
    uri: hash % 3 === 0 ? pullRequestUri(hash) : '',
  };
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
