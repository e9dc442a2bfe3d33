// Public types of the simulator: start options, world specification, control surface and statistics.

export interface SimulatorOptions {
  /** e.g. 'v2.27.1' | 'v2.30.0' | 'v2.37.0'; default 'v2.30.0'. <2.29: experimental tasks; 2.29–2.36: /api/v2/tasks; >=2.37: no Tasks API */
  coderVersion?: string;
  /** default 0 = random free port; host is always 127.0.0.1 */
  port?: number;
  /** the session token it accepts; default: random, printed by the CLI */
  token?: string;
  /** time multiplier: 1 = demo pace (a build takes a few seconds, an agent answers in a few s); tests use ~0.01 */
  speed?: number;
  /** PRNG seed: same seed -> same world (ids, names, histories); default 1 */
  seed?: number;
  /** what to seed; default: the standard world */
  world?: WorldSpec;
  /** injected latency on every Coder request (not on /__sim) */
  latencyMs?: number;
}

export interface WorldSpec {
  /** existing agents (workspaces with an AI task) of the main user; default 6 */
  agents?: number;
  /** how many of them carry 1,000+ app statuses and conversation entries; default 1 */
  longHistoryAgents?: number;
}

export interface RunningSimulator {
  /** 'http://127.0.0.1:PORT' (no trailing slash) — this is CODER_URL */
  url: string;
  token: string;
  coderVersion: string;
  /** same operations as the /__sim HTTP control endpoint */
  control: SimulatorControl;
  close(): Promise<void>;
}

export interface SimulatorControl {
  /** replaces the rule list */
  setFaults(faults: FaultRule[]): void;
  clearFaults(): void;
  setLatency(ms: number): void;
  stats(): SimulatorStats;
  resetStats(): void;
}

export interface FaultRule {
  /** default any */
  method?: string;
  /** a RegExp source matched against the request path (without query) */
  path: string;
  /** answer this status with Coder's error body */
  status?: number;
  /** adds Retry-After (use with 429/503) */
  retryAfterSeconds?: number;
  /** destroy the socket without answering */
  drop?: boolean;
  /** wait this long before answering (timeouts) */
  delayMs?: number;
  /** 200 with a body that is not valid JSON */
  malformedBody?: boolean;
  /** send the real body in chunks spread over this long */
  slowBodyMs?: number;
  /** apply to the next N matching requests only; default: until cleared */
  times?: number;
}

export interface SimulatorStats {
  /** Coder requests served (not /__sim) */
  requests: number;
  /** response body bytes of those */
  bytesSent: number;
  /** route key -> count */
  byRoute: Record<string, number>;
}
