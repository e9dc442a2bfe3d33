// Collects what a child process writes on one stream, and waits, event-driven and bounded, for a line that matches.
import type { Readable } from 'node:stream';

export class OutputCollector {
  private collected = '';
  private readonly waiters = new Set<() => void>();

  constructor(stream: Readable | null) {
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => {
      this.collected += chunk;
      for (const wake of [...this.waiters]) wake();
    });
  }

  text(): string {
    return this.collected;
  }

  lines(): string[] {
    return this.collected.split('\n').filter((line) => line.trim() !== '');
  }

  /** Resolves with the first complete line `match` accepts; rejects after `timeoutMs` saying what was awaited and what came. */
  waitForLine<Match>(match: (line: string) => Match | undefined, description: string, timeoutMs = 10_000): Promise<Match> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const complete = this.collected.slice(0, this.collected.lastIndexOf('\n') + 1);
        for (const line of complete.split('\n')) {
          const found = line.trim() === '' ? undefined : match(line);
          if (found !== undefined) {
            finish();
            resolve(found);
            return;
          }
        }
      };
      const timer = setTimeout(() => {
        finish();
        reject(new Error(`no ${description} within ${timeoutMs} ms; output so far:\n${this.collected}`));
      }, timeoutMs);
      const finish = () => {
        clearTimeout(timer);
        this.waiters.delete(check);
      };
      this.waiters.add(check);
      check();
    });
  }
}
