// What a waiting create or restart must have reported: steps in increasing order, the last one complete and saying the agent is ready.
import type { Progress } from '@modelcontextprotocol/sdk/types.js';
import type { ProgressCall } from './fleet-session.js';

/** Checks what the server sent, and that the client got those notifications in the same order (the SDK may drop the last ones). */
export function expectProgressEndingReady(call: ProgressCall): void {
  expectStepsEndingReady(call.sent);
  expect(call.delivered.length).toBeGreaterThan(0);
  expect(call.delivered).toEqual(call.sent.slice(0, call.delivered.length));
}

function expectStepsEndingReady(updates: readonly Progress[]): void {
  expect(updates.length).toBeGreaterThanOrEqual(2);
  const progressValues = updates.map((update) => update.progress);
  expect(progressValues).toEqual([...progressValues].sort((left, right) => left - right));
  expect(new Set(progressValues).size).toBe(progressValues.length);
  for (const update of updates) {
    expect(update.total).toBeDefined();
    expect(update.progress).toBeLessThanOrEqual(update.total ?? Number.NEGATIVE_INFINITY);
    expect(update.message ?? '').not.toBe('');
  }
  const last = updates[updates.length - 1];
  expect(last?.progress).toBe(last?.total);
  expect(last?.message).toMatch(/ready|online|first task/i);
}
