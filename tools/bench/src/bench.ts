// `npm run bench`: the built server over stdio against the simulator. Every tool at 10, 100 and 1,000 agents
// at 0 and 50 ms on the default generation; list_agents on each Coder generation with a bare-fetch baseline.
// `npm run bench -- --cold-start`: only the cold start to `initialize`, four ways (src/cold-start.ts).
// `npm run bench -- --soak`: only the soak (about 2 minutes, so not in the default run), written beside the tables of the last run.
// `npm run bench -- --wait`: only wait_for_agents over 10, 100 and 1,000 agents (about 2 minutes), written to results/wait.md.
// `npm run bench -- --team`: only a team on one HTTP endpoint, token mode against single-user mode (results/team.md).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { measureListAgentsOnGeneration, type CallBudget, type GenerationListMeasurement } from './generations.js';
import { runColdStart } from './cold-start.js';
import { describeMachine } from './machine.js';
import { measureMemory, measureScenario, type ScenarioResult } from './measure.js';
import { markdownTable, svgChart, type BenchReport } from './report.js';
import { FULL_SOAK, QUICK_SOAK, runSoakWithMachine, type SoakRun } from './soak.js';
import { measureWaitForAgents, waitTable, type WaitMeasurement } from './wait-for-agents.js';
import { runTeam, TEAM_SHAPE, teamMarkdown } from './team.js';

const ALL_GENERATIONS = ['v2.27.1', 'v2.30.0', 'v2.34.3', 'v2.37.0'];
const DEFAULT_GENERATION = 'v2.30.0';

function option(name: string): string | undefined {
  const prefix = `--${name}=`;
  const index = process.argv.findIndex((argument) => argument === `--${name}` || argument.startsWith(prefix));
  if (index < 0) return undefined;
  const argument = process.argv[index] ?? '';
  return argument.startsWith(prefix) ? argument.slice(prefix.length) : process.argv[index + 1];
}

const quick = process.argv.includes('--quick');
const generations = option('generations')?.split(',').filter(Boolean) ?? ALL_GENERATIONS;
const sizes = quick ? [10, 100] : [10, 100, 1000];
const latencies = [0, 50];
const repetitions = quick ? 5 : 20;
const memoryCalls = quick ? 200 : 1000;
/** list_agents calls per generation and fleet size: listing 1,000 full workspaces costs seconds a call, so a time budget. */
const generationBudget: CallBudget = quick ? { maxCalls: 5, minCalls: 3, budgetMs: 5_000 } : { maxCalls: 20, minCalls: 5, budgetMs: 15_000 };

const soakOnly = process.argv.includes('--soak');
const resultsDirectory = fileURLToPath(new URL('../results/', import.meta.url));
const name = quick ? 'quick' : 'latest';
const log = (line: string) => process.stderr.write(`${line}\n`);

/** The report of the last run written under this name, so that a run keeps what it does not measure itself. */
function previousReport(): BenchReport | undefined {
  const path = `${resultsDirectory}${name}.json`;
  if (!existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as BenchReport;
  } catch {
    log(`could not read ${path}; writing a new one`);
    return undefined;
  }
}

function write(report: BenchReport, withChart: boolean): void {
  mkdirSync(resultsDirectory, { recursive: true });
  writeFileSync(`${resultsDirectory}${name}.json`, `${JSON.stringify(report, null, 2)}\n`);
  if (withChart) writeFileSync(`${resultsDirectory}${name}.svg`, svgChart(report));
  writeFileSync(`${resultsDirectory}${name}.md`, `${markdownTable(report)}\n`);
}

/** `--soak`: the soak alone, written into the results beside the tables of the last run. */
async function soakAlone(): Promise<void> {
  const soak = await runSoakWithMachine(quick ? 'quick' : 'full', quick ? QUICK_SOAK : FULL_SOAK, log);
  const previous = previousReport();
  write(previous === undefined ? emptyReport(soak) : { ...previous, soak }, false);
  process.stdout.write(`${markdownTable(emptyReport(soak))}\n\nWritten: tools/bench/results/${name}.json and .md, beside the tables already there (${soak.durationSeconds} s)\n`);
}

/** A report with no tables, only `soak`: for a soak run with no earlier results to stand beside. */
function emptyReport(soak: SoakRun): BenchReport {
  return {
    date: soak.date,
    startedAt: soak.startedAt,
    durationSeconds: soak.durationSeconds,
    quick,
    machine: soak.machine,
    loadAverage: soak.loadAverage,
    coderVersion: soak.coderVersion,
    repetitions: 0,
    scenarios: [],
    memory: { agents: soak.agents, calls: 0, residentMiB: undefined },
    listAgentsByGeneration: [],
    soak,
  };
}

/** The tables, with the soak of the last `--soak` run kept. */
async function everything(): Promise<void> {
  const runStarted = performance.now();
  /** The 1-minute load average when the run started: other work on the machine skews the latencies. */
  const loadAtStart = os.loadavg()[0] ?? 0;

  const scenarios: ScenarioResult[] = [];
  for (const agents of sizes) {
    for (const latencyMs of latencies) {
      log(`measuring every tool, ${agents} agents at ${latencyMs} ms injected latency...`);
      scenarios.push(await measureScenario(agents, latencyMs, repetitions, DEFAULT_GENERATION));
    }
  }
  log(`measuring resident memory after ${memoryCalls} calls...`);
  const memory = await measureMemory(100, memoryCalls, DEFAULT_GENERATION);

  const listAgentsByGeneration: GenerationListMeasurement[] = [];
  for (const coderVersion of generations) {
    for (const agents of sizes) {
      log(`measuring list_agents on Coder ${coderVersion}, ${agents} agents, with a bare-fetch replay...`);
      listAgentsByGeneration.push(await measureListAgentsOnGeneration(coderVersion, agents, generationBudget));
    }
  }

  /** The soak is not measured here (it would take the default run past 4 minutes): the last `--soak` run's is kept. */
  const previousSoak = previousReport()?.soak;

  const now = new Date();
  const report: BenchReport = {
    date: now.toISOString().slice(0, 10),
    startedAt: new Date(now.getTime() - (performance.now() - runStarted)).toISOString(),
    durationSeconds: Math.round((performance.now() - runStarted) / 1000),
    quick,
    machine: describeMachine(),
    loadAverage: { atStart: loadAtStart, atEnd: os.loadavg()[0] ?? 0 },
    coderVersion: DEFAULT_GENERATION,
    repetitions,
    scenarios,
    memory: { agents: 100, calls: memory.calls, residentMiB: memory.residentBytes === undefined ? undefined : memory.residentBytes / 2 ** 20 },
    listAgentsByGeneration,
    ...(previousSoak === undefined ? {} : { soak: previousSoak }),
  };

  write(report, true);
  process.stdout.write(`${markdownTable(report)}\n\nWritten: tools/bench/results/${name}.json, .svg and .md (${report.durationSeconds} s)\n`);
}

/** `--wait`: wait_for_agents on the light-list generation and on 2.37+, each fleet size; its own results file. */
async function waitAlone(): Promise<void> {
  const started = performance.now();
  const rows: WaitMeasurement[] = [];
  for (const coderVersion of [DEFAULT_GENERATION, 'v2.37.0']) {
    for (const agents of sizes) {
      log(`measuring wait_for_agents on Coder ${coderVersion}, ${agents} agents...`);
      rows.push(await measureWaitForAgents(coderVersion, agents, quick ? 3 : 7));
    }
  }
  const machine = describeMachine();
  const heading = `wait_for_agents, ${new Date().toISOString().slice(0, 10)}, ${machine.cpu} (${machine.cores} cores, ${machine.memoryGiB} GiB), Node ${machine.node}, load ${(os.loadavg()[0] ?? 0).toFixed(1)}`;
  const table = `${heading}\n\n${waitTable(rows)}\n`;
  mkdirSync(resultsDirectory, { recursive: true });
  writeFileSync(`${resultsDirectory}wait.md`, table);
  writeFileSync(`${resultsDirectory}wait.json`, `${JSON.stringify({ machine, rows }, null, 2)}\n`);
  process.stdout.write(`${table}\nWritten: tools/bench/results/wait.md and .json (${Math.round((performance.now() - started) / 1000)} s)\n`);
}

/** `--team`: its own files, so that it runs in a minute without redoing the tables. */
async function teamAlone(): Promise<void> {
  const run = await runTeam({ ...TEAM_SHAPE, stateless: process.argv.includes('--stateless') }, log);
  mkdirSync(resultsDirectory, { recursive: true });
  writeFileSync(`${resultsDirectory}team.json`, `${JSON.stringify(run, null, 2)}\n`);
  writeFileSync(`${resultsDirectory}team.md`, `${teamMarkdown(run)}\n`);
  process.stdout.write(`${teamMarkdown(run)}\n\nWritten: tools/bench/results/team.json and .md\n`);
}

const coldStartOnly = process.argv.includes('--cold-start');

if (coldStartOnly) await runColdStart(quick ? 5 : 15, resultsDirectory, quick ? 'quick.cold-start' : 'cold-start', log);
else if (process.argv.includes('--team')) await teamAlone();
else if (process.argv.includes('--wait')) await waitAlone();
else if (soakOnly) await soakAlone();
else await everything();
