// Writes the benchmark's results as a Markdown table, as JSON, and as an SVG chart.
import { REPLAY_MODE, type GenerationListMeasurement } from './generations.js';
import type { MachineDescription } from './machine.js';
import type { ScenarioResult } from './measure.js';

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

export function markdownTable(report: BenchReport): string {
  const lines = [
    `Machine: ${report.machine.cpu}, ${report.machine.cores} cores, ${report.machine.memoryGiB} GiB, Node ${report.machine.node}, ${report.machine.platform}; ${report.date}; the run took ${report.durationSeconds} s${report.quick ? ' (--quick)' : ''}; 1-minute load average ${report.loadAverage.atStart.toFixed(1)} at the start, ${report.loadAverage.atEnd.toFixed(1)} at the end.`,
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
