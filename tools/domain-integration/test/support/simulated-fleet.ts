// Starts the in-process Coder simulator with a fleet built on it, and reads what the fleet asked of it.
import { startSimulator, type RunningSimulator } from '@fleet/coder-sim';
import { pollUntil } from '@fleet/tool-support';
import { createFleet, type Fleet } from '@fleet/fleet-domain';

export interface SimulatedFleet {
  simulator: RunningSimulator;
  fleet: Fleet;
  close(): Promise<void>;
}

export async function startSimulatedFleet(options: { coderVersion: string; agents: number; speed: number }): Promise<SimulatedFleet> {
  const simulator = await startSimulator({
    coderVersion: options.coderVersion,
    speed: options.speed,
    seed: 7,
    world: { agents: options.agents, longHistoryAgents: 1 },
  });
  const fleet = createFleet({ url: simulator.url, token: simulator.token });
  return { simulator, fleet, close: () => simulator.close() };
}

/** The Coder requests one operation made, per route key, as the simulator counted them. */
export async function requestsOf(simulator: RunningSimulator, operation: () => Promise<unknown>): Promise<Record<string, number>> {
  simulator.control.resetStats();
  await operation();
  return { ...simulator.control.stats().byRoute };
}

/**
 * Polls `condition` every `intervalMs` until it holds; fails after `timeoutMs`. For states the
 * simulator reaches on its own clock (a build finishing, an agent answering).
 */
export async function eventually<Value>(
  read: () => Promise<Value>,
  condition: (value: Value) => boolean,
  options: { timeoutMs?: number; intervalMs?: number; what: string },
): Promise<Value> {
  let last: Value | undefined;
  const found = await pollUntil(
    async () => {
      last = await read();
      return condition(last) ? { value: last } : undefined;
    },
    { description: options.what, timeoutMs: options.timeoutMs ?? 10_000, intervalMs: options.intervalMs ?? 25 },
  ).catch((error: unknown) => {
    throw new Error(`${error instanceof Error ? error.message : String(error)}; last seen: ${JSON.stringify(last)}`);
  });
  return found.value;
}

/** What an operation rejected with, or fails the test when it resolved. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('Expected the operation to fail');
    },
    (reason: unknown) => reason,
  );
}
