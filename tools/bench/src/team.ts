// A team on one HTTP endpoint: 100 clients of 10 users calling at once, in token mode (--auth coder) and, for comparison,
// in single-user mode (the shared FLEET_HTTP_TOKEN, one Coder user): calls per second, latency, Coder requests per call.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { getDefaultEnvironment } from '@modelcontextprotocol/sdk/client/stdio.js';
import { startSimulator, type RunningSimulator } from '@fleet/coder-sim';
import { localhostSubdomainsImport, serverCommandPath } from '@fleet/tool-support';
import { describeMachine, type MachineDescription } from './machine.js';
import { percentile } from './statistics.js';

export type TeamMode = 'single-user' | 'token';

export interface TeamShape {
  users: number;
  clientsPerUser: number;
  /** Calls each client makes after its first, one after another (list_agents and show_agent in turn). */
  callsPerClient: number;
  stateless: boolean;
}

export interface TeamMeasurement {
  mode: TeamMode;
  stateless: boolean;
  users: number;
  clients: number;
  /** The first call of every client: each identity's fleet learns Coder's version and template versions then. */
  firstRound: { calls: number; coderRequests: number };
  steady: {
    calls: number;
    errors: number;
    seconds: number;
    callsPerSecond: number;
    medianMs: number;
    p95Ms: number;
    coderRequests: number;
    /** `GET /api/v2/users/me` among them: the identity check, which must not come with every call. */
    identityChecks: number;
  };
}

export interface TeamRun {
  date: string;
  machine: MachineDescription;
  loadAverage: { atStart: number; atEnd: number };
  coderVersion: string;
  shape: TeamShape;
  results: TeamMeasurement[];
}

export const TEAM_SHAPE: TeamShape = { users: 10, clientsPerUser: 10, callsPerClient: 10, stateless: false };
const CODER_VERSION = 'v2.30.0';
const USERS_ME_ROUTE = 'GET /api/v2/users/{user}';

interface RunningServer {
  endpoint: string;
  stop(): Promise<void>;
}

async function startHttpServer(args: string[], env: Record<string, string>): Promise<RunningServer> {
  const child = spawn(process.execPath, [localhostSubdomainsImport(), serverCommandPath(), '--http', '--port', '0', ...args], {
    env: { ...getDefaultEnvironment(), ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // With an operator token the server checks it against Coder while it already listens: the check's requests must not count.
  const awaitsCoderCheck = env['CODER_SESSION_TOKEN'] !== undefined;
  // With --port 0 the start-up line is the only way to learn the port.
  const endpoint = await new Promise<string>((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`the server did not start within 10 s: ${seen}`)), 10_000);
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      seen += chunk;
      const url = /"transport":"http","url":"([^"]+)"/.exec(seen)?.[1];
      if (url !== undefined && (!awaitsCoderCheck || seen.includes('"coder_check":'))) {
        clearTimeout(timer);
        resolve(url);
      }
    });
    child.once('exit', () => reject(new Error(`the server exited: ${seen}`)));
  });
  return {
    endpoint,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

async function connect(endpoint: string, bearer: string): Promise<Client> {
  const client = new Client({ name: 'fleet-bench-team', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(new URL(endpoint), { requestInit: { headers: { Authorization: `Bearer ${bearer}` } } }));
  return client;
}

function memberNames(count: number): string[] {
  return Array.from({ length: count }, (_, index) => `user-${String(index + 1).padStart(2, '0')}`);
}

/** One mode: a fresh simulator and server, every client connected, one first round, then the measured calls. */
export async function measureTeam(mode: TeamMode, shape: TeamShape): Promise<TeamMeasurement> {
  const members = memberNames(shape.users);
  const simulator: RunningSimulator = await startSimulator({ coderVersion: CODER_VERSION, speed: 0.01, seed: 13, world: { agents: 2, members, agentsPerMember: 2 } });
  const httpToken = randomBytes(32).toString('hex');
  const statelessFlag = shape.stateless ? ['--stateless'] : [];
  // Single-user mode acts as one member for everyone, so that both modes list fleets of the same size.
  const server =
    mode === 'token'
      ? await startHttpServer(['--auth', 'coder', ...statelessFlag], { CODER_URL: simulator.url })
      : await startHttpServer(statelessFlag, { CODER_URL: simulator.url, CODER_SESSION_TOKEN: simulator.tokens[members[0] ?? ''] ?? '', FLEET_HTTP_TOKEN: httpToken });
  const clients: Array<{ client: Client; agent: string }> = [];
  try {
    for (const member of members) {
      const bearer = mode === 'token' ? (simulator.tokens[member] ?? '') : httpToken;
      for (let index = 0; index < shape.clientsPerUser; index += 1) clients.push({ client: await connect(server.endpoint, bearer), agent: '' });
    }

    simulator.control.resetStats();
    await Promise.all(
      clients.map(async (entry) => {
        const listed = (await entry.client.callTool({ name: 'list_agents', arguments: {} })).structuredContent as { agents?: { name: string }[] } | undefined;
        entry.agent = listed?.agents?.[0]?.name ?? '';
      }),
    );
    const firstRound = { calls: clients.length, coderRequests: simulator.control.stats().requests };

    simulator.control.resetStats();
    const latencies: number[] = [];
    let errors = 0;
    const started = performance.now();
    await Promise.all(
      clients.map(async ({ client, agent }) => {
        for (let call = 0; call < shape.callsPerClient; call += 1) {
          const [name, args] = call % 2 === 0 ? ['list_agents', {}] : ['show_agent', { agent_name: agent }];
          const callStarted = performance.now();
          const result = await client.callTool({ name, arguments: args });
          latencies.push(performance.now() - callStarted);
          if (result.isError === true) errors += 1;
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const stats = simulator.control.stats();
    latencies.sort((left, right) => left - right);
    return {
      mode,
      stateless: shape.stateless,
      users: shape.users,
      clients: clients.length,
      firstRound,
      steady: {
        calls: latencies.length,
        errors,
        seconds: Math.round(seconds * 100) / 100,
        callsPerSecond: Math.round(latencies.length / seconds),
        medianMs: Math.round(percentile(latencies, 0.5)),
        p95Ms: Math.round(percentile(latencies, 0.95)),
        coderRequests: stats.requests,
        identityChecks: stats.byRoute[USERS_ME_ROUTE] ?? 0,
      },
    };
  } finally {
    await Promise.allSettled(clients.map(({ client }) => client.close()));
    await server.stop();
    await simulator.close();
  }
}

export async function runTeam(shape: TeamShape, log: (line: string) => void): Promise<TeamRun> {
  const loadAtStart = os.loadavg()[0] ?? 0;
  const results: TeamMeasurement[] = [];
  for (const mode of ['single-user', 'token'] as const) {
    log(`measuring ${shape.users * shape.clientsPerUser} clients of ${shape.users} users in ${mode} mode...`);
    results.push(await measureTeam(mode, shape));
  }
  return {
    date: new Date().toISOString().slice(0, 10),
    machine: describeMachine(),
    loadAverage: { atStart: loadAtStart, atEnd: os.loadavg()[0] ?? 0 },
    coderVersion: CODER_VERSION,
    shape,
    results,
  };
}

export function teamMarkdown(run: TeamRun): string {
  const { machine } = run;
  const rows = run.results.map((result) => {
    const perCall = (requests: number, calls: number) => (calls === 0 ? '–' : (requests / calls).toFixed(2));
    return `| ${result.mode === 'token' ? 'token (`--auth coder`)' : 'single-user (`FLEET_HTTP_TOKEN`)'} | ${result.clients} of ${result.users} | ${perCall(result.firstRound.coderRequests, result.firstRound.calls)} | ${result.steady.calls} | ${result.steady.errors} | ${result.steady.callsPerSecond} | ${result.steady.medianMs} | ${result.steady.p95Ms} | ${perCall(result.steady.coderRequests, result.steady.calls)} | ${result.steady.identityChecks} |`;
  });
  return [
    `# A team on one endpoint (${run.date})`,
    '',
    `${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, Node ${machine.node.replace(/^v/, '')}, ${machine.platform}; load average ${run.loadAverage.atStart.toFixed(1)} at start, ${run.loadAverage.atEnd.toFixed(1)} at end. Simulated Coder ${run.coderVersion}, 0 ms injected latency; each user has 2 agents. ${run.shape.stateless ? 'Stateless' : 'Sessions'}; each client calls list_agents and show_agent in turn, ${run.shape.callsPerClient} calls after its first, all clients at once.`,
    '',
    '| mode | clients of users | Coder requests per first call | measured calls | errors | calls/s | median ms | p95 ms | Coder requests per call | `users/me` during them |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows,
  ].join('\n');
}
