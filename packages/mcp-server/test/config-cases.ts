// What the configuration tests share: an environment that names a Coder, a strong HTTP token, and a parse expected to fail.
import { ConfigError, parseCommandLine, type Environment } from '../src/config.js';

export const ENVIRONMENT: Environment = { CODER_URL: 'https://coder.example.com/', CODER_SESSION_TOKEN: 'Xk2hq9TzLw-8s7dF3gH1jK4lM6nP0rQ2' };
export const HTTP_TOKEN = 'c2b7e1f04d9a4e6b8a3f5d7c9e1b2a4d';

/** The ConfigError parsing these arguments throws; fails the test when it parses or throws anything else. */
export function parseError(argv: string[], environment: Environment = ENVIRONMENT): ConfigError {
  try {
    parseCommandLine(argv, environment);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}
