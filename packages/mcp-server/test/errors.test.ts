// toolErrorResult on what the fleet never throws but the server must still handle: an INTERNAL FleetError, a token inside a message.
import { FleetError } from '@fleet/fleet-models';
import { toolErrorResult } from '../src/errors.js';
import { createCapturedLogger } from './captured-logger.js';
import { errorDetailsOf, textOf } from './tool-result.js';

const SESSION_TOKEN = 'Xk2hq9TzLw-8s7dF3gH1jK4lM6nP0rQ2';

test('a FleetError with the INTERNAL code also gets a request id and is logged', () => {
  const log = createCapturedLogger();

  const result = toolErrorResult(new FleetError('INTERNAL', 'the domain gave up', { cause: new Error('deep cause') }), { logger: log.logger });

  const details = errorDetailsOf(result);
  expect(details?.code).toBe('INTERNAL');
  expect(details?.request_id).toEqual(expect.any(String));
  expect(textOf(result)).not.toContain('the domain gave up');
  expect(log.records().some((record) => record['request_id'] === details?.request_id && record['level'] === 'error')).toBe(true);
});

test('a token inside a FleetError message never reaches the client', () => {
  const log = createCapturedLogger({ secrets: [SESSION_TOKEN] });

  const result = toolErrorResult(new FleetError('UNAUTHORIZED', `Coder refused the token ${SESSION_TOKEN}: set CODER_SESSION_TOKEN`), { logger: log.logger });

  expect(JSON.stringify(result)).not.toContain(SESSION_TOKEN);
  expect(textOf(result)).toBe('UNAUTHORIZED: Coder refused the token [REDACTED]: set CODER_SESSION_TOKEN');
  expect(log.lines.join('')).not.toContain(SESSION_TOKEN);
});
