// Starts the simulator: builds the world for a seed, binds the routes and listens on 127.0.0.1.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEFAULT_CODER_VERSION, resolveCoderGeneration } from './coder-generation.js';
import { bindRoutes, coderRoutesFor } from './coder-routes.js';
import { FaultInjector } from './http/fault-injector.js';
import { generateSessionToken } from './http/session-authentication.js';
import { SimulatorStatistics } from './http/simulator-statistics.js';
import { createSimulatorRequestListener } from './http/simulator-server.js';
import { BuildLifecycle } from './lifecycle/build-lifecycle.js';
import { SimulatedClock } from './simulated-clock.js';
import { SIMULATOR_HEADER_VALUE } from './simulator-identity.js';
import type { RunningSimulator, SimulatorControl, SimulatorOptions } from './simulator-types.js';
import { MAIN_USERNAME, seedStandardWorld } from './world/standard-world.js';
import { WorldStore } from './world/world-store.js';

const HOST = '127.0.0.1';

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, HOST, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const generation = resolveCoderGeneration(options.coderVersion ?? DEFAULT_CODER_VERSION);
  const clock = new SimulatedClock(options.speed ?? 1);
  const world = new WorldStore(options.seed ?? 1, clock, generation);
  seedStandardWorld(world, options.world);
  const mainUser = world.users.find((user) => user.username === MAIN_USERNAME);
  if (!mainUser) {
    throw new Error('The standard world has no main user.');
  }
  const token = options.token ?? generateSessionToken();
  const statistics = new SimulatorStatistics();
  const faults = new FaultInjector();
  let latencyMs = Math.max(0, options.latencyMs ?? 0);
  let baseUrl = '';
  const control: SimulatorControl = {
    setFaults: (rules) => faults.setRules(rules),
    clearFaults: () => faults.clear(),
    setLatency: (milliseconds) => {
      latencyMs = Math.max(0, milliseconds);
    },
    stats: () => statistics.snapshot(),
    resetStats: () => statistics.reset(),
  };
  const routes = bindRoutes(coderRoutesFor(generation), {
    world,
    lifecycle: new BuildLifecycle(world),
    baseUrl: () => baseUrl,
  });
  const server = createServer(
    createSimulatorRequestListener({
      routes,
      token,
      mainUser,
      commonHeaders: { 'X-Coder-Simulator': SIMULATOR_HEADER_VALUE, 'X-Coder-Build-Version': generation.buildVersion },
      statistics,
      faults,
      latencyMs: () => latencyMs,
      control,
    }),
  );
  server.keepAliveTimeout = 5_000;
  const port = await listen(server, options.port ?? 0);
  baseUrl = `http://${HOST}:${port}`;
  return {
    url: baseUrl,
    token,
    coderVersion: generation.version,
    control,
    close: () =>
      new Promise<void>((resolve, reject) => {
        clock.dispose();
        world.dispose();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
