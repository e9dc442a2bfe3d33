// Tests that re-recording the same exchange compares equal while a changed exchange does not.
import { comparableHar } from '../src/comparable-har.js';

function har(options: { port: number; startedAt: string; body: string; date: string }): string {
  return JSON.stringify({
    log: {
      entries: [
        {
          startedDateTime: options.startedAt,
          time: 12,
          timings: { wait: 12 },
          request: { method: 'GET', url: `http://127.0.0.1:${options.port}/api/v2/buildinfo` },
          response: {
            status: 200,
            headers: [
              { name: 'date', value: options.date },
              { name: 'x-coder-build-version', value: 'v2.30.0' },
            ],
            content: { text: options.body },
          },
        },
      ],
    },
  });
}

describe('comparableHar', () => {
  it('treats recordings that differ only in clocks and the loopback port as the same', () => {
    const first = har({ port: 40001, startedAt: '2025-01-01T10:00:00.000Z', date: 'Mon, 1 Jan', body: '{"created_at":"2025-01-01T10:00:00.123Z"}' });
    const second = har({ port: 51234, startedAt: '2025-02-03T11:00:00.000Z', date: 'Tue, 2 Feb', body: '{"created_at":"2025-02-03T11:22:33.456Z"}' });

    expect(comparableHar(second)).toBe(comparableHar(first));
  });

  it('tells recordings apart when the answer changed', () => {
    const first = har({ port: 40001, startedAt: '2025-01-01T10:00:00.000Z', date: 'd', body: '{"version":"v2.30.0"}' });
    const second = har({ port: 40001, startedAt: '2025-01-01T10:00:00.000Z', date: 'd', body: '{"version":"v2.31.0"}' });

    expect(comparableHar(second)).not.toBe(comparableHar(first));
  });
});
