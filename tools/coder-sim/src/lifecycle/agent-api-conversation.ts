// One simulated Claude Code session behind AgentAPI: its conversation, running/stable state and the statuses it reports.
import type { SeededRandom } from '../deterministic-random.js';
import type { CancelTimer, SimulatedClock } from '../simulated-clock.js';
import { seededMessage, seededMessageCount } from '../world/seeded-history.js';
import type { AppStatusState, SeededHistorySpec } from '../world/world-model.js';
import {
  INTERRUPTED_MESSAGE,
  WELCOME_MESSAGE,
  agentReplyFor,
  needsPermission,
  permissionDialogFor,
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
const ESCAPE_KEY = '\u001b';
const CTRL_C_KEY = '\u0003';
/** Claude Code keeps "Press Ctrl-C again to exit" armed for about this long (wall clock). */
const CTRL_C_EXIT_WINDOW_MS = 2_000;
/** Answers to the permission dialog that choose "1. Yes" or "2. Yes, and don't ask again"; anything else is "3. No". */
const APPROVING_ANSWER = /^(?:1|2|y|yes)$/i;

/** What a test can assert about the raw input an agent received (e.g. "exactly one Esc"). */
export interface RawInputCounts {
  /** every POST message {type: "raw"} */
  rawMessages: number;
  /** raw messages that were exactly Esc (\u001b) */
  escapes: number;
  /** Ctrl+C (\u0003) key presses in raw messages */
  ctrlCs: number;
  /** accepted POST message {type: "user"} */
  userMessages: number;
}

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
  private ctrlCArmedAt: number | null = null;
  private processExited = false;
  private lastSummary = '';
  /** the request whose work stopped on a permission dialog, until the user answers it */
  private requestAwaitingPermission: string | null = null;
  readonly rawInput: RawInputCounts = { rawMessages: 0, escapes: 0, ctrlCs: 0, userMessages: 0 };

  constructor(private readonly options: ConversationOptions) {
    this.seededCount = options.seededHistory ? seededMessageCount(options.seededHistory) : 0;
    this.currentStatus = options.seededHistory?.busy ? 'running' : 'stable';
  }

  get status(): AgentApiStatus {
    return this.currentStatus;
  }

  /**
   * Claude Code exited (a second Ctrl+C on an idle prompt) and AgentAPI with it:
   * // coder/agentapi cmd/server/server.go (v0.12.1): the server returns once the agent process exits
   * // (`case err := <-processExitCh`), so port 3284 stops answering until the workspace starts again.
   */
  get exited(): boolean {
    return this.processExited;
  }

  /** A new start build runs the module's start script again: AgentAPI and Claude Code come back. */
  restartIfExited(): void {
    if (this.processExited) {
      this.processExited = false;
      this.ctrlCArmedAt = null;
      this.currentStatus = 'stable';
    }
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

  /**
   * // coder/agentapi lib/httpapi/claude.go (v0.12.1): FormatMessage trims the content (msgfmt.TrimWhitespace) before
   * // lib/screentracker/pty_conversation.go Send validates it: so untrimmed content is accepted trimmed, blank content
   * // fails with ErrMessageValidationEmpty, and only then a non-stable status fails with ErrMessageValidationChanging.
   */
  receiveUserMessage(content: string): void {
    const request = content.replace(/^[\s]+|[\s]+$/g, '');
    if (request === '') {
      throw new EmptyMessageError();
    }
    if (this.currentStatus === 'running') {
      throw new ConversationBusyError();
    }
    this.ctrlCArmedAt = null;
    this.rawInput.userMessages += 1;
    this.append('user', request);
    this.changeStatus('running');
    const awaitingPermission = this.requestAwaitingPermission;
    this.requestAwaitingPermission = null;
    if (awaitingPermission === null) {
      this.beginWork(request);
    } else if (APPROVING_ANSWER.test(request)) {
      this.beginWork(awaitingPermission, { askPermission: false });
    } else {
      this.interrupt();
    }
  }

  /**
   * Raw input goes to the terminal as keystrokes (coder/agentapi lib/httpapi/server.go createMessage, v0.12.1:
   * MessageTypeRaw writes the bytes to the PTY in any status). What Claude Code does with them:
   * - Esc while working interrupts ("Interrupted by user"), Esc on a permission dialog dismisses it (option 3, "No"),
   *   Esc on the idle prompt does nothing;
   * - Ctrl+C while working interrupts too; on the idle prompt the first arms exit ("Press Ctrl-C again to exit")
   *   and a second within the window exits Claude Code, and AgentAPI with it (cmd/server/server.go).
   */
  receiveRaw(content: string): void {
    this.rawInput.rawMessages += 1;
    if (content === ESCAPE_KEY) {
      this.rawInput.escapes += 1;
    }
    const ctrlCs = content.split(CTRL_C_KEY).length - 1;
    this.rawInput.ctrlCs += ctrlCs;
    if (this.processExited) {
      return;
    }
    const interrupts = content === ESCAPE_KEY || ctrlCs > 0;
    if (this.currentStatus === 'running') {
      if (interrupts && !this.interrupting) {
        this.interrupt();
      }
      return;
    }
    if (content === ESCAPE_KEY && this.requestAwaitingPermission !== null) {
      this.dismissPermissionDialog();
      return;
    }
    if (ctrlCs === 0) {
      this.ctrlCArmedAt = null;
      return;
    }
    const now = this.options.clock.now();
    const armed = this.ctrlCArmedAt !== null && now - this.ctrlCArmedAt <= CTRL_C_EXIT_WINDOW_MS;
    if (armed || ctrlCs > 1) {
      this.exitProcess();
    } else {
      this.ctrlCArmedAt = now;
    }
  }

  private interrupt(): void {
    this.cancelPendingWork();
    this.interrupting = true;
    this.pendingWork.push(
      this.options.clock.after(INTERRUPT_DELAY_MS, () => {
        this.interrupting = false;
        this.append('agent', INTERRUPTED_MESSAGE);
        this.changeStatus('stable');
        // The screen watcher of `coder exp mcp server` reports idle once AgentAPI is stable (coder/coder cli/exp_mcp.go).
        this.options.reportStatus('idle', 'Interrupted by user; waiting for input', '');
      }),
    );
  }

  /**
   * The dialog goes and the work with it; no new app status: the screen changes without a user message, and
   * `coder exp mcp server` drops the watcher's `working` after its first report and the repeated `idle` as a duplicate
   * (coder/coder cli/exp_mcp.go v2.34.3, the queue predicate in mcpServer).
   */
  private dismissPermissionDialog(): void {
    this.requestAwaitingPermission = null;
    this.append('agent', INTERRUPTED_MESSAGE);
  }

  private exitProcess(): void {
    this.cancelPendingWork();
    this.requestAwaitingPermission = null;
    this.interrupting = false;
    this.ctrlCArmedAt = null;
    this.processExited = true;
    this.currentStatus = 'stable';
  }

  /** The workspace stopped: the agent process is gone and comes back idle. */
  stopProcess(): void {
    this.cancelPendingWork();
    this.requestAwaitingPermission = null;
    this.interrupting = false;
    this.currentStatus = 'stable';
  }

  dispose(): void {
    this.cancelPendingWork();
    this.listeners.clear();
  }

  private beginWork(request: string, { askPermission = true } = {}): void {
    const { clock, random, reportStatus } = this.options;
    const hash = random.integer(0, 0x7fffffff);
    const duration = WORK_BASE_MS + random.integer(0, WORK_SPREAD_MS) - WORK_SPREAD_MS / 2;
    this.lastSummary = `Working on: ${summariseText(request)}`;
    reportStatus('working', this.lastSummary, '');
    this.pendingWork.push(
      clock.after(duration * 0.4, () => {
        this.lastSummary = progressMessageFor(hash);
        reportStatus('working', this.lastSummary, '');
      }),
    );
    this.pendingWork.push(
      clock.after(duration, () => {
        this.pendingWork = [];
        if (askPermission && needsPermission(request)) {
          this.stopOnPermissionDialog(request, hash);
          return;
        }
        this.append('agent', agentReplyFor(request, hash));
        this.changeStatus('stable');
        // coder/coder cli/exp_mcp.go (v2.34.3): Claude Code's own "complete" report is forced to `working` because an
        // AgentAPI URL is set; the screen watcher reports `idle` (keeping the previous summary). The two race: for
        // about one task in three (by the seeded random) the forced `working` lands after the `idle`.
        const done = `Done: ${summariseText(request)}`;
        const uri = hash % 3 === 0 ? pullRequestUri(hash) : '';
        if (hash % 3 === 1) {
          reportStatus('idle', this.lastSummary, '');
          reportStatus('working', done, uri);
        } else {
          reportStatus('working', done, uri);
          reportStatus('idle', done, uri);
        }
        this.lastSummary = done;
      }),
    );
  }

  /**
   * Claude Code asks before a command its permissions do not allow and waits; the screen stops changing, so AgentAPI
   * says `stable` (coder/agentapi lib/screentracker/pty_conversation.go v0.12.1, statusLocked: stable once the last
   * snapshots are equal) and keeps the dialog in the agent message (lib/msgfmt/message_box.go removeMessageBox cuts
   * only an input box; testdata/format/copilot/confirmation_box keeps a dialog). The screen watcher of
   * `coder exp mcp server` then reports `idle` with the previous summary (coder/coder cli/exp_mcp.go v2.34.3): the
   * claude-code module reports no "needs input" state (coder/registry claude-code v4.9.2 runs it under `exp mcp`).
   */
  private stopOnPermissionDialog(request: string, hash: number): void {
    this.append('agent', permissionDialogFor(hash));
    this.requestAwaitingPermission = request;
    this.changeStatus('stable');
    this.options.reportStatus('idle', this.lastSummary, '');
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
