// Reading MCP tool results as the server documents them: text, structuredContent, and error details under _meta["fleet/error"].
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';

/** The documented key (packages/mcp-server README, "Errors"): an e2e test reads the wire format, not the server's constant. */
export const ERROR_META_KEY = 'fleet/error';

export interface ToolErrorDetails {
  code: string;
  message: string;
  retryable: boolean;
  request_id?: string;
}

export function textOf(result: CallToolResult): string {
  return result.content.map((block) => (block.type === 'text' ? block.text : '')).join('\n');
}

/** The error a failed call carries; throws when the call did not fail, so a test reads one clear message. */
export function errorOf(result: CallToolResult): ToolErrorDetails {
  if (result.isError !== true) {
    throw new Error(`expected an error result, got success: ${textOf(result)}`);
  }
  const details = result._meta?.[ERROR_META_KEY] as ToolErrorDetails | undefined;
  if (details === undefined) throw new Error(`error result without _meta["${ERROR_META_KEY}"]: ${textOf(result)}`);
  return details;
}

/**
 * The structured result of a successful call. The SDK client already checked it against the tool's advertised
 * output schema (tools are listed on connect), so the cast names a shape that was validated.
 */
export function structuredOf<Shape>(result: CallToolResult): Shape {
  if (result.isError === true) throw new Error(`expected success, got ${textOf(result)}`);
  if (result.structuredContent === undefined) throw new Error(`success without structuredContent: ${textOf(result)}`);
  return result.structuredContent as Shape;
}
