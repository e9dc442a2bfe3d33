// Tells whether Coder answered that the thing asked for does not exist (any more).
import { CoderApiError } from '@fleet/coder-client';

/** 404 for what never existed, 410 for a workspace Coder has deleted. */
export function isMissingError(error: unknown): boolean {
  return error instanceof CoderApiError && (error.status === 404 || error.status === 410);
}
