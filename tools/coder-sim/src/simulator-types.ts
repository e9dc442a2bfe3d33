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
  /**
   * How long AgentAPI's POST /message {type: "user"} takes to answer, in ms at speed 1 (scaled by `speed`);
   * default 1500. Real AgentAPI takes ~1–30 s (it waits up to 15 s for the screen to settle, types, then up to
   * 15 s for the screen to change).
   */
  promptPostMs?: number;
  /** path-based apps answer 401 "Path-based applications are disabled" (coder server --disable-path-apps); default false */
  disablePathApps?: boolean;
  /**
   * Runs Coder's OAuth2 provider (coder server --experiments oauth2): /.well-known/oauth-authorization-server,
   * /oauth2/register, /oauth2/authorize and /oauth2/tokens; default false, where those routes do not exist.
   */
  oauth2Provider?: boolean;
}

export interface WorldSpec {
  /** existing agents (workspaces with an AI task) of the main user; default 6 */
  agents?: number;
  /** how many of them carry 1,000+ app statuses and conversation entries; default 1 */
  longHistoryAgents?: number;
  /**
   * Usernames of team members: organization members without a site role, each with a token of their own
   * (`RunningSimulator.tokens`) and `agentsPerMember` agents named `<username>-…`; they see only their own workspaces.
   */
  members?: readonly string[];
  /** default 2 */
  agentsPerMember?: number;
}

export interface RunningSimulator {
  /** 'http://127.0.0.1:PORT' (no trailing slash) — this is CODER_URL */
  url: string;
  /** the main user's token (an owner, who sees every workspace) */
  token: string;
  /** username -> token, for the main user and every member */
  tokens: Readonly<Record<string, string>>;
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
  /** clears stats() and requests() */
  resetStats(): void;
  /** every Coder request (not /__sim) since the last resetStats, in arrival order */
  requests(): RecordedRequest[];
  /** a new token for this user (as `coder tokens create`); throws for an unknown username */
  issueToken(username: string): string;
  /** forgets a token (as `coder tokens rm`): its next request gets 401; false when it was not known */
  revokeToken(token: string): boolean;
  /** AgentAPI state of the workspace with this name of the main user (or of `owner`), or undefined when it has no AgentAPI */
  agentApi(workspaceName: string, owner?: string): AgentApiState | undefined;
}

export interface RecordedRequest {
  method: string;
  /** path with its query string, as received, e.g. '/api/v2/workspaces?q=owner%3Ame' */
  path: string;
}

export interface AgentApiState {
  workspace: string;
  /** AgentAPI GET /status as it would answer now */
  status: 'running' | 'stable';
  /** Claude Code (and AgentAPI with it) exited after a second Ctrl+C: unreachable until the workspace starts again */
  exited: boolean;
  /** POST /message {type: "raw"} received */
  rawMessages: number;
  /** raw messages that were exactly Esc (\u001b) */
  escapes: number;
  /** Ctrl+C (\u0003) key presses received in raw messages */
  ctrlCs: number;
  /** accepted POST /message {type: "user"} */
  userMessages: number;
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
  /** 200 with a JSON body that never ends, as fast as the client reads it: a client must cap what it reads */
  endlessBody?: boolean;
  /** answer `status` (default 302) with this Location header, as an app's own redirect through the proxy */
  location?: string;
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
