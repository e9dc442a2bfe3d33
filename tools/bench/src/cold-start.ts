// `npm run bench -- --cold-start`: time from spawning an MCP server to its answered `initialize`, three ways side by
// side in one run: Fleet's built bin under node, Fleet through `npx` from a local registry (already installed, as on
// a user's second start), and a bare server on the same SDK. Fleet's own share is Fleet minus the bare server.
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { startSimulator } from '@fleet/coder-sim';
import { NPX_SERVER_COMMAND, publishWorkspacePackages, startLocalRegistry } from '@fleet/local-registry';
import { serverCommandPath } from '@fleet/tool-support';
import { startStdioServer } from './fleet-server.js';
import { describeMachine } from './machine.js';
import { machineLine } from './report.js';
import { percentile } from './statistics.js';

interface Way {
  name: string;
  command?: string;
  args: string[];
  env: Record<string, string>;
  cwd?: string;
}

interface WayResult {
  name: string;
  samplesMs: number[];
  medianMs: number;
  minMs: number;
  maxMs: number;
}

async function startupMs(way: Way): Promise<number> {
  const server = await startStdioServer(way);
  await server.close();
  return server.startMs;
}

function summarise(name: string, samples: number[]): WayResult {
  const sorted = [...samples].sort((a, b) => a - b);
  return { name, samplesMs: samples, medianMs: percentile(sorted, 0.5), minMs: sorted[0] ?? 0, maxMs: sorted.at(-1) ?? 0 };
}

/** Writes `<name>.json` and `<name>.md` into `resultsDirectory`. */
export async function runColdStart(runs: number, resultsDirectory: string, name: string, log: (line: string) => void): Promise<void> {
  const runStarted = performance.now();
  const loadAtStart = os.loadavg()[0] ?? 0;
  const simulator = await startSimulator({ speed: 0.01, world: { agents: 10 } });
  log('starting a local registry and publishing the packages to it (nx release publish)...');
  const registry = await startLocalRegistry();
  try {
    await publishWorkspacePackages(registry);
    const coder = { CODER_URL: simulator.url, CODER_SESSION_TOKEN: simulator.token };
    const npxFolder = registry.workFolder('npx-user');
    const npxEnvironment = registry.environment(coder) as Record<string, string>;
    const ways: Way[] = [
      { name: 'node dist/cli.js', args: [serverCommandPath()], env: coder },
      { name: 'npx -y @fleet/mcp-server (installed)', command: NPX_SERVER_COMMAND.command, args: [...NPX_SERVER_COMMAND.args], env: npxEnvironment, cwd: npxFolder },
      { name: 'bare SDK server (bare-server.ts)', args: [fileURLToPath(new URL('./bare-server.js', import.meta.url))], env: {} },
    ];
    log('installing the server through npx once (not timed)...');
    await startupMs(ways[1] as Way);
    const samples = new Map<string, number[]>(ways.map((way) => [way.name, []]));
    // One warm-up round (the page cache), then rounds in turn, so that a load spike spreads over all three ways.
    for (let round = 0; round <= runs; round += 1) {
      for (const way of ways) {
        const ms = await startupMs(way);
        if (round > 0) samples.get(way.name)?.push(ms);
      }
      if (round > 0) log(`round ${round}/${runs} done`);
    }
    const results = ways.map((way) => summarise(way.name, samples.get(way.name) ?? []));
    const [fleet, npx, bare] = results as [WayResult, WayResult, WayResult];
    const report = {
      date: new Date().toISOString().slice(0, 10),
      durationSeconds: Math.round((performance.now() - runStarted) / 1000),
      machine: describeMachine(),
      loadAverage: { atStart: loadAtStart, atEnd: os.loadavg()[0] ?? 0 },
      runs,
      results,
      fleetShareMs: fleet.medianMs - bare.medianMs,
      npxShareMs: npx.medianMs - fleet.medianMs,
    };
    const rows = results.map((result) => `| ${result.name} | ${result.medianMs.toFixed(0)} ms | ${result.minMs.toFixed(0)}–${result.maxMs.toFixed(0)} ms |`);
    const markdown = [
      `## Cold start to \`initialize\``,
      '',
      machineLine(report, 'the cold-start run'),
      '',
      `Spawn to an answered \`initialize\`, ${runs} runs each, taken in turn; against the simulator (Fleet checks its token at start).`,
      '',
      '| way | median | min–max |',
      '|---|---:|---:|',
      ...rows,
      '',
      `Fleet's own share (node dist/cli.js minus the bare server): ${report.fleetShareMs.toFixed(0)} ms. npx's share (npx minus node dist/cli.js): ${report.npxShareMs.toFixed(0)} ms.`,
    ].join('\n');
    writeFileSync(`${resultsDirectory}${name}.json`, `${JSON.stringify(report, null, 2)}\n`);
    writeFileSync(`${resultsDirectory}${name}.md`, `${markdown}\n`);
    process.stdout.write(`${markdown}\n\nWritten: tools/bench/results/${name}.json and .md\n`);
  } finally {
    await registry.close();
    await simulator.close();
  }
}
