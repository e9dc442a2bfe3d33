// list_agents on each Coder generation the simulator plays: Coder requests, bytes, client-observed latency,
// the same Coder requests replayed with bare fetch in the same run, and the server's peak resident memory.
import { startSimulator } from '@fleet/coder-sim';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { startFleetServer } from './fleet-server.js';
import { percentile } from './statistics.js';

/** One entry of the simulator's request log (`GET /__sim/requests`): path includes the query string. */
export interface LoggedRequest {
  method: string;
  path: string;
}

export interface BareReplay {
  /** The GET requests replayed each iteration, as logged for the last measured call. */
  requests: LoggedRequest[];
  /** Logged requests that were not GETs and so were not replayed (summed over all calls). */
  skippedNonGet: number;
  /** How the replay was issued: see REPLAY_MODE. */
  mode: string;
  medianMs: number;
  p95Ms: number;
  /** Replays in which Coder answered a non-2xx status. */
  failures: number;
}

/** How many list_agents calls to time: up to `maxCalls`, but no more once `budgetMs` is spent and `minCalls` are done. */
export interface CallBudget {
  maxCalls: number;
  minCalls: number;
  budgetMs: number;
}

export interface GenerationListMeasurement {
  coderVersion: string;
  agents: number;
  /** Timed calls (after one untimed warm-up call); fewer than the maximum when calls are slow (see CallBudget). */
  calls: number;
  /** The argument names list_agents declares (it is called with none). */
  listAgentsArguments: string[] | undefined;
  /** Agents the last successful call counted (`total`; the answer itself holds the first page), if any succeeded. */
  agentsReturned: number | undefined;
  /** Coder requests of the warm-up call, which may also fill caches. */
  firstCallRequests: number;
  /** Coder requests of the last timed call: the steady state. */
  requests: number;
  /** Coder requests per timed call, lowest and highest (equal unless the count varies). */
  requestsRange: [number, number];
  /** Response body bytes Coder sent, per timed call (mean). */
  bytesPerCall: number;
  medianMs: number;
  p95Ms: number;
  /** Timed calls that failed, and their distinct error codes. */
  errors: number;
  errorCodes: string[];
  /** Undefined with `bareUnavailable` set when the simulator has no request log. */
  bare: BareReplay | undefined;
  bareUnavailable?: string;
  /** Fleet's median over the bare replay's median; undefined when either is missing or every call failed. */
  ratio: number | undefined;
  /** The server process's VmHWM after the calls: its peak resident memory since it started. */
  peakResidentBytes: number | undefined;
}

/** The error code of a failed call: the "CODE: message" text of an isError result, or what the client threw. */
function errorCodeOf(result: CallToolResult | undefined, thrown: unknown): string | undefined {
  if (thrown !== undefined) {
    const code = (thrown as { code?: unknown }).code;
    return typeof code === 'number' || typeof code === 'string' ? `MCP ${code}` : 'EXCEPTION';
  }
  if (result?.isError !== true) return undefined;
  const first = result.content[0];
  const text = first?.type === 'text' ? first.text : '';
  return /^([A-Z][A-Z0-9_]+):/.exec(text)?.[1] ?? 'UNKNOWN';
}

async function readRequestLog(simulatorUrl: string): Promise<LoggedRequest[] | string> {
  const response = await fetch(`${simulatorUrl}/__sim/requests`);
  if (!response.ok) {
    await response.arrayBuffer();
    return `the simulator answers GET /__sim/requests with ${response.status}: it has no request log`;
  }
  const body = (await response.json()) as unknown;
  if (!Array.isArray(body)) return 'GET /__sim/requests did not answer a JSON array';
  return body.map((entry) => {
    const { method, path } = entry as { method?: unknown; path?: unknown };
    return { method: typeof method === 'string' ? method.toUpperCase() : 'GET', path: typeof path === 'string' ? path : '' };
  });
}

/**
 * Requests in flight at once after the first, in the replay. Fleet reads a paged list as its first page and
 * then the rest 3 at a time (fleet-domain's read-all-pages); the log has no timing, so the replay issues the
 * same pattern: the same URLs, taken in the order logged, the first alone. One or two requests: sequential.
 */
const REPLAY_IN_FLIGHT = 3;
export const REPLAY_MODE = `the first request alone, then the rest in the order logged with up to ${REPLAY_IN_FLIGHT} in flight`;

/** Replays the logged GETs with plain fetch (see REPLAY_MODE); returns the time and whether all answered 2xx. */
async function replay(simulatorUrl: string, token: string, requests: LoggedRequest[]): Promise<{ ms: number; ok: boolean }> {
  let ok = true;
  const get = async (request: LoggedRequest) => {
    const response = await fetch(`${simulatorUrl}${request.path}`, { headers: { 'Coder-Session-Token': token } });
    await response.arrayBuffer();
    ok &&= response.ok;
  };
  const started = performance.now();
  const [first, ...rest] = requests;
  if (first !== undefined) await get(first);
  let next = 0;
  const worker = async () => {
    while (next < rest.length) {
      const request = rest[next++];
      if (request !== undefined) await get(request);
    }
  };
  await Promise.all(Array.from({ length: Math.min(REPLAY_IN_FLIGHT, rest.length) }, worker));
  return { ms: performance.now() - started, ok };
}

/**
 * list_agents (no arguments) up to `budget.maxCalls` times against a fresh simulator playing `coderVersion` with `agents` agents,
 * 0 ms injected. After each call, the Coder requests it made (from the simulator's request log) are replayed
 * with bare fetch, so both are timed in the same run, interleaved.
 */
export async function measureListAgentsOnGeneration(coderVersion: string, agents: number, budget: CallBudget): Promise<GenerationListMeasurement> {
  const simulator = await startSimulator({ coderVersion, speed: 0.01, seed: 11, world: { agents, longHistoryAgents: 1 } });
  const server = await startFleetServer({ url: simulator.url, token: simulator.token });
  const call = async (): Promise<{ result: CallToolResult | undefined; error: string | undefined }> => {
    try {
      const result = await server.call('list_agents', {});
      return { result, error: errorCodeOf(result, undefined) };
    } catch (thrown) {
      return { result: undefined, error: errorCodeOf(undefined, thrown ?? 'thrown') };
    }
  };
  try {
    const listAgentsArguments = await server.toolArguments('list_agents');
    simulator.control.resetStats();
    await call();
    const firstCallRequests = simulator.control.stats().requests;
    let bareUnavailable: string | undefined;
    const warmUpLog = await readRequestLog(simulator.url);
    if (typeof warmUpLog === 'string') bareUnavailable = warmUpLog;
    else await replay(simulator.url, simulator.token, warmUpLog.filter((request) => request.method === 'GET'));

    const durations: number[] = [];
    const bareDurations: number[] = [];
    const counts: number[] = [];
    const errorCodes = new Set<string>();
    let bytes = 0;
    let errors = 0;
    let agentsReturned: number | undefined;
    let skippedNonGet = 0;
    let bareFailures = 0;
    let lastReplayed: LoggedRequest[] = [];
    const measuringStarted = performance.now();
    let calls = 0;
    while (calls < budget.maxCalls && (calls < budget.minCalls || performance.now() - measuringStarted < budget.budgetMs)) {
      calls += 1;
      simulator.control.resetStats();
      const started = performance.now();
      const { result, error } = await call();
      durations.push(performance.now() - started);
      const stats = simulator.control.stats();
      counts.push(stats.requests);
      bytes += stats.bytesSent;
      if (error === undefined) {
        const structured = result?.structuredContent as { total?: number } | undefined;
        agentsReturned = structured?.total;
      } else {
        errors += 1;
        errorCodes.add(error);
      }
      if (bareUnavailable !== undefined) continue;
      const log = await readRequestLog(simulator.url);
      if (typeof log === 'string') {
        bareUnavailable = log;
        continue;
      }
      const gets = log.filter((request) => request.method === 'GET');
      skippedNonGet += log.length - gets.length;
      lastReplayed = gets;
      const bare = await replay(simulator.url, simulator.token, gets);
      bareDurations.push(bare.ms);
      if (!bare.ok) bareFailures += 1;
    }
    const peakResidentBytes = server.peakResidentBytes();
    durations.sort((a, b) => a - b);
    bareDurations.sort((a, b) => a - b);
    const medianMs = percentile(durations, 0.5);
    const bare: BareReplay | undefined =
      bareUnavailable === undefined
        ? {
            requests: lastReplayed,
            skippedNonGet,
            mode: REPLAY_MODE,
            medianMs: percentile(bareDurations, 0.5),
            p95Ms: percentile(bareDurations, 0.95),
            failures: bareFailures,
          }
        : undefined;
    return {
      coderVersion: simulator.coderVersion,
      agents,
      calls,
      listAgentsArguments,
      agentsReturned,
      firstCallRequests,
      requests: counts.at(-1) ?? 0,
      requestsRange: [Math.min(...counts), Math.max(...counts)],
      bytesPerCall: Math.round(bytes / Math.max(1, calls)),
      medianMs,
      p95Ms: percentile(durations, 0.95),
      errors,
      errorCodes: [...errorCodes].sort(),
      bare,
      ...(bareUnavailable === undefined ? {} : { bareUnavailable }),
      ratio: bare !== undefined && bare.medianMs > 0 && errors < calls ? medianMs / bare.medianMs : undefined,
      peakResidentBytes,
    };
  } finally {
    await server.close();
    await simulator.close();
  }
}
