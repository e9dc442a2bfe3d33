// What every tool registration receives besides the server and the fleet.
import type { Logger } from './logger.js';

export interface ToolContext {
  logger: Logger;
  /** Whom the calls act for; named in the audit line of every call that changes something. */
  caller?: ToolCaller;
}

export interface ToolCaller {
  /** The Coder user the calls run as; undefined until the start-up check of Coder learnt it, or when Coder could not say. */
  username: string | undefined;
  /** Set when each client brings its own credential: Coder refused it during a call (expired or revoked). */
  credentialRefused?(): void;
}
