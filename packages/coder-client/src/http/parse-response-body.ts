// Checks a successful answer's body against the endpoint's schema, or says which field is wrong.
import type { z } from 'zod';
import { CoderResponseError, type CoderResponseIssue } from '../errors/coder-response-error.js';

export interface ResponseContext {
  method: string;
  path: string;
  status: number;
}

/** Parses `text` as JSON and validates it; every failure is a CoderResponseError naming the field. */
export function parseResponseBody<Schema extends z.ZodType>(
  text: string,
  schema: Schema,
  context: ResponseContext,
): z.output<Schema> {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new CoderResponseError({
      ...context,
      issues: [{ field: '(body)', problem: text.trim() ? 'not valid JSON' : 'empty body where JSON was expected' }],
    });
  }
  const result = schema.safeParse(body);
  if (!result.success) {
    throw new CoderResponseError({
      ...context,
      issues: describeIssues(result.error.issues, []),
    });
  }
  return result.data;
}

/**
 * Flattens zod's issues into field paths. For a body that matches none of several shapes, the
 * issues of the first shape are named, since that is the shape the endpoint normally sends.
 */
function describeIssues(issues: readonly z.core.$ZodIssue[], prefix: readonly PropertyKey[]): CoderResponseIssue[] {
  return issues.flatMap((issue) => {
    const path = [...prefix, ...issue.path];
    const firstAlternative = issue.code === 'invalid_union' ? issue.errors[0] : undefined;
    if (firstAlternative && firstAlternative.length > 0) {
      return describeIssues(firstAlternative, path);
    }
    return [{ field: path.length > 0 ? path.map(String).join('.') : '(body)', problem: issue.message }];
  });
}
