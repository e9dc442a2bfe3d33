// `npm run bench -- --cold-start`: time from spawning an MCP server to its answered `initialize`, four ways side by
// side in one run: Fleet's bin under node, Fleet through `npx` from a local registry (already installed, as on a
// user's second start), and a bare server on the same SDK, as tsc leaves it and bundled as Fleet's bin is. Fleet's own
// share is Fleet minus the bare server; since Fleet's bin is bundled, its share against the bundled bare server is given too.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type BuildOptions } from 'esbuild';
import { startSimulator } from '@fleet/coder-sim';
import { installServerThroughNpx, NPX_SERVER_COMMAND, publishWorkspacePackages, startLocalRegistry } from '@fleet/local-registry';
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

/** The bare server bundled with the options Fleet's bin is bundled with (packages/mcp-server/scripts/bin-bundle-options.json). */
async function bundleBareServer(folder: string): Promise<string> {
  const serverManifest = createRequire(import.meta.url).resolve('@fleet/mcp-server/package.json');
  const binOptions = JSON.parse(readFileSync(join(dirname(serverManifest), 'scripts/bin-bundle-options.json'), 'utf8')) as BuildOptions;
  const outfile = join(folder, 'bare-server.bundled.mjs');
  await build({ ...binOptions, entryPoints: [fileURLToPath(new URL('./bare-server.js', import.meta.url))], outfile, logLevel: 'warning' });
  return outfile;
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
    const bundledBareServer = await bundleBareServer(registry.workFolder('bare-server'));
    const ways: Way[] = [
      { name: 'node dist/fleet-mcp-server.js (the bin)', args: [serverCommandPath()], env: coder },
      { name: 'npx -y @fleet/mcp-server (installed)', command: NPX_SERVER_COMMAND.command, args: [...NPX_SERVER_COMMAND.args], env: npxEnvironment, cwd: npxFolder },
      { name: 'bare SDK server (bare-server.ts)', args: [fileURLToPath(new URL('./bare-server.js', import.meta.url))], env: {} },
      { name: 'bare SDK server, bundled as the bin is', args: [bundledBareServer], env: {} },
    ];
    log('installing the server through npx once (not timed)...');
    await installServerThroughNpx(registry, npxFolder, npxEnvironment);
    const samples = new Map<string, number[]>(ways.map((way) => [way.name, []]));
    // One warm-up round (the page cache), then rounds in turn, so that a load spike spreads over all the ways.
    for (let round = 0; round <= runs; round += 1) {
      for (const way of ways) {
        const ms = await startupMs(way);
        if (round > 0) samples.get(way.name)?.push(ms);
      }
      if (round > 0) log(`round ${round}/${runs} done`);
    }
    const results = ways.map((way) => summarise(way.name, samples.get(way.name) ?? []));
    const [fleet, npx, bare, bundledBare] = results as [WayResult, WayResult, WayResult, WayResult];
    const report = {
      date: new Date().toISOString().slice(0, 10),
      durationSeconds: Math.round((performance.now() - runStarted) / 1000),
      machine: describeMachine(),
      loadAverage: { atStart: loadAtStart, atEnd: os.loadavg()[0] ?? 0 },
      runs,
      results,
      fleetShareMs: fleet.medianMs - bare.medianMs,
      fleetShareAgainstBundledBareMs: fleet.medianMs - bundledBare.medianMs,
      npxShareMs: npx.medianMs - fleet.medianMs,
    };
    const busy = Math.max(report.loadAverage.atStart, report.loadAverage.atEnd) > report.machine.cores;
    const rows = results.map((result) => `| ${result.name} | ${result.medianMs.toFixed(0)} ms | ${result.minMs.toFixed(0)}–${result.maxMs.toFixed(0)} ms |`);
    const markdown = [
      `## Cold start to \`initialize\``,
      '',
      machineLine(report, 'the cold-start run'),
      ...(busy ? ['', `The machine was busy: a load average above its ${report.machine.cores} cores inflates every time below, the bare servers' too.`] : []),
      '',
      `Spawn to an answered \`initialize\`, ${runs} runs each, taken in turn; against the simulator (Fleet checks its token against it while it already serves).`,
      '',
      '| way | median | min–max |',
      '|---|---:|---:|',
      ...rows,
      '',
      `Fleet's own share (the bin minus the bare server): ${report.fleetShareMs.toFixed(0)} ms. Against the bare server bundled as the bin is: ${report.fleetShareAgainstBundledBareMs.toFixed(0)} ms. npx's share (npx minus the bin): ${report.npxShareMs.toFixed(0)} ms.`,
    ].join('\n');
    writeFileSync(`${resultsDirectory}${name}.json`, `${JSON.stringify(report, null, 2)}\n`);
    writeFileSync(`${resultsDirectory}${name}.md`, `${markdown}\n`);
    process.stdout.write(`${markdown}\n\nWritten: tools/bench/results/${name}.json and .md\n`);
  } finally {
    await registry.close();
    await simulator.close();
  }
}
