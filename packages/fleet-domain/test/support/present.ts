// Narrows a value the test data must hold, failing the test with a clear message when it does not.

export function present<Value>(value: Value | null | undefined, what = 'a value'): Value {
  if (value === null || value === undefined) {
    throw new Error(`The test data lacks ${what}`);
  }
  return value;
}
