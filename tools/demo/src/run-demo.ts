// Walks the built MCP server through the fleet's whole story with an MCP client, printing a transcript and reporting each step.
import { randomBytes } from 'node:crypto';
import type { CallToolResult, Progress } from '@modelcontextprotocol/sdk/types.js';
import { connectFleetServer, type CoderTarget, type FleetServerConnection } from './fleet-server-connection.js';
import { keyFieldsOf, readPath } from './key-fields.js';
import { pollUntil, serverCommandPath } from '@fleet/tool-support';
import { formatDuration, Transcript } from './transcript.js';

export interface DemoOptions {
  coder: CoderTarget;
  /** What the demo runs against, for the transcript's first line, e.g. "the Coder simulator (Coder v2.30.0)". */
  targetDescription: string;
  write: (line: string) => void;
  /** The prefix of the three agents the demo creates and deletes (`<prefix>-1` …); default `fleet-demo-<random>`. */
  agentName?: string;
  /** Bound on each wait for a status (first task done, busy, idle after the cancel, gone after the delete). */
  waitBoundMs?: number;
  pollIntervalMs?: number;
  serverCommand?: string;
}

export interface DemoStepOutcome {
  title: string;
  ok: boolean;
  durationMs: number;
  problem?: string;
}

export interface DemoReport {
  ok: boolean;
  /** The agents the demo created (and deleted). */
  agentNames: string[];
  steps: DemoStepOutcome[];
  /** Steps not run because an earlier one failed. */
  skipped: string[];
  /** One of the demo's agents may still exist: the clean-up after a failure did not succeed. */
  agentLeftBehind: boolean;
  durationMs: number;
}

export const DEMO_AGENT_PREFIX = 'fleet-demo-';
/** Each agent's first task: an assistant hands three agents three jobs, then waits for the first to finish. */
const FIRST_TASKS = [
  'List the open TODO comments in src/ and group them by file.',
  'Check that every link in README.md still resolves.',
  'Summarise the last ten commits in three bullet points.',
];
const SECOND_TASK = 'Read every file in this repository and write a detailed architecture overview to docs/architecture.md.';
const PREFERRED_PROJECT = 'Claude Code';
const PREFERRED_ROLE = 'Reviewer';
const DEFAULT_WAIT_BOUND_MS = 30_000;
const DEFAULT_POLL_INTERVAL_MS = 250;
const SERVER_LOG_LINES_ON_FAILURE = 10;
/** The server's own bound on its start-up check of Coder (5 s), and a second for its log line to arrive. */
const CODER_CHECK_BOUND_MS = 6_000;
/** Tries at cancelling before the demo gives up on catching its agent busy. */
const CANCEL_ATTEMPTS = 3;

/** A step that did not do what the story needs; its message says what happened. */
class StepFailure extends Error {}

interface DemoStep {
  title: string;
  run(): Promise<void>;
}

export function demoAgentName(): string {
  return `${DEMO_AGENT_PREFIX}${randomBytes(3).toString('hex')}`;
}

export async function runDemo(options: DemoOptions): Promise<DemoReport> {
  return new DemoRun(options).run();
}

class DemoRun {
  private readonly transcript: Transcript;
  private readonly agentNames: string[];
  /** The agent the rest of the story follows: the one that finished first. */
  private agentName: string;
  private readonly waitBoundMs: number;
  private readonly pollIntervalMs: number;
  private connection: FleetServerConnection | undefined;
  private project = PREFERRED_PROJECT;
  private role: string | undefined;
  /** Agents that may exist: asked for, not yet seen gone. */
  private readonly mayExist = new Set<string>();

  constructor(private readonly options: DemoOptions) {
    this.transcript = new Transcript({ write: options.write, secrets: [options.coder.token] });
    const prefix = options.agentName ?? demoAgentName();
    this.agentNames = FIRST_TASKS.map((_task, index) => `${prefix}-${index + 1}`);
    this.agentName = this.agentNames[0] ?? prefix;
    this.waitBoundMs = options.waitBoundMs ?? DEFAULT_WAIT_BOUND_MS;
    this.pollIntervalMs = options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS;
  }

  async run(): Promise<DemoReport> {
    const started = performance.now();
    const steps = this.story();
    const outcomes: DemoStepOutcome[] = [];
    this.transcript.line(`Fleet demo against ${this.options.targetDescription}`);
    this.transcript.line(`The agents it creates, and deletes at the end: ${this.agentNames.join(', ')}`);
    try {
      for (const [index, step] of steps.entries()) {
        this.transcript.step(index + 1, steps.length, step.title);
        const outcome = await this.runStep(step);
        outcomes.push(outcome);
        if (!outcome.ok) break;
      }
      const agentLeftBehind = await this.cleanUp();
      const report: DemoReport = {
        ok: outcomes.length === steps.length && outcomes.every((outcome) => outcome.ok) && !agentLeftBehind,
        agentNames: this.agentNames,
        steps: outcomes,
        skipped: steps.slice(outcomes.length).map((step) => step.title),
        agentLeftBehind,
        durationMs: performance.now() - started,
      };
      this.printSummary(report);
      return report;
    } finally {
      await this.connection?.close();
    }
  }

  private async runStep(step: DemoStep): Promise<DemoStepOutcome> {
    const started = performance.now();
    try {
      await step.run();
      return { title: step.title, ok: true, durationMs: performance.now() - started };
    } catch (error) {
      const problem = error instanceof Error ? error.message : String(error);
      if (!(error instanceof StepFailure)) this.transcript.note(`✗ ${problem}`);
      return { title: step.title, ok: false, durationMs: performance.now() - started, problem };
    }
  }

  private story(): DemoStep[] {
    // Arguments are built when a step runs: the agent the story follows is the one wait_for_agents found done first.
    const agent = () => ({ agent_name: this.agentName });
    return [
      { title: 'Start the Fleet MCP server over stdio', run: () => this.startServer() },
      { title: 'Which projects can run an agent?', run: () => this.chooseProject() },
      { title: 'Which roles does the project offer?', run: () => this.chooseRole() },
      { title: 'Create three agents, each with its first task', run: () => this.createAgents() },
      { title: 'Wait until one of them finishes', run: () => this.waitForFirstToFinish() },
      {
        title: 'Read what it answered',
        run: async () => void this.succeeded('show_agent_log', await this.callTool('show_agent_log', { agent_name: this.agentName })),
      },
      { title: 'Wait for the other two', run: () => this.waitForAll() },
      {
        title: 'Give that agent another task',
        run: async () => void this.succeeded('start_agent_task', await this.callTool('start_agent_task', { ...agent(), task: SECOND_TASK })),
      },
      { title: 'Watch it work', run: () => this.waitForStatus(['busy']) },
      {
        title: 'Read its task history',
        run: async () => void this.succeeded('show_agent_task_history', await this.callTool('show_agent_task_history', { ...agent(), page_size: 5 })),
      },
      {
        title: 'Read its log',
        run: async () => void this.succeeded('show_agent_log', await this.callTool('show_agent_log', { ...agent(), page_size: 2 })),
      },
      { title: 'Cancel its task', run: () => this.cancelTask() },
      { title: 'Restart it and wait until it is online again', run: () => this.restartAgent() },
      { title: 'Delete the three agents', run: () => this.deleteAgents() },
    ];
  }

  private async startServer(): Promise<void> {
    const command = this.options.serverCommand ?? serverCommandPath();
    this.transcript.note(`→ node ${command}   (CODER_URL=${this.options.coder.url}, CODER_SESSION_TOKEN=[REDACTED])`);
    const started = performance.now();
    this.connection = await connectFleetServer(command, this.options.coder);
    const readyMs = performance.now() - started;
    // The server answers before its check of Coder ends: who it runs as comes from the check's log line.
    const checked = await this.connection.coderCheck(CODER_CHECK_BOUND_MS);
    const coderVersion = typeof checked?.['coder_version'] === 'string' ? `, Coder ${checked['coder_version']}` : '';
    const user = typeof checked?.['coder_user'] === 'string' ? ` as ${checked['coder_user']}` : '';
    this.transcript.note(`← ready, initialized and tools listed${user}${coderVersion} (${formatDuration(readyMs)})`);
  }

  private async chooseProject(): Promise<void> {
    const result = this.succeeded('list_agent_projects', await this.callTool('list_agent_projects', {}));
    const projects = stringsAt(result, 'projects[].display_name');
    const chosen = projects.find((project) => project === PREFERRED_PROJECT) ?? projects[0];
    if (chosen === undefined) throw this.failure('no project can run an agent on this Coder: a template needs a Claude Code AI task first');
    this.project = chosen;
    this.transcript.note(`The demo uses the project ${JSON.stringify(chosen)}.`);
  }

  private async chooseRole(): Promise<void> {
    const result = this.succeeded('list_agent_roles', await this.callTool('list_agent_roles', { project: this.project }));
    const roles = stringsAt(result, 'roles[].name');
    const defaults = readPath(result, ['roles[]', 'is_default']);
    const defaultRole = Array.isArray(defaults) ? roles[defaults.indexOf(true)] : undefined;
    this.role = roles.find((role) => role === PREFERRED_ROLE) ?? defaultRole ?? roles[0];
    this.transcript.note(this.role === undefined ? 'The project has no roles: the agent gets none.' : `The demo uses the role ${JSON.stringify(this.role)}.`);
  }

  /** Creates the agents one after another, each online (wait) with its first task, as an assistant would. */
  private async createAgents(): Promise<void> {
    for (const [index, name] of this.agentNames.entries()) {
      const args = { name, project: this.project, ...(this.role === undefined ? {} : { role: this.role }), task: FIRST_TASKS[index], wait: true };
      // From here on the agent may exist, even if the call fails half-way: the clean-up deletes it.
      this.mayExist.add(name);
      const result = this.succeeded('create_agent', await this.callTool('create_agent', args, { withProgress: true }));
      if (result['online'] !== true) throw this.failure(`${name} is not online: status ${String(readPath(result, ['agent', 'status']))}`);
    }
  }

  /** One wait_for_agents call instead of polling: it returns when any of the three stops working. */
  private async waitForFirstToFinish(): Promise<void> {
    const result = this.succeeded(
      'wait_for_agents',
      await this.callTool('wait_for_agents', { agent_names: this.agentNames, timeout_seconds: this.waitBoundSeconds() }, { withProgress: true }),
    );
    if (result['condition_met'] !== true) throw this.failure('no agent finished its first task in time');
    const done = (result['agents'] as Array<{ name: string; still_working: boolean }>).find((entry) => !entry.still_working);
    this.agentName = done?.name ?? this.agentName;
    this.transcript.note(`${this.agentName} finished first: the rest of the story follows it.`);
  }

  private async waitForAll(): Promise<void> {
    const result = this.succeeded(
      'wait_for_agents',
      await this.callTool('wait_for_agents', { agent_names: this.agentNames, all: true, timeout_seconds: this.waitBoundSeconds() }, { withProgress: true }),
    );
    if (result['condition_met'] !== true) throw this.failure('not every agent finished its first task in time');
  }

  private waitBoundSeconds(): number {
    return Math.max(1, Math.ceil(this.waitBoundMs / 1000));
  }

  private async restartAgent(): Promise<void> {
    const result = this.succeeded('restart_agent', await this.callTool('restart_agent', { agent_name: this.agentName, wait: true }, { withProgress: true }));
    if (result['online'] !== true) throw this.failure(`the agent did not come back: status ${String(readPath(result, ['agent', 'status']))}`);
  }

  private async deleteAgents(): Promise<void> {
    for (const name of this.agentNames) {
      this.succeeded('delete_agent', await this.callTool('delete_agent', { agent_name: name }));
    }
    for (const name of this.agentNames) {
      await this.waitUntilGone(name);
      this.mayExist.delete(name);
    }
  }

  /** Polls show_agent until it answers NOT_FOUND: the delete build finished and the agent left the fleet. */
  private async waitUntilGone(name: string): Promise<void> {
    const connection = this.requireConnection();
    const args = { agent_name: name };
    this.transcript.call('show_agent', args, `   every ${formatDuration(this.pollIntervalMs)} until NOT_FOUND`);
    const started = performance.now();
    let lastStatus: unknown;
    await this.pollUntil(async () => {
      const shown = await connection.call('show_agent', args);
      if (shown.isError !== true) {
        const status = readPath(shown.structuredContent, ['agent', 'status']);
        if (status !== lastStatus) this.transcript.note(`… status ${String(status)} (${formatDuration(performance.now() - started)})`);
        lastStatus = status;
        return false;
      }
      const code = readPath(shown._meta, ['fleet/error', 'code']);
      if (code !== 'NOT_FOUND') throw this.failure(`show_agent failed: ${textOf(shown)}`);
      return true;
    }, `${name} to be deleted`);
    this.transcript.note(`← NOT_FOUND: ${name} is gone (${formatDuration(performance.now() - started)})`);
  }

  /** Polls show_agent until the agent has one of `statuses`, printing each status it passes through. */
  /**
   * Cancels the agent's task. Fleet sends nothing to an idle agent (INVALID_STATE), so one that
   * finished already (a fast simulator, a short task) is given the task again to have something to
   * cancel, a few times at most if it keeps finishing before the interrupt arrives.
   */
  private async cancelTask(): Promise<void> {
    const agent = { agent_name: this.agentName };
    const waitArgs = { agent_names: [this.agentName] };
    for (let attempt = 1; ; attempt += 1) {
      const shown = await this.requireConnection().call('show_agent', agent);
      if (readPath(shown.structuredContent, ['agent', 'status']) !== 'busy') {
        this.transcript.note('It finished already: give it the task again, to have something to cancel.');
        this.succeeded('start_agent_task', await this.callTool('start_agent_task', { ...agent, task: SECOND_TASK }));
      }
      const cancelled = await this.callTool('cancel_agent_task', agent);
      const finishedFirst = cancelled.isError === true && textOf(cancelled).startsWith('INVALID_STATE') && attempt < CANCEL_ATTEMPTS;
      if (!finishedFirst) {
        this.succeeded('cancel_agent_task', cancelled);
        break;
      }
      this.transcript.note('It finished before the interrupt reached it.');
    }
    const waited = this.succeeded('wait_for_agents', await this.callTool('wait_for_agents', { ...waitArgs, timeout_seconds: 30 }));
    if (waited['condition_met'] !== true) throw this.failure('the agent did not stop after the interrupt');
  }

  private async waitForStatus(statuses: readonly string[]): Promise<void> {
    const connection = this.requireConnection();
    const args = { agent_name: this.agentName };
    this.transcript.call('show_agent', args, `   every ${formatDuration(this.pollIntervalMs)} until ${statuses.join(' or ')}`);
    const started = performance.now();
    let checks = 0;
    let lastStatus: unknown;
    let last: CallToolResult | undefined;
    await this.pollUntil(async () => {
      checks += 1;
      last = await connection.call('show_agent', args);
      if (last.isError === true) throw this.failure(`show_agent failed: ${textOf(last)}`);
      const status = readPath(last.structuredContent, ['agent', 'status']);
      if (status !== lastStatus) this.transcript.note(`… status ${String(status)} (${formatDuration(performance.now() - started)})`);
      lastStatus = status;
      return statuses.includes(String(status));
    }, `${this.agentName} to be ${statuses.join(' or ')}`);
    this.transcript.result(
      textOf(last ?? { content: [] }),
      keyFieldsOf('show_agent', last?.structuredContent),
      performance.now() - started,
    );
    this.transcript.note(`(${checks} check${checks === 1 ? '' : 's'})`);
  }

  private async pollUntil(probe: () => Promise<boolean>, description: string): Promise<void> {
    try {
      await pollUntil(async () => ((await probe()) ? true : undefined), { description, timeoutMs: this.waitBoundMs, intervalMs: this.pollIntervalMs });
    } catch (error) {
      throw this.failure(error instanceof Error ? error.message : String(error));
    }
  }

  /** Calls one tool, printing the call, its progress, its result and how long it took. */
  private async callTool(tool: string, args: Record<string, unknown>, options: { withProgress?: boolean } = {}): Promise<CallToolResult> {
    const connection = this.requireConnection();
    this.transcript.call(tool, args);
    const started = performance.now();
    const onProgress = options.withProgress === true ? (progress: Progress) => this.transcript.progress(progress, performance.now() - started) : undefined;
    const result = await connection.call(tool, args, onProgress);
    this.transcript.result(textOf(result), keyFieldsOf(tool, result.structuredContent), performance.now() - started, result.isError === true);
    return result;
  }

  /** The structured result of a call that must have succeeded; a StepFailure with the server's message otherwise. */
  private succeeded(tool: string, result: CallToolResult): Record<string, unknown> {
    if (result.isError === true) throw new StepFailure(`${tool}: ${textOf(result)}`);
    return result.structuredContent ?? {};
  }

  private failure(message: string): StepFailure {
    this.transcript.note(`✗ ${message}`);
    return new StepFailure(message);
  }

  private requireConnection(): FleetServerConnection {
    if (this.connection === undefined) throw new StepFailure('the MCP server is not running');
    return this.connection;
  }

  /** After a failure, deletes the demo's agents that may exist; true when one may still be there. */
  private async cleanUp(): Promise<boolean> {
    if (this.mayExist.size === 0) return false;
    const names = [...this.mayExist];
    this.transcript.line();
    this.transcript.line(`Cleaning up: deleting ${names.join(', ')}`);
    if (this.connection === undefined) return true;
    let leftBehind = false;
    for (const name of names) {
      try {
        const result = await this.callTool('delete_agent', { agent_name: name });
        if (result.isError === true) {
          leftBehind ||= readPath(result._meta, ['fleet/error', 'code']) !== 'NOT_FOUND';
          continue;
        }
      } catch (error) {
        this.transcript.note(`✗ ${error instanceof Error ? error.message : String(error)}`);
        leftBehind = true;
        continue;
      }
      try {
        await this.waitUntilGone(name);
      } catch {
        // Coder accepted the delete and finishes it on its own: the agent is on its way out, not left behind.
        this.transcript.note(`${name} is still being deleted; Coder finishes that on its own.`);
      }
    }
    return leftBehind;
  }

  private printSummary(report: DemoReport): void {
    const { transcript } = this;
    transcript.line();
    transcript.line('Summary');
    for (const [index, step] of report.steps.entries()) {
      transcript.line(`  ${step.ok ? '✓' : '✗'} ${String(index + 1).padStart(2)}. ${step.title.padEnd(46)} ${formatDuration(step.durationMs)}`);
    }
    for (const title of report.skipped) transcript.line(`  - skipped: ${title}`);
    const succeeded = report.steps.filter((step) => step.ok).length;
    const total = report.steps.length + report.skipped.length;
    transcript.line(`${succeeded} of ${total} steps succeeded in ${formatDuration(report.durationMs)}.`);
    if (report.agentLeftBehind) transcript.line(`An agent of ${report.agentNames.join(', ')} may still exist: delete it with delete_agent.`);
    const failed = report.steps.find((step) => !step.ok);
    if (failed !== undefined) {
      transcript.line(`Failed: ${failed.title}: ${failed.problem ?? ''}`);
      const log = this.connection?.serverLog().trim().split('\n').slice(-SERVER_LOG_LINES_ON_FAILURE) ?? [];
      if (log.length > 0 && log[0] !== '') {
        transcript.line('The server log ends with:');
        for (const line of log) transcript.line(`  ${line}`);
      }
    }
  }
}

/** The readable part of a result's text: a success's text ends with its whole structured result as JSON, left out of the transcript. */
function textOf(result: Pick<CallToolResult, 'content' | 'structuredContent'>): string {
  const text = result.content.map((block) => (block.type === 'text' ? block.text : `[${block.type}]`)).join('\n');
  const separator = text.lastIndexOf('\n\n');
  return result.structuredContent === undefined || separator < 0 ? text : text.slice(0, separator);
}

function stringsAt(structured: unknown, path: string): string[] {
  const values = readPath(structured, path.split('.'));
  return Array.isArray(values) ? values.filter((value): value is string => typeof value === 'string') : [];
}
