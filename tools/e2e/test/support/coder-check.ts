// The server checks its token against Coder while it already serves: a test that counts or holds Coder's requests waits for the check's outcome first.
import type { OutputCollector } from './output-collector.js';

export type CoderCheckOutcome = 'connected' | 'unreachable' | 'unusable';

/** The log record of the start-up check's outcome (it carries `coder_check`, and `coder_version` and `coder_user` once connected). */
export function coderCheckEnded(stderr: OutputCollector, timeoutMs?: number): Promise<Record<string, unknown> & { coder_check: CoderCheckOutcome }> {
  return stderr.waitForLine(
    (line) => {
      let record: unknown;
      try {
        record = JSON.parse(line);
      } catch {
        return undefined;
      }
      return typeof record === 'object' && record !== null && typeof (record as { coder_check?: unknown }).coder_check === 'string'
        ? (record as Record<string, unknown> & { coder_check: CoderCheckOutcome })
        : undefined;
    },
    "the start-up check's outcome line (coder_check)",
    timeoutMs,
  );
}
