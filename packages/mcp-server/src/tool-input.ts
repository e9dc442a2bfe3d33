// A tool's input: the JSON Schema clients are shown, and the strict check the handler makes before anything reaches the fleet.
import * as z from 'zod';
import { FleetError } from '@fleet/fleet-models';

/** A tool's arguments: an object that refuses unknown fields. */
export type ToolInputSchema = z.ZodObject<z.ZodRawShape, z.core.$strict>;

const PREVIEW_LENGTH = 40;
const MAX_LISTED_KEYS = 5;

/**
 * The schema handed to the SDK. It advertises `strict`'s JSON Schema to clients but accepts any object:
 * the SDK answers input that fails its schema with a generic text of its own (and no error code), so the
 * strict check happens in the handler, which answers INVALID_INPUT naming the field.
 */
export function declaredInputSchema(strict: ToolInputSchema) {
  const jsonSchema: Record<string, unknown> = z.toJSONSchema(strict, { io: 'input', target: 'draft-7' });
  // The SDK adds its own $schema when it renders the tool list.
  delete jsonSchema['$schema'];
  return z.looseObject({}).meta(jsonSchema);
}

/** Checks a call's arguments; throws INVALID_INPUT that names each bad field and what to do. */
export function parseToolInput<Schema extends ToolInputSchema>(schema: Schema, args: unknown): z.output<Schema> {
  const result = schema.safeParse(args ?? {});
  if (result.success) return result.data;
  const argumentsGiven = isRecord(args) ? args : {};
  const messages = firstIssuePerField(result.error.issues).map((issue) => describeIssue(issue, argumentsGiven, schema));
  throw new FleetError('INVALID_INPUT', messages.join('; '));
}

function firstIssuePerField(issues: readonly z.core.$ZodIssue[]): z.core.$ZodIssue[] {
  const seen = new Set<string>();
  return issues.filter((issue) => {
    const field = fieldName(issue.path);
    if (seen.has(field)) return false;
    seen.add(field);
    return true;
  });
}

function describeIssue(issue: z.core.$ZodIssue, args: Record<string, unknown>, schema: ToolInputSchema): string {
  const field = fieldName(issue.path);
  const given = issue.path.length === 1 ? args[String(issue.path[0])] : undefined;
  if (issue.code === 'unrecognized_keys') {
    const known = Object.keys(schema.shape);
    const listed = issue.keys.slice(0, MAX_LISTED_KEYS).map((key) => JSON.stringify(preview(key)));
    const more = issue.keys.length > MAX_LISTED_KEYS ? ` and ${issue.keys.length - MAX_LISTED_KEYS} more` : '';
    const takes = known.length === 0 ? 'this tool takes no arguments' : `this tool takes only ${known.join(', ')}`;
    return `unknown argument${issue.keys.length === 1 ? '' : 's'} ${listed.join(', ')}${more}: ${takes}`;
  }
  if (issue.code === 'invalid_type') {
    if (given === undefined) return `${field} is required: give it as ${describeExpected(issue.expected)}`;
    // 1.5 for a whole number: its value says more than its type.
    const got = issue.expected === 'int' && typeof given === 'number' ? String(given) : describeType(given);
    return `${field} must be ${describeExpected(issue.expected)}, not ${got}`;
  }
  if (issue.code === 'too_big' || issue.code === 'too_small') {
    // Past the safe-integer range zod speaks of its own bounds, which mean nothing to a caller.
    const bound = issue.code === 'too_big' ? issue.maximum : issue.minimum;
    if (Math.abs(Number(bound)) === Number.MAX_SAFE_INTEGER) {
      return `${field} is far too ${issue.code === 'too_big' ? 'large' : 'small'} (got ${String(given)})`;
    }
  }
  return typeof given === 'string' ? `${field}: ${issue.message} (got ${quote(given)})` : `${field}: ${issue.message}`;
}

function fieldName(path: readonly PropertyKey[]): string {
  return path.length === 0 ? 'arguments' : path.map(String).join('.');
}

/** zod's name for a type (`int`, `string`), as a sentence says it. */
function describeExpected(expected: string): string {
  switch (expected) {
    case 'int':
      return 'a whole number';
    case 'boolean':
      return 'true or false';
    case 'array':
    case 'object':
      return `an ${expected}`;
    default:
      return `a ${expected}`;
  }
}

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  const type = typeof value;
  return type === 'object' ? 'an object' : `a ${type}`;
}

function quote(value: string): string {
  const shown = JSON.stringify(preview(value));
  return value.length > PREVIEW_LENGTH ? `${shown}, ${value.length} characters` : shown;
}

function preview(value: string): string {
  return value.length > PREVIEW_LENGTH ? `${value.slice(0, PREVIEW_LENGTH)}…` : value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
