// The one error the fleet's layers throw: a code from a fixed list and a message a person can act on.
import * as z from 'zod';

export const FLEET_ERROR_CODES = [
  'NOT_FOUND',
  'CONFLICT',
  'AGENT_BUSY',
  'AGENT_OFFLINE',
  'INVALID_INPUT',
  'INVALID_STATE',
  'UNAUTHORIZED',
  'CODER_UNAVAILABLE',
  'INTERNAL',
] as const;

export const FleetErrorCodeSchema = z.enum(FLEET_ERROR_CODES);
export type FleetErrorCode = z.infer<typeof FleetErrorCodeSchema>;

export interface FleetErrorOptions {
  /** Whether the same call may succeed if tried again later. */
  retryable?: boolean;
  cause?: unknown;
}

export class FleetError extends Error {
  override readonly name = 'FleetError';
  readonly code: FleetErrorCode;
  readonly retryable: boolean;

  constructor(code: FleetErrorCode, message: string, options: FleetErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.retryable = options.retryable ?? false;
  }

  toJSON(): { code: FleetErrorCode; message: string; retryable: boolean } {
    return { code: this.code, message: this.message, retryable: this.retryable };
  }
}

export function isFleetError(value: unknown): value is FleetError {
  return value instanceof FleetError;
}
