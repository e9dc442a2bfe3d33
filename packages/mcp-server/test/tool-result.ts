// Reading tool results in tests: the text, and the error details the server puts in _meta.
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { ERROR_META_KEY, type ToolErrorDetails } from '../src/errors.js';

export function textOf(result: CallToolResult): string {
  return result.content.map((block) => (block.type === 'text' ? block.text : '')).join('\n');
}

export function errorDetailsOf(result: CallToolResult): ToolErrorDetails | undefined {
  return result._meta?.[ERROR_META_KEY] as ToolErrorDetails | undefined;
}
