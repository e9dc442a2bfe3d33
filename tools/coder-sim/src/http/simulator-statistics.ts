// Counts the Coder requests the simulator served, the body bytes it sent, and requests per route key.
import type { RecordedRequest, SimulatorStats } from '../simulator-types.js';

export class SimulatorStatistics {
  private requests = 0;
  private bytesSent = 0;
  private byRoute = new Map<string, number>();
  private log: RecordedRequest[] = [];

  /** path is the request target as received: path with query string */
  countRequest(routeKey: string, method: string, path: string): void {
    this.requests += 1;
    this.log.push({ method, path });
    this.byRoute.set(routeKey, (this.byRoute.get(routeKey) ?? 0) + 1);
  }

  countBytes(bytes: number): void {
    this.bytesSent += bytes;
  }

  snapshot(): SimulatorStats {
    return {
      requests: this.requests,
      bytesSent: this.bytesSent,
      byRoute: Object.fromEntries([...this.byRoute.entries()].sort(([first], [second]) => first.localeCompare(second))),
    };
  }

  /** every Coder request since the last reset, in arrival order */
  requestLog(): RecordedRequest[] {
    return this.log.map((entry) => ({ ...entry }));
  }

  reset(): void {
    this.log = [];
    this.requests = 0;
    this.bytesSent = 0;
    this.byRoute = new Map();
  }
}
