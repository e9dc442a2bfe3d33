// Structured logging to stderr (stdout belongs to the stdio protocol): one JSON line per event, secrets redacted.
import { createRedactor } from '@fleet/fleet-domain';

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** A logger that adds `fields` to every line it writes. */
  child(fields: LogFields): Logger;
  /** Removes the secrets this logger knows from a text that is about to leave the process another way. */
  redact(text: string): string;
}

export interface LoggerOptions {
  level?: LogLevel;
  /** Values that must never appear in a line: tokens. */
  secrets?: ReadonlyArray<string | undefined>;
  /** Where a finished line goes; stderr unless a test captures it. */
  write?: (line: string) => void;
  now?: () => Date;
}

const LEVEL_RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export function isLogLevel(value: string): value is LogLevel {
  return (LOG_LEVELS as readonly string[]).includes(value);
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const redact = createRedactor(options.secrets ?? []);
  const write = options.write ?? ((line: string) => void process.stderr.write(line));
  const now = options.now ?? (() => new Date());
  const threshold = LEVEL_RANK[options.level ?? 'info'];

  const build = (boundFields: LogFields): Logger => {
    const log = (level: LogLevel, message: string, fields: LogFields = {}) => {
      if (LEVEL_RANK[level] < threshold) return;
      const record = { time: now().toISOString(), level, msg: message, ...boundFields, ...fields };
      write(`${redact(serialize(record))}\n`);
    };
    return {
      debug: (message, fields) => log('debug', message, fields),
      info: (message, fields) => log('info', message, fields),
      warn: (message, fields) => log('warn', message, fields),
      error: (message, fields) => log('error', message, fields),
      child: (fields) => build({ ...boundFields, ...fields }),
      redact,
    };
  };
  return build({});
}

/** A logger that drops everything, for callers that do not care. */
export function createSilentLogger(): Logger {
  return createLogger({ write: () => undefined });
}

function serialize(record: LogFields): string {
  const seen = new WeakSet<object>();
  return JSON.stringify(record, (_key, value: unknown) => {
    if (value instanceof Error) return describeError(value);
    if (typeof value === 'bigint') return value.toString();
    if (typeof value === 'object' && value !== null) {
      // A cycle would make JSON.stringify throw, and a log call must never throw.
      if (seen.has(value)) return '[Circular]';
      seen.add(value);
    }
    return value;
  });
}

function describeError(error: Error): LogFields {
  const description: LogFields = { name: error.name, message: error.message, stack: error.stack };
  const code = (error as { code?: unknown }).code;
  if (code !== undefined) description['code'] = code;
  if (error.cause !== undefined) description['cause'] = error.cause;
  return description;
}
