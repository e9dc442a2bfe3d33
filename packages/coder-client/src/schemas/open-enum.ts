// A string field with known values that newer Coder releases may extend.
import * as z from 'zod';

/**
 * Accepts any string but types it with the values known today, so a Coder release that adds a
 * status does not turn every response into an error.
 */
export function openEnum<const Values extends readonly [string, ...string[]]>(
  values: Values,
): z.ZodType<Values[number] | (string & {})> {
  return z.string().describe(`one of ${values.join(', ')}, or a value newer than this client`);
}
