// Runs each tool against a simulated fleet and measures Coder requests, bytes and latency per call.
import { startSimulator } from '@fleet/coder-sim';
import { startFleetServer } from './fleet-server.js';
import { percentile } from './statistics.js';

export interface ToolMeasurement {
  tool: string;
  agents: number;
  latencyMs: number;
  /** Coder requests of the first call, which also fills the cache of immutable template data. */
  firstCallRequests: number;
  /** Coder requests of the last call: the steady state. */
  requests: number;
  bytesPerCall: number;
  medianMs: number;
  p95Ms: number;
  errors: number;
}

export interface ScenarioResult {
  agents: number;
  latencyMs: number;
  startMs: number;
  tools: ToolMeasurement[];
}

type ToolCall = [tool: string, args: Record<string, unknown>];

/** One fleet size at one injected latency: every tool `repetitions` times, against a fresh simulator and server. */
export async function measureScenario(agents: number, latencyMs: number, repetitions: number, coderVersion = 'v2.30.0'): Promise<ScenarioResult> {
  const simulator = await startSimulator({ coderVersion, speed: 0.01, seed: 11, world: { agents, longHistoryAgents: 1 } });
  const server = await startFleetServer({ url: simulator.url, token: simulator.token });
  try {
    const listed = (await server.call('list_agents', {})).structuredContent as { agents?: { name: string; status: string }[] } | undefined;
    const listedAgents = listed?.agents ?? [];
    const idle = listedAgents.filter((agent) => agent.status === 'idle').map((agent) => agent.name);
    const busy = listedAgents.find((agent) => agent.status === 'busy')?.name ?? '';
    /** Small fleets may have a single idle agent: the prompt then goes to the worker (after the read-only tools), the restart to any agent that is not busy. */
    const [worker = '', prompted = worker] = idle;
    const restarted = idle[2] ?? listedAgents.find((agent) => agent.status !== 'busy' && agent.name !== worker && agent.name !== prompted)?.name ?? '';
    simulator.control.setLatency(latencyMs);

    let created = 0;
    const plan: ToolCall[] = [
      ['list_agents', {}],
      ['show_agent', { agent_name: worker }],
      ['show_agent_task_history', { agent_name: worker, page: 2, page_size: 20 }],
      ['show_agent_log', { agent_name: worker, page_size: 5 }],
      ['list_agent_projects', {}],
      ['list_agent_roles', { project: 'Claude Code' }],
      ['create_agent', { name: '', project: 'Claude Code', task: 'Benchmark me' }],
      ['delete_agent', { agent_name: '' }],
      ['start_agent_task', { agent_name: prompted, task: 'Benchmark this prompt' }],
      ['restart_agent', { agent_name: restarted }],
      ['cancel_agent_task', { agent_name: busy }],
    ];
    /** Tools that change an agent's state run once: a second call would meet the state the first one left. */
    const once = new Set(['start_agent_task', 'restart_agent', 'cancel_agent_task']);
    const createdNames: string[] = [];
    const tools: ToolMeasurement[] = [];
    /** create_agent makes a new agent each time; delete_agent deletes those, one each time. */
    const argumentsFor = (tool: string, args: Record<string, unknown>, index: number): Record<string, unknown> => {
      if (tool === 'create_agent') {
        const name = `bench-${agents}-${latencyMs}-${(created += 1)}`;
        createdNames.push(name);
        return { ...args, name };
      }
      if (tool === 'delete_agent') return { agent_name: createdNames[index] ?? '' };
      return args;
    };
    for (const [tool, args] of plan) {
      const durations: number[] = [];
      const counts: number[] = [];
      let bytes = 0;
      let errors = 0;
      const times = once.has(tool) ? 1 : repetitions;
      for (let index = 0; index < times; index += 1) {
        const callArgs = argumentsFor(tool, args, index);
        simulator.control.resetStats();
        const started = performance.now();
        /** A call the client rejects (e.g. an answer that does not match the output schema) counts as an error. */
        const failed = await server.call(tool, callArgs).then(
          (result) => result.isError === true,
          () => true,
        );
        durations.push(performance.now() - started);
        const stats = simulator.control.stats();
        counts.push(stats.requests);
        bytes += stats.bytesSent;
        if (failed) errors += 1;
      }
      durations.sort((a, b) => a - b);
      tools.push({
        tool,
        agents,
        latencyMs,
        firstCallRequests: counts[0] ?? 0,
        requests: counts.at(-1) ?? 0,
        bytesPerCall: Math.round(bytes / times),
        medianMs: percentile(durations, 0.5),
        p95Ms: percentile(durations, 0.95),
        errors,
      });
    }
    return { agents, latencyMs, startMs: server.startMs, tools };
  } finally {
    await server.close();
    await simulator.close();
  }
}

/** The server's resident memory after `calls` read-only calls against a fleet of `agents`. */
export async function measureMemory(
  agents: number,
  calls: number,
  coderVersion = 'v2.30.0',
): Promise<{ calls: number; residentBytes: number | undefined }> {
  const simulator = await startSimulator({ coderVersion, speed: 0.01, seed: 11, world: { agents, longHistoryAgents: 1 } });
  const server = await startFleetServer({ url: simulator.url, token: simulator.token });
  try {
    const listed = (await server.call('list_agents', {})).structuredContent as { agents?: { name: string }[] } | undefined;
    const names = (listed?.agents ?? []).map((agent) => agent.name);
    const plan: ToolCall[] = [
      ['list_agents', {}],
      ['show_agent', { agent_name: names[0] ?? '' }],
      ['show_agent_task_history', { agent_name: names[0] ?? '' }],
      ['list_agent_roles', { project: 'Claude Code' }],
    ];
    for (let index = 0; index < calls; index += 1) {
      const [tool, args] = plan[index % plan.length] ?? ['list_agents', {}];
      await server.call(tool, args);
    }
    return { calls, residentBytes: server.residentBytes() };
  } finally {
    await server.close();
    await simulator.close();
  }
}
