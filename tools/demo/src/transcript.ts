// Writes the demo's readable transcript: steps, tool calls with their arguments, results, progress and timing, secrets masked.
import type { Progress } from '@modelcontextprotocol/sdk/types.js';

export interface TranscriptOptions {
  write: (line: string) => void;
  /** Values that must never be printed, whatever a result or log happens to hold. */
  secrets: ReadonlyArray<string>;
}

const MAX_RESULT_LINES = 8;
const MAX_LINE_LENGTH = 150;
const INDENT = '    ';

export class Transcript {
  constructor(private readonly options: TranscriptOptions) {}

  line(text = ''): void {
    let safe = text;
    for (const secret of this.options.secrets) if (secret !== '') safe = safe.replaceAll(secret, '[REDACTED]');
    this.options.write(safe);
  }

  step(position: number, count: number, title: string): void {
    this.line();
    this.line(`[${position}/${count}] ${title}`);
  }

  call(tool: string, args: Record<string, unknown>, suffix = ''): void {
    this.line(`  → ${tool} ${JSON.stringify(args)}${suffix}`);
  }

  progress(progress: Progress, elapsedMs: number): void {
    const position = progress.total === undefined ? `${progress.progress}` : `${progress.progress}/${progress.total}`;
    this.line(`  … progress ${position}: ${progress.message ?? ''} (${formatDuration(elapsedMs)})`);
  }

  /** The text result, shortened to a few lines, then the key structured fields and the call's duration. */
  result(text: string, keyFields: string, durationMs: number, failed = false): void {
    const lines = text.split('\n');
    const shown = lines.slice(0, MAX_RESULT_LINES);
    shown.forEach((line, index) => this.line(`${index === 0 ? `  ${failed ? '✗' : '←'} ` : INDENT}${shorten(line)}`));
    if (lines.length > shown.length) this.line(`${INDENT}… ${lines.length - shown.length} more lines`);
    if (keyFields !== '') this.line(`${INDENT}{ ${keyFields} }`);
    this.line(`${INDENT}(${formatDuration(durationMs)})`);
  }

  note(text: string): void {
    this.line(`  ${text}`);
  }
}

export function formatDuration(milliseconds: number): string {
  return milliseconds < 1000 ? `${Math.round(milliseconds)} ms` : `${(milliseconds / 1000).toFixed(1)} s`;
}

function shorten(line: string): string {
  return line.length > MAX_LINE_LENGTH ? `${line.slice(0, MAX_LINE_LENGTH - 1)}…` : line;
}
