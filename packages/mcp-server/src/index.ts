// The public face of @fleet/mcp-server: the server factory, its transports, and the configuration it reads.
export { createFleetMcpServer, type FleetMcpServerOptions } from './server.js';
export { startHttpServer, MCP_PATH, type HttpServerOptions, type RunningHttpServer } from './http.js';
export {
  parseCommandLine,
  ConfigError,
  DEFAULT_HTTP_HOST,
  DEFAULT_HTTP_PORT,
  type CliCommand,
  type Environment,
  type ServerConfig,
  type TransportConfig,
} from './config.js';
export { main, type MainOptions, type MainOutcome } from './main.js';
export { createLogger, LOG_LEVELS, type Logger, type LoggerOptions, type LogLevel, type LogFields } from './logger.js';
export { ERROR_META_KEY, type ToolErrorDetails } from './errors.js';
