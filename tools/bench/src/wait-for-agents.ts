// wait_for_agents over 10, 100 and 1,000 agents: Coder requests per look at the fleet, and how long after an agent
// finished the call returned, timed against the simulator's own AgentAPI state (read in-process, costing no request).
import { startSimulator, type RunningSimulator } from '@fleet/coder-sim';
import { startFleetServer, type FleetServer } from './fleet-server.js';
import { percentile } from './statistics.js';

export interface WaitMeasurement {
  coderVersion: string;
  agents: number;
  trials: number;
  /** Coder requests of one wait_for_agents call, per look at the fleet (the first listing and each poll). */
  requestsPerLook: number;
  /** Of those, the listing's share (the rest ask AgentAPI about agents whose state moved). */
  listRequestsPerLook: number;
  /** From the agent's AgentAPI turning stable to the call's answer. */
  delayMedianMs: number;
  delayP95Ms: number;
  /** The pause between the last two looks, as the answers state it (median). */
  pollIntervalMedianMs: number;
  failures: string[];
}

/** Fast enough for a benchmark, slow enough that a task lasts about 1.5 to 3 s. */
const SPEED = 0.5;
const OBSERVER_INTERVAL_MS = 2;
const LIST_PATHS = /^\/api\/(v2|experimental)\/(tasks|workspaces)\?/;

export async function measureWaitForAgents(coderVersion: string, agents: number, trials: number): Promise<WaitMeasurement> {
  const simulator = await startSimulator({ coderVersion, speed: SPEED, seed: 17, world: { agents, longHistoryAgents: 0 } });
  const server = await startFleetServer({ url: simulator.url, token: simulator.token });
  const delays: number[] = [];
  const intervals: number[] = [];
  let requests = 0;
  let listRequests = 0;
  let looks = 0;
  const failures: string[] = [];
  try {
    const idle = await idleAgents(simulator, server, trials);
    // A small fleet has fewer idle agents than trials: each is idle again after its trial.
    for (const name of Array.from({ length: trials }, (_, index) => idle[index % idle.length] ?? '')) {
      const started = await server.call('start_agent_task', { agent_name: name, task: 'Benchmark: tidy the changelog.' });
      if (started.isError === true) {
        failures.push(`start_agent_task ${name}: ${textOf(started)}`);
        continue;
      }
      simulator.control.resetStats();
      const finished = watchUntilStable(simulator, name);
      const answer = await server.call('wait_for_agents', { agent_names: [name], timeout_seconds: 120 });
      const returnedAt = performance.now();
      const finishedAt = await finished;
      const structured = answer.structuredContent as { condition_met?: boolean; polls?: number; poll_interval_seconds?: number } | undefined;
      if (answer.isError === true || structured?.condition_met !== true) {
        failures.push(`wait_for_agents ${name}: ${textOf(answer)}`);
        continue;
      }
      const logged = simulator.control.requests();
      requests += logged.length;
      listRequests += logged.filter((request) => LIST_PATHS.test(request.path)).length;
      looks += (structured.polls ?? 0) + 1;
      delays.push(returnedAt - finishedAt);
      intervals.push((structured.poll_interval_seconds ?? 0) * 1000);
    }
  } finally {
    await server.close();
    await simulator.close();
  }
  const sorted = [...delays].sort((a, b) => a - b);
  return {
    coderVersion,
    agents,
    trials: delays.length,
    requestsPerLook: looks === 0 ? 0 : requests / looks,
    listRequestsPerLook: looks === 0 ? 0 : listRequests / looks,
    delayMedianMs: percentile(sorted, 0.5),
    delayP95Ms: percentile(sorted, 0.95),
    pollIntervalMedianMs: percentile([...intervals].sort((a, b) => a - b), 0.5),
    failures,
  };
}

/** Up to `count` agents AgentAPI calls stable, found through the fleet's own list (a page of 100) and the simulator's state. */
async function idleAgents(simulator: RunningSimulator, server: FleetServer, count: number): Promise<string[]> {
  const listed = await server.call('list_agents', { status: 'idle', page_size: 100, compact: true });
  const names = ((listed.structuredContent as { agents?: Array<{ name: string }> } | undefined)?.agents ?? []).map((agent) => agent.name);
  const idle = names.filter((name) => simulator.control.agentApi(name)?.status === 'stable').slice(0, count);
  if (idle.length === 0) throw new Error('no idle agent to give a task to');
  return idle;
}

/** Resolves with the moment the agent's AgentAPI turned stable, watched in-process every 2 ms. */
function watchUntilStable(simulator: RunningSimulator, name: string): Promise<number> {
  return new Promise((resolve) => {
    const timer = setInterval(() => {
      if (simulator.control.agentApi(name)?.status === 'stable') {
        clearInterval(timer);
        resolve(performance.now());
      }
    }, OBSERVER_INTERVAL_MS);
  });
}

function textOf(result: { content: Array<{ type: string; text?: string }> }): string {
  return result.content.map((block) => block.text ?? '').join(' ').slice(0, 300);
}

export function waitTable(rows: readonly WaitMeasurement[]): string {
  const lines = [
    '| Coder | agents | trials | Coder requests per look (listing) | finish → answer, median / p95 | poll pause, median |',
    '|---|---:|---:|---:|---:|---:|',
    ...rows.map(
      (row) =>
        `| ${row.coderVersion} | ${row.agents.toLocaleString('en')} | ${row.trials} | ${row.requestsPerLook.toFixed(1)} (${row.listRequestsPerLook.toFixed(1)}) | ${row.delayMedianMs.toFixed(0)} / ${row.delayP95Ms.toFixed(0)} ms | ${(row.pollIntervalMedianMs / 1000).toFixed(1)} s |`,
    ),
  ];
  const failures = rows.flatMap((row) => row.failures.map((failure) => `- ${row.coderVersion}, ${row.agents} agents: ${failure}`));
  return [...lines, ...(failures.length === 0 ? [] : ['', 'Failures:', ...failures])].join('\n');
}
