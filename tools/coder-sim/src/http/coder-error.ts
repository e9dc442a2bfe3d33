// Coder's error responses: the {message, detail, validations} body with the status and wording Coder uses.

export interface ValidationErrorBody {
  field: string;
  detail: string;
}

export interface CoderErrorBody {
  message: string;
  detail?: string;
  validations?: ValidationErrorBody[];
}

export class CoderHttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: CoderErrorBody,
  ) {
    super(body.message);
  }
}

export function resourceNotFound(): CoderHttpError {
  return new CoderHttpError(404, { message: 'Resource not found or you do not have access to this resource' });
}

export function routeNotFound(): CoderHttpError {
  return new CoderHttpError(404, { message: 'Route not found.' });
}

/** The detail Go's uuid.Parse gives for a malformed id. */
function uuidParseError(value: string): string | null {
  const length = value.length;
  if (length !== 36 && length !== 32 && length !== 38 && length !== 45) {
    return `invalid UUID length: ${length}`;
  }
  const canonical = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  const compact = /^[0-9a-f]{32}$/i;
  const braced = /^\{[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}$/i;
  const urn = /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  return canonical.test(value) || compact.test(value) || braced.test(value) || urn.test(value)
    ? null
    : 'invalid UUID format';
}

/** Normalises a UUID path parameter or throws Coder's 400 "Invalid UUID". */
export function parseUuidParameter(value: string): string {
  const problem = uuidParseError(value);
  if (problem) {
    throw new CoderHttpError(400, { message: `Invalid UUID "${value}".`, detail: problem });
  }
  const hex = value.replace(/^urn:uuid:/i, '').replace(/[{}-]/g, '').toLowerCase();
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** The body httpapi.Read gives when a request field fails its validate tag. */
export function validationFailed(field: string, tag: string, value: unknown): CoderHttpError {
  return new CoderHttpError(400, {
    message: 'Validation failed.',
    validations: [{ field, detail: `Validation failed for tag "${tag}" with value: "${String(value ?? '')}"` }],
  });
}
