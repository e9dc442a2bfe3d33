// The soak: many tool calls over stdio and many abandoned HTTP sessions, with the server's resident memory
// (VmRSS) read along the way, beside a bare MCP SDK server given the same number of calls in the same run.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { startSimulator, type RunningSimulator } from '@fleet/coder-sim';
import { getDefaultEnvironment } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { startFleetServer, startStdioServer, statusBytes, type FleetServer } from './fleet-server.js';
import { localhostSubdomainsImport, serverCommandPath } from '@fleet/tool-support';
import { describeMachine, type MachineDescription } from './machine.js';
import { percentile } from './statistics.js';

export interface SoakPlan {
  /** Tool calls over stdio, to Fleet and to the bare server alike. */
  calls: number;
  /** Calls after which memory must stop growing: the growth is measured from here to the end. */
  warmupCalls: number;
  /** HTTP sessions opened (initialize, one call) and never closed. */
  sessions: number;
  /** Sessions after which memory must stop growing. */
  warmupSessions: number;
  /** Growth after the warm-up beyond this is flagged. */
  tolerancePercent: number;
  /** Fleet's resident memory over the bare server's, at the end, that the soak aims to stay under. */
  ratioAim: number;
}

export const FULL_SOAK: SoakPlan = { calls: 5_000, warmupCalls: 1_000, sessions: 500, warmupSessions: 100, tolerancePercent: 10, ratioAim: 1.5 };

/** Resident memory at one point of a soak. */
export interface MemoryCheckpoint {
  label: string;
  /** Calls (or sessions) done when it was read. */
  after: number;
  /** VmRSS read right at the checkpoint, MiB. */
  residentMiB: number | undefined;
  /**
   * The median of the VmRSS readings over the window before the checkpoint (the last twentieth of the soak;
   * at the start, 5 readings 100 ms apart before any call), MiB: a single reading swings with the garbage
   * collector by ±10 MiB, so the growth is taken between these.
   */
  windowMedianMiB: number | undefined;
  windowMinMiB: number | undefined;
  windowMaxMiB: number | undefined;
  /** Over the calls since the previous checkpoint: response bytes Coder sent per call (Fleet only) and the median call time. */
  coderKiBPerCall?: number;
  medianMs?: number;
}

export interface StdioSoakResult {
  server: string;
  calls: number;
  /** Calls per tool. */
  mix: Record<string, number>;
  errors: number;
  errorCodes: Record<string, number>;
  seconds: number;
  checkpoints: MemoryCheckpoint[];
  /** VmHWM at the end: the peak since the process started, MiB. */
  peakResidentMiB: number | undefined;
  /** The median of every reading after the warm-up, MiB. */
  steadyMedianMiB: number | undefined;
  /** From the warm-up checkpoint's window median to the end's, in percent. */
  growthPercent: number | undefined;
  grew: boolean;
  /** VmRSS every 50 calls and at the checkpoints: [calls done, MiB]. */
  series: [number, number][];
}

export interface HttpSoakResult {
  sessions: number;
  /** Sessions whose initialize was answered with a session id. */
  opened: number;
  /** Sessions whose one call was answered without isError. */
  succeeded: number;
  /** Sessions that failed, by the first thing that failed ("initialize: HTTP 503", "tools/call: CODER_UNAVAILABLE", ...). */
  errors: number;
  errorReasons: Record<string, number>;
  seconds: number;
  checkpoints: MemoryCheckpoint[];
  peakResidentMiB: number | undefined;
  steadyMedianMiB: number | undefined;
  growthPercent: number | undefined;
  grew: boolean;
  /** Lines and bytes the server wrote to stderr (its log) during the soak. */
  logLines: number;
  logBytes: number;
  /** Set when the server process ended before the soak did. */
  serverExited?: string;
  series: [number, number][];
}

export interface SoakResult {
  plan: SoakPlan;
  coderVersion: string;
  agents: number;
  fleet: StdioSoakResult;
  bare: StdioSoakResult;
  /** Fleet's window median over the bare server's at each checkpoint. */
  ratios: { label: string; ratio: number | undefined }[];
  /** Fleet's steady state (median of the readings after the warm-up) over the bare server's. */
  steadyRatio: number | undefined;
  /** The steady ratio is above plan.ratioAim. */
  overAim: boolean;
  http: HttpSoakResult | { error: string };
}

const MiB = 2 ** 20;
const toMiB = (bytes: number | undefined) => (bytes === undefined ? undefined : Math.round((bytes / MiB) * 10) / 10);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const thousands = (value: number) => value.toLocaleString('en');

function growth(from: MemoryCheckpoint | undefined, to: MemoryCheckpoint | undefined): number | undefined {
  const start = from?.windowMedianMiB;
  const end = to?.windowMedianMiB;
  return start === undefined || end === undefined || start === 0 ? undefined : ((end - start) / start) * 100;
}

/** Checkpoints at the start, after the warm-up, in the middle and at the end, with a reading window before each. */
class MemoryRecorder {
  readonly series: [number, number][] = [];
  readonly checkpoints: MemoryCheckpoint[] = [];
  private readonly samples: [number, number][] = [];
  constructor(
    private readonly read: () => number | undefined,
    readonly total: number,
    readonly warmup: number,
    private readonly sampleEvery: number,
    private readonly unit: string,
  ) {}

  get window(): number {
    return Math.max(1, Math.round(this.total / 20));
  }

  /** Half the soak; halfway from the warm-up to the end when the warm-up is half the soak or more. */
  get middle(): number {
    const half = Math.round(this.total / 2);
    return half > this.warmup ? half : Math.round((this.warmup + this.total) / 2);
  }

  /** Whether `done` is where a checkpoint goes: after the warm-up, in the middle, at the end. */
  label(done: number): string | undefined {
    if (done === this.warmup) return `after ${thousands(done)} ${this.unit}`;
    if (done === this.middle) return `middle (${thousands(done)})`;
    if (done === this.total) return `end (${thousands(done)})`;
    return undefined;
  }

  async start(): Promise<void> {
    const readings: number[] = [];
    for (let index = 0; index < 5; index += 1) {
      const bytes = this.read();
      if (bytes !== undefined) readings.push(bytes);
      await sleep(100);
    }
    this.checkpoints.push(this.summarise('start', 0, readings, this.read()));
    const first = readings[0];
    if (first !== undefined) this.series.push([0, toMiB(first) ?? 0]);
  }

  /** After each call or session; returns the checkpoint when `done` is one. */
  after(done: number, extra: Partial<MemoryCheckpoint> = {}): MemoryCheckpoint | undefined {
    const label = this.label(done);
    const sampled = done % this.sampleEvery === 0 || label !== undefined;
    if (!sampled) return undefined;
    const bytes = this.read();
    if (bytes !== undefined) {
      this.samples.push([done, bytes]);
      if (done % (this.sampleEvery * 5) === 0 || label !== undefined) this.series.push([done, toMiB(bytes) ?? 0]);
    }
    if (label === undefined) return undefined;
    const readings = this.samples.filter(([at]) => at > done - this.window && at <= done).map(([, value]) => value);
    const checkpoint = { ...this.summarise(label, done, readings, bytes), ...extra };
    this.checkpoints.push(checkpoint);
    return checkpoint;
  }

  private summarise(label: string, after: number, readings: number[], now: number | undefined): MemoryCheckpoint {
    const sorted = [...readings].sort((a, b) => a - b);
    return {
      label,
      after,
      residentMiB: toMiB(now),
      windowMedianMiB: sorted.length === 0 ? undefined : toMiB(percentile(sorted, 0.5)),
      windowMinMiB: toMiB(sorted[0]),
      windowMaxMiB: toMiB(sorted.at(-1)),
    };
  }

  /** The median of every reading after the warm-up, MiB: the steady state, steadier than one window. */
  steadyMedianMiB(): number | undefined {
    const readings = this.samples.filter(([at]) => at > this.warmup).map(([, value]) => value).sort((a, b) => a - b);
    return readings.length === 0 ? undefined : toMiB(percentile(readings, 0.5));
  }

  growthPercent(): number | undefined {
    return growth(
      this.checkpoints.find((checkpoint) => checkpoint.after === this.warmup && checkpoint.label !== 'start'),
      this.checkpoints.at(-1),
    );
  }
}

type ToolCall = [tool: string, args: Record<string, unknown>];

/** The error code of a call that failed: `CODE` of a "CODE: message" answer, `MCP <code>` or the exception's name. */
function failureOf(result: CallToolResult | undefined, thrown: unknown): string | undefined {
  if (thrown !== undefined) {
    const code = (thrown as { code?: unknown }).code;
    return typeof code === 'number' || typeof code === 'string' ? `MCP ${code}` : thrown instanceof Error ? thrown.name : 'EXCEPTION';
  }
  if (result?.isError !== true) return undefined;
  const first = result.content[0];
  return /^([A-Z][A-Z0-9_]+):/.exec(first?.type === 'text' ? first.text : '')?.[1] ?? 'UNKNOWN';
}

async function soakOverStdio(
  name: string,
  server: FleetServer,
  plan: SoakPlan,
  nextCall: (index: number) => ToolCall,
  onResult: (tool: string, result: CallToolResult | undefined) => void,
  simulator?: RunningSimulator,
  log?: (line: string) => void,
): Promise<StdioSoakResult> {
  const recorder = new MemoryRecorder(() => server.residentBytes(), plan.calls, plan.warmupCalls, 10, 'calls');
  await recorder.start();
  const mix: Record<string, number> = {};
  const errorCodes: Record<string, number> = {};
  let errors = 0;
  let durations: number[] = [];
  simulator?.control.resetStats();
  let sinceCheckpoint = 0;
  const started = performance.now();
  for (let index = 0; index < plan.calls; index += 1) {
    const [tool, args] = nextCall(index);
    mix[tool] = (mix[tool] ?? 0) + 1;
    const callStarted = performance.now();
    let result: CallToolResult | undefined;
    let thrown: unknown;
    try {
      result = await server.call(tool, args);
    } catch (error) {
      thrown = error ?? 'thrown';
    }
    durations.push(performance.now() - callStarted);
    sinceCheckpoint += 1;
    const failure = failureOf(result, thrown);
    if (failure === undefined) onResult(tool, result);
    else {
      errors += 1;
      errorCodes[failure] = (errorCodes[failure] ?? 0) + 1;
    }
    const done = index + 1;
    if (recorder.label(done) !== undefined) {
      durations.sort((a, b) => a - b);
      const extra: Partial<MemoryCheckpoint> = { medianMs: Math.round(percentile(durations, 0.5) * 10) / 10 };
      if (simulator !== undefined) {
        extra.coderKiBPerCall = Math.round((simulator.control.stats().bytesSent / 1024 / sinceCheckpoint) * 10) / 10;
        simulator.control.resetStats();
      }
      durations = [];
      sinceCheckpoint = 0;
      const checkpoint = recorder.after(done, extra);
      log?.(`  ${name}: ${checkpoint?.label}: ${checkpoint?.windowMedianMiB} MiB (window median), ${errors} errors so far`);
    } else recorder.after(done);
  }
  const growthPercent = recorder.growthPercent();
  return {
    server: name,
    calls: plan.calls,
    mix,
    errors,
    errorCodes,
    seconds: Math.round((performance.now() - started) / 100) / 10,
    checkpoints: recorder.checkpoints,
    peakResidentMiB: toMiB(server.peakResidentBytes()),
    steadyMedianMiB: recorder.steadyMedianMiB(),
    growthPercent,
    grew: growthPercent !== undefined && growthPercent > plan.tolerancePercent,
    series: recorder.series,
  };
}

/**
 * Fleet over stdio against 100 agents: a cycle of 10 calls, 5 list_agents, 3 show_agent (each running agent in
 * turn), 1 show_agent_task_history (each running agent in turn) and 1 list_agent_roles.
 */
async function soakFleetOverStdio(simulator: RunningSimulator, plan: SoakPlan, log: (line: string) => void): Promise<StdioSoakResult> {
  const server = await startFleetServer({ url: simulator.url, token: simulator.token });
  try {
    let names: string[] = [];
    let shown = 0;
    let histories = 0;
    const cycle = ['list_agents', 'show_agent', 'list_agents', 'show_agent', 'list_agents', 'show_agent_task_history', 'list_agents', 'show_agent', 'list_agents', 'list_agent_roles'];
    const nextCall = (index: number): ToolCall => {
      const tool = cycle[index % cycle.length] ?? 'list_agents';
      if (tool === 'show_agent') return [tool, { agent_name: names[shown++ % Math.max(1, names.length)] ?? '' }];
      if (tool === 'show_agent_task_history') return [tool, { agent_name: names[histories++ % Math.max(1, names.length)] ?? '' }];
      if (tool === 'list_agent_roles') return [tool, { project: 'Claude Code' }];
      return [tool, {}];
    };
    const onResult = (tool: string, result: CallToolResult | undefined) => {
      if (tool !== 'list_agents' || names.length > 0) return;
      // Running agents only: a stopped or failed one answers AGENT_OFFLINE to show_agent_task_history, which is not a failure of the server.
      const structured = result?.structuredContent as { agents?: { name: string; status: string }[] } | undefined;
      names = (structured?.agents ?? []).filter((agent) => agent.status === 'idle' || agent.status === 'busy').map((agent) => agent.name);
    };
    return await soakOverStdio('Fleet', server, plan, nextCall, onResult, simulator, log);
  } finally {
    await server.close();
  }
}

async function soakBareOverStdio(plan: SoakPlan, log: (line: string) => void): Promise<StdioSoakResult> {
  const server = await startStdioServer({ args: [fileURLToPath(new URL('./bare-server.js', import.meta.url))] });
  try {
    return await soakOverStdio('bare MCP SDK server', server, plan, () => ['ping', {}], () => undefined, undefined, log);
  } finally {
    await server.close();
  }
}

interface HttpAnswer {
  status: number;
  sessionId: string | undefined;
  /** The JSON-RPC message answering the request, from a JSON body or an SSE stream. */
  message: { result?: unknown; error?: { code?: number; message?: string } } | undefined;
}

/** One POST to the MCP endpoint on a fresh connection, with `Host: 127.0.0.1:<port>` and no Origin. */
function post(url: URL, headers: Record<string, string>, body: unknown, timeoutMs: number): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const payload = JSON.stringify(body);
    const request = httpRequest(
      url,
      {
        method: 'POST',
        agent: false,
        timeout: timeoutMs,
        headers: {
          Host: url.host,
          'Content-Type': 'application/json',
          Accept: 'application/json, text/event-stream',
          'Content-Length': String(Buffer.byteLength(payload)),
          ...headers,
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const header = response.headers['mcp-session-id'];
          const contentType = response.headers['content-type'] ?? '';
          resolve({
            status: response.statusCode ?? 0,
            sessionId: Array.isArray(header) ? header[0] : header,
            message: parseMessage(text, contentType, (body as { id?: unknown }).id),
          });
        });
      },
    );
    request.on('timeout', () => request.destroy(Object.assign(new Error('timed out'), { code: 'TIMEOUT' })));
    request.on('error', reject);
    request.end(payload);
  });
}

function parseMessage(text: string, contentType: string, id: unknown): HttpAnswer['message'] {
  const candidates = contentType.includes('text/event-stream')
    ? text
        .split('\n')
        .filter((line) => line.startsWith('data:'))
        .map((line) => line.slice(5).trim())
    : [text];
  for (const candidate of candidates) {
    try {
      const parsed = JSON.parse(candidate) as unknown;
      for (const message of Array.isArray(parsed) ? parsed : [parsed]) {
        if (typeof message === 'object' && message !== null && (id === undefined || (message as { id?: unknown }).id === id)) {
          return message as HttpAnswer['message'];
        }
      }
    } catch {
      // Not JSON: no message from this line.
    }
  }
  return undefined;
}

interface HttpServerProcess {
  child: ChildProcess;
  url: URL;
  logLines: () => number;
  logBytes: () => number;
  exited: () => string | undefined;
  stop: () => Promise<void>;
}

/** Fleet with `--http --port 0` (a free port) and a random FLEET_HTTP_TOKEN; the URL is read from its "ready on" log line. */
async function startHttpFleet(simulator: RunningSimulator, token: string): Promise<HttpServerProcess> {
  const child = spawn(process.execPath, [localhostSubdomainsImport(), serverCommandPath(), '--http', '--port', '0'], {
    env: { ...getDefaultEnvironment(), CODER_URL: simulator.url, CODER_SESSION_TOKEN: simulator.token, FLEET_HTTP_TOKEN: token },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let lines = 0;
  let bytes = 0;
  let pending = '';
  let exited: string | undefined;
  const lastLines: string[] = [];
  let onReady: (url: URL) => void = () => undefined;
  const ready = new Promise<URL>((resolve) => {
    onReady = resolve;
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    bytes += chunk.length;
    pending += chunk.toString('utf8');
    const parts = pending.split('\n');
    pending = parts.pop() ?? '';
    for (const line of parts) {
      lines += 1;
      lastLines.push(line);
      if (lastLines.length > 5) lastLines.shift();
      const url = /"url":"(http:[^"]+)"/.exec(line)?.[1];
      if (url !== undefined && line.includes('ready on')) onReady(new URL(url));
    }
  });
  const ended = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exited = signal === null ? `exit code ${code}` : `signal ${signal}`;
      resolve();
    });
  });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timed out after 30 s'>((resolve) => {
    timer = setTimeout(() => resolve('timed out after 30 s'), 30_000);
  });
  const url = await Promise.race([ready, ended.then(() => 'exited' as const), timeout]);
  clearTimeout(timer);
  if (!(url instanceof URL)) {
    child.kill('SIGKILL');
    throw new Error(`Fleet over HTTP did not start (${url === 'exited' ? exited : url}): ${lastLines.join(' | ')}`);
  }
  return {
    child,
    url,
    logLines: () => lines,
    logBytes: () => bytes,
    exited: () => exited,
    stop: async () => {
      if (exited !== undefined) return;
      child.kill('SIGTERM');
      let grace: NodeJS.Timeout | undefined;
      await Promise.race([ended, new Promise((resolve) => (grace = setTimeout(resolve, 5_000)))]);
      clearTimeout(grace);
      if (exited === undefined) {
        child.kill('SIGKILL');
        await ended;
      }
    },
  };
}

/** One session: initialize, notifications/initialized, one list_agents; never DELETE. Returns why it failed, if it did. */
async function abandonedSession(url: URL, token: string, index: number): Promise<{ opened: boolean; failure: string | undefined }> {
  const authorization = { Authorization: `Bearer ${token}` };
  const timeoutMs = 30_000;
  const step = async (stage: string, headers: Record<string, string>, body: unknown): Promise<HttpAnswer | string> => {
    try {
      const answer = await post(url, { ...authorization, ...headers }, body, timeoutMs);
      if (answer.status >= 300) return `${stage}: HTTP ${answer.status}`;
      return answer;
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      return `${stage}: ${typeof code === 'string' ? code : error instanceof Error ? error.message : 'failed'}`;
    }
  };
  const init = await step('initialize', {}, {
    jsonrpc: '2.0',
    id: 1,
    method: 'initialize',
    params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'fleet-bench-soak', version: `${index}` } },
  });
  if (typeof init === 'string') return { opened: false, failure: init };
  if (init.sessionId === undefined) return { opened: false, failure: 'initialize: no Mcp-Session-Id' };
  if (init.message?.error !== undefined) return { opened: false, failure: `initialize: JSON-RPC ${init.message.error.code}` };
  const version = (init.message?.result as { protocolVersion?: string } | undefined)?.protocolVersion ?? '2025-06-18';
  const session = { 'Mcp-Session-Id': init.sessionId, 'Mcp-Protocol-Version': version };
  const initialized = await step('notifications/initialized', session, { jsonrpc: '2.0', method: 'notifications/initialized' });
  if (typeof initialized === 'string') return { opened: true, failure: initialized };
  const call = await step('tools/call', session, { jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'list_agents', arguments: {} } });
  if (typeof call === 'string') return { opened: true, failure: call };
  if (call.message === undefined) return { opened: true, failure: 'tools/call: no answer' };
  if (call.message.error !== undefined) return { opened: true, failure: `tools/call: JSON-RPC ${call.message.error.code}` };
  const result = call.message.result as CallToolResult | undefined;
  const failure = failureOf(result, undefined);
  return { opened: true, failure: failure === undefined ? undefined : `tools/call: ${failure}` };
}

async function soakFleetOverHttp(simulator: RunningSimulator, plan: SoakPlan, log: (line: string) => void): Promise<HttpSoakResult> {
  const token = randomBytes(32).toString('hex');
  const server = await startHttpFleet(simulator, token);
  const pid = server.child.pid ?? null;
  try {
    const recorder = new MemoryRecorder(() => statusBytes(pid, 'VmRSS'), plan.sessions, plan.warmupSessions, 5, 'sessions');
    await recorder.start();
    const errorReasons: Record<string, number> = {};
    let opened = 0;
    let succeeded = 0;
    let errors = 0;
    const started = performance.now();
    for (let index = 0; index < plan.sessions; index += 1) {
      if (server.exited() !== undefined) {
        errors += 1;
        errorReasons['server exited'] = (errorReasons['server exited'] ?? 0) + 1;
        continue;
      }
      const outcome = await abandonedSession(server.url, token, index);
      if (outcome.opened) opened += 1;
      if (outcome.failure === undefined) succeeded += 1;
      else {
        errors += 1;
        errorReasons[outcome.failure] = (errorReasons[outcome.failure] ?? 0) + 1;
      }
      const checkpoint = recorder.after(index + 1);
      if (checkpoint !== undefined) log(`  Fleet over HTTP: ${checkpoint.label}: ${checkpoint.windowMedianMiB} MiB (window median), ${errors} failed sessions so far`);
    }
    const growthPercent = recorder.growthPercent();
    const exited = server.exited();
    return {
      sessions: plan.sessions,
      opened,
      succeeded,
      errors,
      errorReasons,
      seconds: Math.round((performance.now() - started) / 100) / 10,
      checkpoints: recorder.checkpoints,
      peakResidentMiB: toMiB(statusBytes(pid, 'VmHWM')),
      steadyMedianMiB: recorder.steadyMedianMiB(),
      growthPercent,
      grew: growthPercent !== undefined && growthPercent > plan.tolerancePercent,
      logLines: server.logLines(),
      logBytes: server.logBytes(),
      ...(exited === undefined ? {} : { serverExited: exited }),
      series: recorder.series,
    };
  } finally {
    await server.stop();
  }
}

/** The whole soak against one simulator playing `coderVersion` with `agents` agents, 0 ms injected. */
export async function runSoak(plan: SoakPlan, log: (line: string) => void, coderVersion = 'v2.30.0', agents = 100): Promise<SoakResult> {
  const simulator = await startSimulator({ coderVersion, speed: 0.01, seed: 11, world: { agents, longHistoryAgents: 1 } });
  try {
    log(`soak: Fleet over stdio, ${thousands(plan.calls)} calls against ${agents} agents...`);
    const fleet = await soakFleetOverStdio(simulator, plan, log);
    log(`soak: the bare MCP SDK server over stdio, ${thousands(plan.calls)} calls...`);
    const bare = await soakBareOverStdio(plan, log);
    log(`soak: Fleet over HTTP, ${thousands(plan.sessions)} sessions opened and abandoned...`);
    let http: HttpSoakResult | { error: string };
    try {
      http = await soakFleetOverHttp(simulator, plan, log);
    } catch (error) {
      http = { error: error instanceof Error ? error.message : String(error) };
    }
    const ratios = fleet.checkpoints.map((checkpoint, index) => {
      const fleetMiB = checkpoint.windowMedianMiB;
      const bareMiB = bare.checkpoints[index]?.windowMedianMiB;
      return { label: checkpoint.label, ratio: fleetMiB === undefined || bareMiB === undefined || bareMiB === 0 ? undefined : fleetMiB / bareMiB };
    });
    const steadyRatio =
      fleet.steadyMedianMiB === undefined || bare.steadyMedianMiB === undefined || bare.steadyMedianMiB === 0 ? undefined : fleet.steadyMedianMiB / bare.steadyMedianMiB;
    return { plan, coderVersion: simulator.coderVersion, agents, fleet, bare, ratios, steadyRatio, overAim: steadyRatio !== undefined && steadyRatio > plan.ratioAim, http };
  } finally {
    await simulator.close();
  }
}

/** A soak with the run it was measured in: soaks may come from a different run than the tables beside them. */
export interface SoakRun extends SoakResult {
  /** `npm run bench -- --soak` ('full') or `--quick --soak` ('quick'). */
  kind: 'full' | 'quick';
  date: string;
  startedAt: string;
  durationSeconds: number;
  machine: MachineDescription;
  loadAverage: { atStart: number; atEnd: number };
  /** The commit measured, and the paths of the server's packages changed in the working tree (the build measures those too). */
  source: { commit: string | undefined; uncommitted: string[] };
}

/** `git rev-parse` and `git status` of the server and its libraries; unknown outside a git checkout. */
function describeSource(): SoakRun['source'] {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: fileURLToPath(new URL('../../../', import.meta.url)), encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  try {
    const commit = git('rev-parse', '--short', 'HEAD').trim();
    const uncommitted = git('status', '--porcelain', '--', 'packages')
      .split('\n')
      .filter(Boolean)
      .map((line) => line.slice(3));
    return { commit, uncommitted };
  } catch {
    return { commit: undefined, uncommitted: [] };
  }
}

export const QUICK_SOAK: SoakPlan = { ...FULL_SOAK, calls: 1_000, warmupCalls: 200, sessions: 120, warmupSessions: 20 };

/** `runSoak` with the machine, the date, the duration and the load around it. */
export async function runSoakWithMachine(kind: SoakRun['kind'], plan: SoakPlan, log: (line: string) => void): Promise<SoakRun> {
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const loadAtStart = os.loadavg()[0] ?? 0;
  // Before the soak: the build just made is of this commit.
  const source = describeSource();
  const result = await runSoak(plan, log);
  return {
    kind,
    date: startedAt.slice(0, 10),
    startedAt,
    durationSeconds: Math.round((performance.now() - started) / 1000),
    machine: describeMachine(),
    loadAverage: { atStart: loadAtStart, atEnd: os.loadavg()[0] ?? 0 },
    source,
    ...result,
  };
}
