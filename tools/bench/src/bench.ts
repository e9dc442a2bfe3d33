// `npm run bench`: the built server over stdio against the simulator, for 10, 100 and 1,000 agents at 0 and 50 ms.
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { measureMemory, measureScenario, type ScenarioResult } from './measure.js';
import { markdownTable, svgChart, type BenchReport } from './report.js';

const quick = process.argv.includes('--quick');
const sizes = quick ? [10, 100] : [10, 100, 1000];
const latencies = [0, 50];
const repetitions = quick ? 5 : 20;
const memoryCalls = quick ? 200 : 1000;

const scenarios: ScenarioResult[] = [];
for (const agents of sizes) {
  for (const latencyMs of latencies) {
    process.stderr.write(`measuring ${agents} agents at ${latencyMs} ms injected latency...\n`);
    scenarios.push(await measureScenario(agents, latencyMs, repetitions));
  }
}
process.stderr.write(`measuring resident memory after ${memoryCalls} calls...\n`);
const memory = await measureMemory(100, memoryCalls);

const report: BenchReport = {
  date: new Date().toISOString().slice(0, 10),
  machine: {
    cpu: os.cpus()[0]?.model ?? 'unknown CPU',
    cores: os.cpus().length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
  },
  coderVersion: 'v2.30.0',
  repetitions,
  scenarios,
  memory: { agents: 100, calls: memory.calls, residentMiB: memory.residentBytes === undefined ? undefined : memory.residentBytes / 2 ** 20 },
};

const resultsDirectory = fileURLToPath(new URL('../results/', import.meta.url));
mkdirSync(resultsDirectory, { recursive: true });
const name = quick ? 'quick' : 'latest';
writeFileSync(`${resultsDirectory}${name}.json`, `${JSON.stringify(report, null, 2)}\n`);
writeFileSync(`${resultsDirectory}${name}.svg`, svgChart(report));
writeFileSync(`${resultsDirectory}${name}.md`, `${markdownTable(report)}\n`);
process.stdout.write(`${markdownTable(report)}\n\nWritten: tools/bench/results/${name}.json, .svg and .md\n`);
