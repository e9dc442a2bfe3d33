// Turns the body of an HTTP error answer (Coder's or AgentAPI's) into what CoderApiError holds.
import type { CoderValidation } from '../errors/coder-api-error.js';
import { AgentApiErrorModelSchema, CoderErrorResponseSchema } from '../schemas/error-bodies.js';
import { redactToken } from '../redact-token.js';

export interface ErrorBodyDescription {
  message: string;
  detail?: string | undefined;
  validations?: CoderValidation[] | undefined;
}

/** Longest piece of a non-JSON error body kept as `detail` (an HTML error page says little more). */
const maximumTextDetailLength = 300;

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Reads Coder's `{message, detail, validations}`, or AgentAPI's RFC 7807
 * `{title, status, detail, errors}`; anything else becomes the status text with the start of the
 * body as detail. The token is removed from every string.
 */
export function describeErrorBody(text: string, statusText: string, token: string): ErrorBodyDescription {
  const clean = (value: string | undefined): string | undefined => (value === undefined ? undefined : redactToken(value, token));
  const body = parseJson(text);

  const coderBody = CoderErrorResponseSchema.safeParse(body);
  if (coderBody.success) {
    return {
      message: clean(coderBody.data.message) ?? statusText,
      detail: clean(coderBody.data.detail),
      validations: (coderBody.data.validations ?? []).map((validation) => ({
        field: clean(validation.field) ?? '',
        detail: clean(validation.detail) ?? '',
      })),
    };
  }

  const problem = AgentApiErrorModelSchema.safeParse(body);
  if (problem.success && (problem.data.title !== undefined || problem.data.detail !== undefined)) {
    return {
      message: clean(problem.data.title ?? problem.data.detail) ?? statusText,
      detail: problem.data.title === undefined ? undefined : clean(problem.data.detail),
      validations: (problem.data.errors ?? []).map((error) => ({
        field: clean(error.location) ?? '',
        detail: clean(error.message) ?? '',
      })),
    };
  }

  const trimmed = text.trim();
  return {
    message: statusText || 'HTTP error',
    detail: trimmed ? clean(trimmed.slice(0, maximumTextDetailLength)) : undefined,
  };
}
