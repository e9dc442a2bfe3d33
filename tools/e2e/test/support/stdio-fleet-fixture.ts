// One simulator and one stdio server for a whole describe block: started before its first test, stopped after its last.
import { startSimulator, type RunningSimulator, type SimulatorOptions } from '@fleet/coder-sim';
import type { FleetSession } from './fleet-session.js';
import { startStdioServer, type StdioServer } from './stdio-server.js';

export interface StdioFleet {
  simulator: RunningSimulator;
  server: StdioServer;
  session: FleetSession;
}

const START_BOUND_MS = 30_000;

/** Call inside a describe block; the returned function gives the running fleet inside its tests. */
export function useStdioFleet(options: SimulatorOptions, serverEnvironment: Record<string, string> = {}, nodeArguments: readonly string[] = []): () => StdioFleet {
  let fleet: StdioFleet | undefined;
  beforeAll(async () => {
    const simulator = await startSimulator(options);
    try {
      const server = await startStdioServer({ url: simulator.url, token: simulator.token }, serverEnvironment, nodeArguments);
      fleet = { simulator, server, session: server.session };
    } catch (error) {
      await simulator.close();
      throw error;
    }
  }, START_BOUND_MS);
  afterAll(async () => {
    await fleet?.server.close();
    await fleet?.simulator.close();
  }, START_BOUND_MS);
  return () => {
    if (fleet === undefined) throw new Error('the fleet did not start: see the beforeAll failure');
    return fleet;
  };
}
