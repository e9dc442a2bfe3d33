// Reading tool results in tests: the text, and the error details the server puts in _meta.
import { isDeepStrictEqual } from 'node:util';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { ERROR_META_KEY, type ToolErrorDetails } from '../src/errors.js';

export function textOf(result: CallToolResult): string {
  return result.content.map((block) => (block.type === 'text' ? block.text : '')).join('\n');
}

/**
 * The readable summary a successful result's text opens with; throws unless the rest of the text is the
 * whole structured result as JSON (the text carries everything, for clients that show only text).
 */
export function summaryOf(result: CallToolResult): string {
  const text = textOf(result);
  // JSON.stringify leaves no raw newline, so the last blank line separates summary and JSON.
  const separator = text.lastIndexOf('\n\n');
  const json: unknown = JSON.parse(text.slice(separator + 2));
  if (separator < 0 || !isDeepStrictEqual(json, result.structuredContent)) {
    throw new Error(`the text does not end with the structured result as JSON: ${text}`);
  }
  return text.slice(0, separator);
}

export function errorDetailsOf(result: CallToolResult): ToolErrorDetails | undefined {
  return result._meta?.[ERROR_META_KEY] as ToolErrorDetails | undefined;
}
