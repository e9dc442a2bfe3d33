// Runs one service operation so that whatever Coder throws leaves it as a FleetError.
import { toFleetError, type ErrorContext } from './to-fleet-error.js';

export async function withFleetErrors<Result>(context: ErrorContext, operation: () => Promise<Result>): Promise<Result> {
  try {
    return await operation();
  } catch (error) {
    throw toFleetError(error, context);
  }
}
