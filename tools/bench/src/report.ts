// Writes the benchmark's results as a Markdown table, as JSON, and as an SVG chart.
import { REPLAY_MODE, type GenerationListMeasurement } from './generations.js';
import type { MachineDescription } from './machine.js';
import type { ScenarioResult } from './measure.js';
import type { HttpSoakResult, MemoryCheckpoint, SoakRun, StdioSoakResult } from './soak.js';

export interface BenchReport {
  date: string;
  /** When the run started (ISO 8601) and how long it took. */
  startedAt: string;
  durationSeconds: number;
  quick: boolean;
  machine: MachineDescription;
  /** The machine's 1-minute load average at the start and the end of the run. */
  loadAverage: { atStart: number; atEnd: number };
  /** The generation of the every-tool table and the memory figure. */
  coderVersion: string;
  repetitions: number;
  scenarios: ScenarioResult[];
  memory: { agents: number; calls: number; residentMiB: number | undefined };
  listAgentsByGeneration: GenerationListMeasurement[];
  /** The last `npm run bench -- --soak`, kept by the runs without it. */
  soak?: SoakRun;
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const ms = (value: number) => `${value.toFixed(0)} ms`;
const mib = (bytes: number | undefined) => (bytes === undefined ? 'unknown' : `${(bytes / 2 ** 20).toFixed(0)} MiB`);
/** Milliseconds with one decimal below 10 ms, where a whole number would hide the difference. */
const fineMs = (value: number) => `${value < 10 ? value.toFixed(1) : value.toFixed(0)} ms`;

function errorText(row: GenerationListMeasurement): string {
  return row.errorCodes.map((code) => `error: ${code}`).join(', ');
}

/** The client-observed latency cell: the figures, or the error when every call failed. */
function fleetLatency(row: GenerationListMeasurement): string {
  if (row.errors >= row.calls) return errorText(row);
  const figures = `${fineMs(row.medianMs)} / ${fineMs(row.p95Ms)}`;
  return row.errors === 0 ? figures : `${figures} (${row.errors} of ${row.calls} failed: ${errorText(row)})`;
}

function bareLatency(row: GenerationListMeasurement): string {
  if (row.bare === undefined) return 'n/a (no request log)';
  const failures = row.bare.failures === 0 ? '' : ` (${row.bare.failures} non-2xx)`;
  return `${fineMs(row.bare.medianMs)} / ${fineMs(row.bare.p95Ms)}${failures}`;
}

function requestCount(row: GenerationListMeasurement): string {
  const [low, high] = row.requestsRange;
  const steady = low === high ? `${row.requests}` : `${low}–${high}`;
  return `${steady} (${row.firstCallRequests})`;
}

/** `GET path` of each request, runs of pages of one list (differing only in `offset`) as one entry with their offsets. */
export function summariseRequests(requests: { method: string; path: string }[]): string {
  const runs: { template: string; offsets: string[] }[] = [];
  for (const request of requests) {
    const offset = /[?&]offset=(\d+)/.exec(request.path)?.[1];
    const template = `${request.method} ${offset === undefined ? request.path : request.path.replace(/([?&]offset=)\d+/, '$1…')}`;
    const last = runs.at(-1);
    if (offset !== undefined && last?.template === template) last.offsets.push(offset);
    else runs.push({ template, offsets: offset === undefined ? [] : [offset] });
  }
  return runs
    .map(({ template, offsets }) =>
      offsets.length <= 1
        ? `\`${template.replace('…', offsets[0] ?? '…')}\``
        : `${offsets.length} × \`${template}\` (offset ${offsets[0]} to ${offsets.at(-1)})`,
    )
    .join(', ');
}

/** The per-generation list_agents table, the peak-memory line and the requests Fleet made. */
export function generationSection(report: BenchReport): string[] {
  const rows = report.listAgentsByGeneration;
  if (rows.length === 0) return [];
  const lines = [
    '',
    `### list_agents per Coder generation`,
    '',
    `list_agents without arguments, 0 ms injected, one untimed warm-up call and then the calls counted below, each followed by a`,
    `bare-fetch replay of the Coder requests it made (read from the simulator's request log; GETs replayed with Coder-Session-Token,`,
    `${REPLAY_MODE}, as Fleet reads pages; bodies read, not parsed). Ratio: Fleet's median over the bare replay's median.`,
    '',
    '| Coder | agents | calls | agents returned | Coder requests (first call) | KiB from Coder per call | median / p95 (MCP client) | bare fetch median / p95 | Fleet ÷ bare | server peak RSS |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const row of rows) {
    const ratio = row.ratio === undefined ? '—' : `${row.ratio.toFixed(1)}×`;
    lines.push(
      `| ${row.coderVersion} | ${row.agents} | ${row.calls} | ${row.agentsReturned ?? '—'} | ${requestCount(row)} | ${(row.bytesPerCall / 1024).toFixed(1)} | ${fleetLatency(row)} | ${bareLatency(row)} | ${ratio} | ${mib(row.peakResidentBytes)} |`,
    );
  }
  const largest = rows.filter((row) => row.coderVersion === 'v2.37.0').sort((a, b) => b.agents - a.agents)[0];
  if (largest !== undefined) {
    const failed = largest.errors === 0 ? '' : ` (${largest.errors} of ${largest.calls} calls failed: ${errorText(largest)})`;
    lines.push(
      '',
      `Peak resident memory of the server process (VmHWM, read after the calls) while listing ${largest.agents.toLocaleString('en')} agents on Coder v2.37.0: ${mib(largest.peakResidentBytes)}, after ${largest.calls + 1} list_agents calls${failed}.`,
    );
  }
  lines.push('', 'Coder requests Fleet made for one list_agents call (the last one, at the largest fleet), as replayed:', '');
  for (const version of [...new Set(rows.map((row) => row.coderVersion))]) {
    const row = rows.filter((candidate) => candidate.coderVersion === version).sort((a, b) => b.agents - a.agents)[0];
    if (row === undefined) continue;
    const requests = row.bare === undefined ? undefined : summariseRequests(row.bare.requests);
    const skipped = row.bare !== undefined && row.bare.skippedNonGet > 0 ? ` (${row.bare.skippedNonGet} non-GET requests not replayed)` : '';
    lines.push(`- ${version}: ${requests === undefined ? row.bareUnavailable ?? 'unknown' : requests === '' ? 'none' : requests}${skipped}`);
  }
  return lines;
}

const thousands = (value: number) => value.toLocaleString('en');
const percent = (value: number | undefined) => (value === undefined ? '—' : `${value >= 0 ? '+' : ''}${value.toFixed(1)} %`);

export function machineLine(run: { machine: MachineDescription; date: string; durationSeconds: number; loadAverage: { atStart: number; atEnd: number } }, what: string): string {
  return `Machine: ${run.machine.cpu}, ${run.machine.cores} cores, ${run.machine.memoryGiB} GiB, Node ${run.machine.node}, ${run.machine.platform}; ${run.date}; ${what} took ${run.durationSeconds} s; 1-minute load average ${run.loadAverage.atStart.toFixed(1)} at the start, ${run.loadAverage.atEnd.toFixed(1)} at the end.`;
}

/** A checkpoint's window median, with the lowest and highest reading of its window. */
function memoryCell(checkpoint: MemoryCheckpoint | undefined): string {
  if (checkpoint?.windowMedianMiB === undefined) return 'unknown';
  const median = checkpoint.windowMedianMiB.toFixed(0);
  const low = checkpoint.windowMinMiB?.toFixed(0);
  const high = checkpoint.windowMaxMiB?.toFixed(0);
  return low === high ? `${median} MiB` : `${median} MiB (${low}–${high})`;
}

function failures(count: number, reasons: Record<string, number>): string {
  if (count === 0) return '0';
  const detail = Object.entries(reasons)
    .sort((a, b) => b[1] - a[1])
    .map(([reason, times]) => `${times} × ${reason}`)
    .join(', ');
  return `${count} (${detail})`;
}

const mibCell = (value: number | undefined) => (value === undefined ? 'unknown' : `${value.toFixed(0)} MiB`);

function stdioRow(name: string, result: StdioSoakResult): string {
  const cells = result.checkpoints.map(memoryCell).join(' | ');
  const flag = result.grew ? ' ⚠' : '';
  return `| ${name} | ${thousands(result.calls)} | ${failures(result.errors, result.errorCodes)} | ${cells} | ${mibCell(result.steadyMedianMiB)} | ${percent(result.growthPercent)}${flag} | ${mibCell(result.peakResidentMiB)} | ${result.seconds.toFixed(0)} s |`;
}

const ratioCell = (ratio: number | undefined) => (ratio === undefined ? '—' : `${ratio.toFixed(2)}×`);

/** The soak section: memory of Fleet and of the bare server over stdio, Fleet ÷ bare, and Fleet over abandoned HTTP sessions. */
export function soakSection(run: SoakRun): string[] {
  const { plan, fleet, bare } = run;
  /** Soaks written before `source` was recorded have none. */
  const source: SoakRun['source'] = run.source ?? { commit: undefined, uncommitted: [] };
  const command = run.kind === 'quick' ? '`npm run bench -- --quick --soak`' : '`npm run bench -- --soak`';
  const labels = fleet.checkpoints.map((checkpoint) => checkpoint.label);
  const peakRatio = fleet.peakResidentMiB === undefined || !bare.peakResidentMiB ? undefined : fleet.peakResidentMiB / bare.peakResidentMiB;
  const lines = [
    '',
    `### Soak: resident memory over ${thousands(plan.calls)} calls and ${thousands(plan.sessions)} abandoned HTTP sessions (${command})`,
    '',
    machineLine(run, 'the soak'),
    '',
    `Measured: ${source.commit === undefined ? 'an unknown commit' : `commit ${source.commit}`}${source.uncommitted.length === 0 ? '' : ` with uncommitted changes to ${source.uncommitted.join(', ')}`}.`,
    '',
    `Simulator playing Coder ${run.coderVersion} with ${run.agents} agents, 0 ms injected. Over stdio, ${thousands(plan.calls)} calls to Fleet (in cycles of 10: 5 list_agents,`,
    `3 show_agent, 1 show_agent_task_history, 1 list_agent_roles; show_agent and the history go to each running agent in turn) and as many to a bare`,
    `MCP SDK server (tools/bench/src/bare-server.ts: one tool answering "pong", with --optimize-for-size as Fleet's bin sets it), one after the other.`,
    `Resident memory is VmRSS from /proc/<pid>/status, read every 10 calls (every 5 sessions); each figure is the median of the readings over the last`,
    `twentieth of the soak before the checkpoint (at the start: 5 readings 100 ms apart, after initialize and before any call), in brackets the lowest and`,
    `highest of them. Steady: the median of every reading after the warm-up (${thousands(plan.warmupCalls)} calls, ${thousands(plan.warmupSessions)} sessions). Growth: from the`,
    `checkpoint after the warm-up to the end, flagged ⚠ above ${plan.tolerancePercent} %. Fleet ÷ bare is judged on the steady figures, aiming at ${plan.ratioAim}× at most.`,
    '',
    `| server | calls | errors | ${labels.join(' | ')} | steady | growth after ${thousands(plan.warmupCalls)} | peak (VmHWM) | time |`,
    `|---|---:|---:|${labels.map(() => '---:').join('|')}|---:|---:|---:|---:|`,
    stdioRow('Fleet, stdio', fleet),
    stdioRow('bare MCP SDK server, stdio', bare),
    `| Fleet ÷ bare | | | ${run.ratios.map(({ ratio }) => ratioCell(ratio)).join(' | ')} | ${ratioCell(run.steadyRatio)}${run.overAim && run.steadyRatio !== undefined ? ' ⚠' : ''} | | ${ratioCell(peakRatio)} | |`,
    '',
    `The bare server makes little garbage, so its readings climb in a sawtooth whose teeth last thousands of calls (a full collection`,
    `is rarely due): its growth figure is where the soak ends on a tooth, not a leak; the steady and peak figures are the ones to compare.`,
    '',
  ];
  const verdicts = [
    fleet.grew
      ? `⚠ Fleet over stdio grew ${percent(fleet.growthPercent)} after ${thousands(plan.warmupCalls)} calls, beyond the ${plan.tolerancePercent} % tolerance.`
      : `Fleet over stdio stayed within ${plan.tolerancePercent} % after ${thousands(plan.warmupCalls)} calls (${percent(fleet.growthPercent)}).`,
    run.steadyRatio === undefined
      ? 'Fleet ÷ bare: unknown.'
      : run.overAim
        ? `⚠ Fleet ÷ bare, steady: ${ratioCell(run.steadyRatio)}, above the aim of ${plan.ratioAim}×.`
        : `Fleet ÷ bare, steady: ${ratioCell(run.steadyRatio)}, within the aim of ${plan.ratioAim}×.`,
  ];
  lines.push(verdicts.join(' '));
  const work = fleet.checkpoints
    .filter((checkpoint) => checkpoint.coderKiBPerCall !== undefined)
    .map((checkpoint) => `${checkpoint.coderKiBPerCall?.toFixed(0)} KiB / ${checkpoint.medianMs?.toFixed(0)} ms up to ${checkpoint.label.replace(/^after /, '')}`);
  if (work.length > 0) lines.push('', `Fleet's work per call between checkpoints (KiB read from Coder per call / median call time): ${work.join('; ')}.`);
  lines.push(...httpSoakLines(run));
  return lines;
}

function httpSoakLines(run: SoakRun): string[] {
  const { plan } = run;
  const lines = [
    '',
    `Fleet over HTTP (\`--http --port 0\`, a random FLEET_HTTP_TOKEN): ${thousands(plan.sessions)} sessions one after the other, each on fresh connections with`,
    '`Host: 127.0.0.1:<port>` and no Origin: initialize, notifications/initialized, one list_agents, and never DELETE. A session fails at the first',
    'request refused (HTTP status ≥ 300), unanswered or answered with an error.',
    '',
  ];
  if ('error' in run.http) return [...lines, `Not measured: ${run.http.error}`];
  const http: HttpSoakResult = run.http;
  const labels = http.checkpoints.map((checkpoint) => checkpoint.label);
  const peak = http.peakResidentMiB === undefined ? 'unknown' : `${http.peakResidentMiB.toFixed(0)} MiB`;
  lines.push(
    `| sessions | opened | succeeded | failed | ${labels.join(' | ')} | steady | growth after ${thousands(plan.warmupSessions)} | peak (VmHWM) | log written | time |`,
    `|---:|---:|---:|---:|${labels.map(() => '---:').join('|')}|---:|---:|---:|---:|---:|`,
    `| ${thousands(http.sessions)} | ${thousands(http.opened)} | ${thousands(http.succeeded)} | ${failures(http.errors, http.errorReasons)} | ${http.checkpoints.map(memoryCell).join(' | ')} | ${mibCell(http.steadyMedianMiB)} | ${percent(http.growthPercent)}${http.grew ? ' ⚠' : ''} | ${peak} | ${thousands(http.logLines)} lines, ${(http.logBytes / 1024).toFixed(1)} KiB | ${http.seconds.toFixed(0)} s |`,
    '',
  );
  const notes = [
    http.grew
      ? `⚠ Fleet over HTTP grew ${percent(http.growthPercent)} after ${thousands(plan.warmupSessions)} sessions, beyond the ${plan.tolerancePercent} % tolerance.`
      : `Fleet over HTTP stayed within ${plan.tolerancePercent} % after ${thousands(plan.warmupSessions)} sessions (${percent(http.growthPercent)}).`,
  ];
  if (http.errors > 0) notes.push(`⚠ ${thousands(http.errors)} of ${thousands(http.sessions)} sessions failed.`);
  if (http.serverExited !== undefined) notes.push(`⚠ The server ended during the soak (${http.serverExited}).`);
  lines.push(notes.join(' '));
  return lines;
}

export function markdownTable(report: BenchReport): string {
  const soaks = report.soak === undefined ? [] : soakSection(report.soak);
  if (report.scenarios.length === 0 && report.listAgentsByGeneration.length === 0) return soaks.join('\n').trimStart();
  const lines = [
    machineLine(report, `the run${report.quick ? ' (--quick)' : ''}`),
    '',
    `### Every tool, simulator playing Coder ${report.coderVersion}`,
    '',
    `${report.repetitions} calls per tool (one for start_agent_task, restart_agent and cancel_agent_task).`,
    '',
    '| tool | agents | injected latency | Coder requests (first call) | bytes from Coder | median | p95 | errors |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const scenario of report.scenarios) {
    for (const tool of scenario.tools) {
      lines.push(
        `| ${tool.tool} | ${tool.agents} | ${tool.latencyMs} ms | ${tool.requests} (${tool.firstCallRequests}) | ${kib(tool.bytesPerCall)} | ${ms(tool.medianMs)} | ${ms(tool.p95Ms)} | ${tool.errors} |`,
      );
    }
  }
  lines.push('');
  lines.push('| agents | injected latency | server start to served initialize |');
  lines.push('|---:|---:|---:|');
  for (const scenario of report.scenarios) {
    lines.push(`| ${scenario.agents} | ${scenario.latencyMs} ms | ${ms(scenario.startMs)} |`);
  }
  const memory = report.memory.residentMiB === undefined ? 'unknown' : `${report.memory.residentMiB.toFixed(1)} MiB`;
  lines.push('', `Resident memory of the server after ${report.memory.calls} calls (${report.memory.agents} agents): ${memory}.`);
  lines.push(...generationSection(report));
  lines.push(...soaks);
  return lines.join('\n');
}

/** Bars of the median (solid) and p95 (light) latency of each tool, one group per fleet size and latency. */
export function svgChart(report: BenchReport): string {
  const tools = [...new Set(report.scenarios.flatMap((scenario) => scenario.tools.map((tool) => tool.tool)))];
  const rowHeight = 14;
  const groupGap = 26;
  const labelWidth = 190;
  const chartWidth = 560;
  const maxMs = Math.max(1, ...report.scenarios.flatMap((scenario) => scenario.tools.map((tool) => tool.p95Ms)));
  const scale = chartWidth / maxMs;
  const parts: string[] = [];
  let y = 56;
  for (const scenario of report.scenarios) {
    parts.push(`<text x="8" y="${y - 6}" font-weight="bold">${scenario.agents} agents, ${scenario.latencyMs} ms injected per Coder request</text>`);
    for (const name of tools) {
      const tool = scenario.tools.find((candidate) => candidate.tool === name);
      if (!tool) continue;
      parts.push(`<text x="8" y="${y + 10}">${name}</text>`);
      parts.push(`<rect x="${labelWidth}" y="${y}" width="${(tool.p95Ms * scale).toFixed(1)}" height="${rowHeight - 3}" fill="#b9cff0"/>`);
      parts.push(`<rect x="${labelWidth}" y="${y}" width="${(tool.medianMs * scale).toFixed(1)}" height="${rowHeight - 3}" fill="#2f6fcf"/>`);
      parts.push(`<text x="${labelWidth + tool.p95Ms * scale + 4}" y="${y + 10}">${tool.medianMs.toFixed(0)} / ${tool.p95Ms.toFixed(0)} ms · ${tool.requests} req</text>`);
      y += rowHeight;
    }
    y += groupGap;
  }
  const width = labelWidth + chartWidth + 170;
  const title = `Fleet MCP server: latency per tool call, median (dark) and p95 (light), against the Coder simulator`;
  const subtitle = `${report.machine.cpu}, ${report.machine.cores} cores, Node ${report.machine.node}, ${report.date}`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${y}" font-family="sans-serif" font-size="11">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="8" y="18" font-size="14" font-weight="bold">${title}</text>`,
    `<text x="8" y="34" fill="#555">${subtitle}</text>`,
    ...parts,
    '</svg>',
    '',
  ].join('\n');
}
