// Writes the benchmark's results as a Markdown table, as JSON, and as an SVG chart.
import type { ScenarioResult } from './measure.js';

export interface BenchReport {
  date: string;
  machine: { cpu: string; cores: number; memoryGiB: number; node: string; platform: string };
  coderVersion: string;
  repetitions: number;
  scenarios: ScenarioResult[];
  memory: { agents: number; calls: number; residentMiB: number | undefined };
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const ms = (value: number) => `${value.toFixed(0)} ms`;

export function markdownTable(report: BenchReport): string {
  const lines = [
    `Machine: ${report.machine.cpu}, ${report.machine.cores} cores, ${report.machine.memoryGiB} GiB, Node ${report.machine.node}; ${report.date}; simulator playing Coder ${report.coderVersion}; ${report.repetitions} calls per tool.`,
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
