// Where a tool's JSON schema is not portable, as the MCP Inspector's schema lint reports it.

/**
 * Spots that use a `type` array (single-type dialects such as Gemini's function declarations reject
 * them) or a node with no validation keyword at all (it accepts anything).
 */
export function unportableSpots(schema: unknown, path = '$'): string[] {
  if (typeof schema !== 'object' || schema === null) return [];
  const node = schema as Record<string, unknown>;
  const spots: string[] = [];
  if (Array.isArray(node['type'])) spots.push(`${path}: type ${JSON.stringify(node['type'])}`);
  if (!['type', 'anyOf', 'oneOf', 'allOf', 'enum', 'const', '$ref'].some((key) => key in node)) spots.push(`${path}: untyped`);
  for (const [key, value] of Object.entries(node)) {
    if (key === 'properties' && typeof value === 'object' && value !== null) {
      for (const [property, sub] of Object.entries(value)) spots.push(...unportableSpots(sub, `${path}.${property}`));
    } else if ((key === 'anyOf' || key === 'oneOf' || key === 'allOf') && Array.isArray(value)) {
      value.forEach((sub, index) => spots.push(...unportableSpots(sub, `${path}.${key}[${index}]`)));
    } else if (key === 'items' || key === 'additionalProperties') {
      spots.push(...unportableSpots(value, `${path}.${key}`));
    }
  }
  return spots;
}
