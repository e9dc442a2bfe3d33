// What every tool registration receives besides the server and the fleet.
import type { Logger } from './logger.js';

export interface ToolContext {
  logger: Logger;
}
