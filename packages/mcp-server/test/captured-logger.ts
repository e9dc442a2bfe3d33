// A logger whose lines a test can read back, parsed.
import { createLogger, type Logger, type LogLevel } from '../src/logger.js';

export interface CapturedLogger {
  logger: Logger;
  lines: string[];
  records(): Array<Record<string, unknown>>;
}

export function createCapturedLogger(options: { level?: LogLevel; secrets?: string[] } = {}): CapturedLogger {
  const lines: string[] = [];
  const logger = createLogger({ level: options.level ?? 'debug', secrets: options.secrets ?? [], write: (line) => lines.push(line) });
  return { logger, lines, records: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
}
