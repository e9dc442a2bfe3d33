// JSON lines on stderr, levels, and the redaction of tokens wherever they hide.
import { REDACTED } from '@fleet/fleet-domain';
import { createCapturedLogger } from './captured-logger.js';

const SESSION_TOKEN = 'Xk2hq9TzLw-8s7dF3gH1jK4lM6nP0rQ2';
const BEARER_TOKEN = 'c2b7e1f04d9a4e6b8a3f5d7c9e1b2a4d';

test('writes one JSON line per event with time, level and msg', () => {
  const { logger, lines, records } = createCapturedLogger({ level: 'info' });

  logger.info('server ready', { transport: 'stdio' });

  expect(lines).toHaveLength(1);
  expect(lines[0]?.endsWith('\n')).toBe(true);
  expect(records()[0]).toEqual({ time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), level: 'info', msg: 'server ready', transport: 'stdio' });
});

test('drops lines below its level', () => {
  const { logger, lines } = createCapturedLogger({ level: 'warn' });

  logger.debug('noise');
  logger.info('more noise');
  logger.warn('kept');

  expect(lines).toHaveLength(1);
});

test('a child logger adds its fields to every line', () => {
  const { logger, records } = createCapturedLogger();

  logger.child({ tool: 'list_agents' }).info('answered');

  expect(records()[0]).toMatchObject({ tool: 'list_agents', msg: 'answered' });
});

describe('redaction', () => {
  test('a token in the message is replaced', () => {
    const { logger, lines } = createCapturedLogger({ secrets: [SESSION_TOKEN] });

    logger.info(`using token ${SESSION_TOKEN}`);

    expect(lines[0]).not.toContain(SESSION_TOKEN);
    expect(lines[0]).toContain('using token [REDACTED]');
  });

  test("a token in an error's message, its stack and its cause is replaced", () => {
    const { logger, lines, records } = createCapturedLogger({ secrets: [SESSION_TOKEN, BEARER_TOKEN] });
    const error = new Error(`request with Coder-Session-Token: ${SESSION_TOKEN} failed`, { cause: new Error(`bearer ${BEARER_TOKEN}`) });

    logger.error('call failed', { error });

    const line = lines[0] ?? '';
    expect(line).not.toContain(SESSION_TOKEN);
    expect(line).not.toContain(BEARER_TOKEN);
    const logged = records()[0]?.['error'] as { message: string; stack: string; cause: { message: string } };
    expect(logged.message).toBe('request with Coder-Session-Token: [REDACTED] failed');
    expect(logged.stack).toContain('[REDACTED]');
    expect(logged.cause.message).toBe('bearer [REDACTED]');
  });

  test('a token in a nested field, in URL-encoded form, is replaced', () => {
    const secret = 'abc/def+ghi=jkl0123';
    const { logger, lines } = createCapturedLogger({ secrets: [secret] });

    logger.warn('request', { request: { url: `https://coder.example.com/?token=${encodeURIComponent(secret)}`, headers: { token: secret } } });

    expect(lines[0]).not.toContain(secret);
    expect(lines[0]).not.toContain(encodeURIComponent(secret));
  });

  test('a token with characters JSON escapes is replaced in its escaped form too', () => {
    const secret = 'quote"and\\backslash-token';
    const { logger, lines } = createCapturedLogger({ secrets: [secret] });

    logger.info(`token ${secret}`);

    expect(lines[0]).not.toContain(JSON.stringify(secret).slice(1, -1));
    expect(lines[0]).toContain('token [REDACTED]');
  });

  test('a short token is redacted as a whole value, never inside the keys and words of a line', () => {
    const { logger, lines, records } = createCapturedLogger({ secrets: ['t'] });

    logger.info('the token is t', { timeout_ms: 5, value: 't' });

    expect(records()[0]).toEqual({ time: expect.any(String), level: 'info', msg: 'the token is [REDACTED]', timeout_ms: 5, value: REDACTED });
    expect(lines[0]).not.toContain('tim[REDACTED]');
  });

  test('a token right after an escaped newline or control character is still replaced', () => {
    const { logger, lines } = createCapturedLogger({ secrets: [SESSION_TOKEN] });

    logger.info(`first line\n${SESSION_TOKEN}\u001b${SESSION_TOKEN}\t${SESSION_TOKEN}`, { url: `https://coder.example.com/?q=%0A${SESSION_TOKEN}` });

    expect(lines[0]).not.toContain(SESSION_TOKEN);
  });

  test('a token inside a longer word is left alone: it is not that token', () => {
    const { logger } = createCapturedLogger({ secrets: [SESSION_TOKEN] });

    expect(logger.redact(`x${SESSION_TOKEN}y and ${SESSION_TOKEN}.`)).toBe(`x${SESSION_TOKEN}y and [REDACTED].`);
  });

  test('a token ending in a character no word holds is replaced even where a word follows', () => {
    const { logger } = createCapturedLogger({ secrets: ['c2VjcmV0LXRva2VuLXZhbHVl=='] });

    expect(logger.redact('Authorization: Bearer c2VjcmV0LXRva2VuLXZhbHVl==next')).toBe('Authorization: Bearer [REDACTED]next');
  });

  test('redact() cleans text leaving the process another way', () => {
    const { logger } = createCapturedLogger({ secrets: [SESSION_TOKEN] });

    expect(logger.redact(`refused ${SESSION_TOKEN}`)).toBe('refused [REDACTED]');
  });
});

test('a circular field does not make logging throw', () => {
  const { logger, records } = createCapturedLogger();
  const circular: Record<string, unknown> = { name: 'loop' };
  circular['self'] = circular;

  logger.info('circular', { circular });

  expect(records()[0]).toMatchObject({ circular: { name: 'loop', self: '[Circular]' } });
});
