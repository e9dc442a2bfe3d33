// Starts the simulator: builds the world for a seed, binds the routes and listens on 127.0.0.1.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEFAULT_CODER_VERSION, resolveCoderGeneration } from './coder-generation.js';
import { bindRoutes, coderRoutesFor } from './coder-routes.js';
import { FaultInjector } from './http/fault-injector.js';
import { SessionTokens } from './http/session-authentication.js';
import { SimulatorStatistics } from './http/simulator-statistics.js';
import { createSimulatorRequestListener } from './http/simulator-server.js';
import { BuildLifecycle } from './lifecycle/build-lifecycle.js';
import { OAuth2Grants } from './world/oauth2-grants.js';
import { SimulatedClock } from './simulated-clock.js';
import { SIMULATOR_HEADER_VALUE } from './simulator-identity.js';
import type { RunningSimulator, SimulatorControl, SimulatorOptions } from './simulator-types.js';
import { MAIN_USERNAME, seedStandardWorld } from './world/standard-world.js';
import { WorldStore } from './world/world-store.js';

const HOST = '127.0.0.1';
/** AgentAPI's prompt POST at speed 1: a small part of the real 1–30 s, so demos feel it and tests stay fast. */
export const DEFAULT_PROMPT_POST_MS = 1_500;

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
  const tokens = new SessionTokens();
  const token = tokens.issue(mainUser, options.token);
  const userTokens: Record<string, string> = { [mainUser.username]: token };
  for (const username of options.world?.members ?? []) {
    const member = world.users.find((user) => user.username === username);
    if (member) {
      userTokens[username] = tokens.issue(member);
    }
  }
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
    requests: () => statistics.requestLog(),
    issueToken: (username) => {
      const user = world.users.find((candidate) => candidate.username === username);
      if (!user) {
        throw new Error(`No user "${username}" in the simulated world.`);
      }
      return tokens.issue(user);
    },
    revokeToken: (revoked) => tokens.revoke(revoked),
    agentApi: (workspaceName, ownerName = mainUser.username) => {
      const owner = world.users.find((user) => user.username === ownerName);
      const workspace = owner && world.findWorkspaceByOwnerAndName(owner.id, workspaceName);
      const conversation = workspace?.conversation;
      if (!workspace || !conversation) {
        return undefined;
      }
      return { workspace: workspace.name, status: conversation.status, exited: conversation.exited, ...conversation.rawInput };
    },
  };
  const appHostSuffix = (): string => (port === 0 ? '' : `apps.localhost:${port}`);
  let port = 0;
  const routes = bindRoutes(coderRoutesFor(generation, { oauth2Provider: options.oauth2Provider === true }), {
    world,
    lifecycle: new BuildLifecycle(world),
    baseUrl: () => baseUrl,
    appHostSuffix,
    disablePathApps: options.disablePathApps === true,
    promptPostMs: Math.max(0, options.promptPostMs ?? DEFAULT_PROMPT_POST_MS),
    tokens,
    oauth2: new OAuth2Grants(),
  });
  const server = createServer(
    createSimulatorRequestListener({
      routes,
      tokens,
      mainUser,
      commonHeaders: { 'X-Coder-Simulator': SIMULATOR_HEADER_VALUE, 'X-Coder-Build-Version': generation.buildVersion },
      statistics,
      faults,
      latencyMs: () => latencyMs,
      control,
      appHostSuffix,
    }),
  );
  server.keepAliveTimeout = 5_000;
  port = await listen(server, options.port ?? 0);
  baseUrl = `http://${HOST}:${port}`;
  return {
    url: baseUrl,
    token,
    tokens: userTokens,
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
