// Coder bodies that would hold the server: one that never ends, one slowed past the deadline while garbage is collected.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { useStdioFleet } from './support/stdio-fleet-fixture.js';
import { errorOf } from './support/tool-result.js';

const EVERY_REST_READ = { method: 'GET', path: '^/api/' };

/** The process's peak resident memory (VmHWM) in MiB: Linux only, like the CI this suite runs on. */
function peakResidentMiB(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((candidate) => candidate.startsWith('VmHWM:'));
  if (line === undefined) throw new Error(`no VmHWM in /proc/${pid}/status`);
  return Number(/(\d+)\s*kB/.exec(line)?.[1]) / 1024;
}

describe('a Coder body that never ends (Coder v2.30.0)', () => {
  /** Far past what reading the 64 MiB cap takes here: the call must end by the cap, not by this deadline. */
  const CODER_TIMEOUT_MS = 20_000;
  /** Measured ~170 MiB with the 64 MiB body cap; an unbounded read grew the server to 11.8 GB in 38 s. */
  const PEAK_BOUND_MIB = 384;
  const fleet = useStdioFleet({ coderVersion: 'v2.30.0', speed: 0.05 }, { FLEET_CODER_TIMEOUT_MS: String(CODER_TIMEOUT_MS) });

  afterEach(() => fleet().simulator.control.clearFaults());

  test('list_agents answers CODER_UNAVAILABLE naming the size limit, well before the deadline, with bounded memory', async () => {
    const { simulator, session, server } = fleet();
    simulator.control.setFaults([{ ...EVERY_REST_READ, endlessBody: true }]);
    simulator.control.resetStats();

    const started = Date.now();
    const error = errorOf(await session.call('list_agents'));
    const elapsedMs = Date.now() - started;
    const peakMiB = peakResidentMiB(server.pid);

    expect(error.code).toBe('CODER_UNAVAILABLE');
    expect(error.message).toMatch(/larger than \d+ bytes/);
    expect(elapsedMs).toBeLessThan(CODER_TIMEOUT_MS / 2);
    expect(peakMiB).toBeLessThan(PEAK_BOUND_MIB);
    // The simulator did stream past the cap: the bound came from the server, not from a short body.
    expect(simulator.control.stats().bytesSent).toBeGreaterThan(64 * 1024 * 1024);
  });
});

describe('a Coder body slowed past the deadline while garbage is collected every 20 ms (Coder v2.30.0)', () => {
  const CODER_TIMEOUT_MS = 1_000;
  /** The body would take this long in full: the call must end at the deadline instead. */
  const SLOW_BODY_MS = 8_000;
  /** Start-up of the call and the answer's way back, on a busy machine. */
  const SLACK_MS = 1_500;
  const gcPressure = fileURLToPath(new URL('./support/gc-pressure.mjs', import.meta.url));
  const fleet = useStdioFleet({ coderVersion: 'v2.30.0', speed: 0.05 }, { FLEET_CODER_TIMEOUT_MS: String(CODER_TIMEOUT_MS) }, [
    '--expose-gc',
    `--import=${gcPressure}`,
  ]);

  afterEach(() => fleet().simulator.control.clearFaults());

  test('list_agents answers CODER_UNAVAILABLE at the deadline, not when the body would have ended', async () => {
    const { simulator, session } = fleet();
    simulator.control.setFaults([{ ...EVERY_REST_READ, slowBodyMs: SLOW_BODY_MS }]);

    const started = Date.now();
    const error = errorOf(await session.call('list_agents'));
    const elapsedMs = Date.now() - started;

    expect(error.code).toBe('CODER_UNAVAILABLE');
    expect(error.message).toMatch(/time|answer/i);
    expect(elapsedMs).toBeGreaterThanOrEqual(CODER_TIMEOUT_MS - 50);
    expect(elapsedMs).toBeLessThan(CODER_TIMEOUT_MS + SLACK_MS);
  });
});
