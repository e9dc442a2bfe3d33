// Logs refused HTTP requests at most once per interval, counting the rest, so that a flood of guesses cannot flood the log.
import type { Logger } from './logger.js';

export interface RefusalLog {
  /** Logs this refusal now, or counts it into the next summary line when one was logged within the interval. */
  refused(reason: string, fields: Record<string, unknown>): void;
  /** Logs what is still counted and stops the timer. */
  close(): void;
}

export function createRefusalLog(logger: Logger, intervalMs: number): RefusalLog {
  let window: NodeJS.Timeout | undefined;
  let suppressed = new Map<string, number>();

  const flush = () => {
    if (suppressed.size === 0) return false;
    const counts = Object.fromEntries(suppressed);
    const total = [...suppressed.values()].reduce((sum, count) => sum + count, 0);
    suppressed = new Map();
    logger.info(`http request refused: ${total} more refusals not logged one by one (at most one line per ${intervalMs / 1000} s)`, {
      suppressed: total,
      suppressed_by_reason: counts,
    });
    return true;
  };

  const openWindow = () => {
    window = setTimeout(() => {
      window = undefined;
      // A refusal went unlogged in this window: its count is this window's line, and the next window starts now.
      if (flush()) openWindow();
    }, intervalMs);
    window.unref();
  };

  return {
    refused(reason, fields) {
      if (window !== undefined) {
        suppressed.set(reason, (suppressed.get(reason) ?? 0) + 1);
        return;
      }
      logger.info(`http request refused: ${reason}`, fields);
      openWindow();
    },
    close() {
      clearTimeout(window);
      window = undefined;
      flush();
    },
  };
}
