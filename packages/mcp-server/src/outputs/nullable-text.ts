// A nullable string field whose schema stays portable: `anyOf` of a described string and null, never a `type` array.
import * as z from 'zod';

/**
 * zod writes a bare `z.string().nullable()` as `type: ["string", "null"]`, which clients that map
 * schemas onto a single-`type` dialect reject (the MCP Inspector warns). A description on the string
 * keeps the two branches apart, and tells a model what the value is.
 */
export function nullableText(description: string) {
  return z.string().describe(description).nullable();
}
