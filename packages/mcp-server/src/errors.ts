// Turns whatever a tool call threw into an MCP error result: a FleetError keeps its code and message, anything else becomes INTERNAL.
import { randomUUID } from 'node:crypto';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { isFleetError, type FleetErrorCode } from '@fleet/fleet-models';
import type { Logger } from './logger.js';
import { multiline } from './outputs/terminal-text.js';

/**
 * Where an error result carries its details for programs. Not `structuredContent`: the SDK's client
 * checks any structuredContent against the tool's output schema, even on an error, and would reject it.
 */
export const ERROR_META_KEY = 'fleet/error';

export interface ToolErrorDetails {
  code: FleetErrorCode;
  message: string;
  retryable: boolean;
  request_id?: string;
}

export interface ToolErrorContext {
  logger: Logger;
  /** The client cancelled the call, so nobody will read the result. */
  aborted?: boolean;
  /** The call's id in the audit log; a new one otherwise. */
  requestId?: string;
}

export function toolErrorResult(error: unknown, context: ToolErrorContext): CallToolResult {
  const { logger } = context;
  if (isFleetError(error) && error.code !== 'INTERNAL') {
    logger.info('tool call refused', { code: error.code, error_message: error.message, cause: error.cause });
    return errorResult({ code: error.code, message: logger.redact(error.message), retryable: error.retryable });
  }
  if (context.aborted === true) {
    logger.info('tool call cancelled by the client', { error });
    return errorResult({ code: 'INTERNAL', message: 'the call was cancelled', retryable: true });
  }
  const requestId = context.requestId ?? randomUUID();
  // The stack goes to the log only: the client gets an id the operator can look up.
  logger.error('tool call failed unexpectedly', { request_id: requestId, error });
  const retryable = isFleetError(error) && error.retryable;
  return errorResult({
    code: 'INTERNAL',
    message: `an unexpected error occurred in the Fleet server (request id ${requestId}); the operator can find the details in the server's log under that id`,
    retryable,
    request_id: requestId,
  });
}

function errorResult(raw: ToolErrorDetails): CallToolResult {
  // A message may quote Coder (a project's name, its error text) or the caller's input: it is prose, so it is escaped everywhere.
  const details = { ...raw, message: multiline(raw.message) };
  return {
    content: [{ type: 'text', text: `${details.code}: ${details.message}` }],
    isError: true,
    _meta: { [ERROR_META_KEY]: details },
  };
}
