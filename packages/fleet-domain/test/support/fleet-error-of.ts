// The FleetError a promise rejects with; fails the test when it resolves or rejects with anything else.
import { FleetError } from '@fleet/fleet-models';

export async function fleetErrorOf(promise: Promise<unknown>): Promise<FleetError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(FleetError);
  return error as FleetError;
}
