// One simulated Claude Code session behind AgentAPI: its conversation, running/stable state and the statuses it reports.
import type { SeededRandom } from '../deterministic-random.js';
import type { CancelTimer, SimulatedClock } from '../simulated-clock.js';
import { seededMessage, seededMessageCount } from '../world/seeded-history.js';
import type { AppStatusState, SeededHistorySpec } from '../world/world-model.js';
import {
  INTERRUPTED_MESSAGE,
  WELCOME_MESSAGE,
  agentReplyFor,
  progressMessageFor,
  pullRequestUri,
  summariseText,
} from '../world/work-content.js';

export type AgentApiStatus = 'running' | 'stable';

export interface AgentApiMessage {
  id: number;
  role: 'user' | 'agent';
  content: string;
  time: number;
}

export type ConversationEvent =
  | { type: 'message_update'; message: AgentApiMessage }
  | { type: 'status_change'; status: AgentApiStatus };

export type StatusReporter = (state: AppStatusState, message: string, uri: string) => void;

/** AgentAPI refuses a user message while the agent works. */
export class ConversationBusyError extends Error {
  constructor() {
    super('message can only be sent when the agent is waiting for user input');
  }
}

export class EmptyMessageError extends Error {
  constructor() {
    super('message must not be empty');
  }
}

const WORK_BASE_MS = 3_500;
const WORK_SPREAD_MS = 3_000;
const INTERRUPT_DELAY_MS = 300;
const INTERRUPT_KEY = '\u0003';

export interface ConversationOptions {
  clock: SimulatedClock;
  random: SeededRandom;
  seededHistory: SeededHistorySpec | null;
  reportStatus: StatusReporter;
}

export class AgentApiConversation {
  private currentStatus: AgentApiStatus;
  private readonly liveMessages: AgentApiMessage[] = [];
  private readonly seededCount: number;
  private readonly listeners = new Set<(event: ConversationEvent) => void>();
  private pendingWork: CancelTimer[] = [];
  private interrupting = false;

  constructor(private readonly options: ConversationOptions) {
    this.seededCount = options.seededHistory ? seededMessageCount(options.seededHistory) : 0;
    this.currentStatus = options.seededHistory?.busy ? 'running' : 'stable';
  }

  get status(): AgentApiStatus {
    return this.currentStatus;
  }

  get messageCount(): number {
    return this.seededCount + this.liveMessages.length;
  }

  messageAt(id: number): AgentApiMessage {
    const history = this.options.seededHistory;
    if (id < this.seededCount && history) {
      const seeded = seededMessage(history, id);
      return { id, role: seeded.role, content: seeded.content, time: seeded.time };
    }
    const live = this.liveMessages[id - this.seededCount];
    if (!live) {
      throw new RangeError(`No message ${id}.`);
    }
    return live;
  }

  *messages(): Generator<AgentApiMessage> {
    for (let id = 0; id < this.messageCount; id += 1) {
      yield this.messageAt(id);
    }
  }

  subscribe(listener: (event: ConversationEvent) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Claude Code greets first: a fresh session starts with its welcome screen. */
  greetIfNew(): void {
    if (this.messageCount === 0) {
      this.append('agent', WELCOME_MESSAGE);
    }
  }

  receiveUserMessage(content: string): void {
    if (this.currentStatus === 'running') {
      throw new ConversationBusyError();
    }
    const request = content.trim();
    if (request === '') {
      throw new EmptyMessageError();
    }
    this.append('user', request);
    this.changeStatus('running');
    this.beginWork(request);
  }

  /** Raw input goes to the terminal; Ctrl+C interrupts the agent while it works. */
  receiveRaw(content: string): void {
    if (!content.includes(INTERRUPT_KEY) || this.currentStatus !== 'running' || this.interrupting) {
      return;
    }
    this.cancelPendingWork();
    this.interrupting = true;
    this.pendingWork.push(
      this.options.clock.after(INTERRUPT_DELAY_MS, () => {
        this.interrupting = false;
        this.append('agent', INTERRUPTED_MESSAGE);
        this.changeStatus('stable');
        this.options.reportStatus('idle', 'Interrupted by user; waiting for input', '');
      }),
    );
  }

  /** The workspace stopped: the agent process is gone and comes back idle. */
  stopProcess(): void {
    this.cancelPendingWork();
    this.interrupting = false;
    this.currentStatus = 'stable';
  }

  dispose(): void {
    this.cancelPendingWork();
    this.listeners.clear();
  }

  private beginWork(request: string): void {
    const { clock, random, reportStatus } = this.options;
    const hash = random.integer(0, 0x7fffffff);
    const duration = WORK_BASE_MS + random.integer(0, WORK_SPREAD_MS) - WORK_SPREAD_MS / 2;
    reportStatus('working', `Working on: ${summariseText(request)}`, '');
    this.pendingWork.push(clock.after(duration * 0.4, () => reportStatus('working', progressMessageFor(hash), '')));
    this.pendingWork.push(
      clock.after(duration, () => {
        this.pendingWork = [];
        this.append('agent', agentReplyFor(request, hash));
        this.changeStatus('stable');
        reportStatus('complete', `Done: ${summariseText(request)}`, hash % 3 === 0 ? pullRequestUri(hash) : '');
      }),
    );
  }

  private cancelPendingWork(): void {
    for (const cancel of this.pendingWork) {
      cancel();
    }
    this.pendingWork = [];
  }

  private append(role: 'user' | 'agent', content: string): void {
    const message: AgentApiMessage = { id: this.messageCount, role, content, time: this.options.clock.now() };
    this.liveMessages.push(message);
    this.emit({ type: 'message_update', message });
  }

  private changeStatus(status: AgentApiStatus): void {
    if (this.currentStatus !== status) {
      this.currentStatus = status;
      this.emit({ type: 'status_change', status });
    }
  }

  private emit(event: ConversationEvent): void {
    for (const listener of this.listeners) {
      listener(event);
    }
  }
}
