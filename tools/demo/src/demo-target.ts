// Chooses what the demo runs against: the Coder that CODER_URL and CODER_SESSION_TOKEN name, or else the simulator, started in-process.
import { startSimulator } from '@fleet/coder-sim';
import type { CoderTarget } from './fleet-server-connection.js';
import { DEMO_AGENT_PREFIX } from './run-demo.js';

export interface DemoTarget {
  coder: CoderTarget;
  /** For the transcript's first line: what runs, and how to choose the other target. */
  description: string;
  /** A real agent takes minutes where the simulator takes seconds. */
  waitBoundMs: number;
  pollIntervalMs: number;
  close(): Promise<void>;
}

export interface SimulatorChoice {
  coderVersion: string;
  /** 1 is the simulator's demo pace; lower is faster. */
  speed: number;
}

export const DEFAULT_SIMULATOR_CHOICE: SimulatorChoice = { coderVersion: 'v2.30.0', speed: 0.3 };

const REAL_CODER_WAIT_BOUND_MS = 10 * 60_000;
const REAL_CODER_POLL_INTERVAL_MS = 2_000;
const SIMULATOR_WAIT_BOUND_MS = 30_000;
const SIMULATOR_POLL_INTERVAL_MS = 250;

export async function openDemoTarget(
  environment: Readonly<Record<string, string | undefined>>,
  simulator: SimulatorChoice,
  note: (line: string) => void,
): Promise<DemoTarget> {
  const url = environment['CODER_URL']?.trim() ?? '';
  const token = environment['CODER_SESSION_TOKEN']?.trim() ?? '';
  if (url !== '' && token !== '') {
    return {
      coder: { url, token },
      description: `your Coder at ${url} (CODER_URL and CODER_SESSION_TOKEN are set): it creates and deletes only its own ${DEMO_AGENT_PREFIX}* agent`,
      waitBoundMs: REAL_CODER_WAIT_BOUND_MS,
      pollIntervalMs: REAL_CODER_POLL_INTERVAL_MS,
      close: () => Promise.resolve(),
    };
  }
  if (url !== '' || token !== '') {
    note(`Only ${url !== '' ? 'CODER_URL' : 'CODER_SESSION_TOKEN'} is set; a real Coder needs both, so the demo uses the simulator.`);
  }
  const running = await startSimulator({ coderVersion: simulator.coderVersion, speed: simulator.speed });
  return {
    coder: { url: running.url, token: running.token },
    description: `the Coder simulator playing Coder ${running.coderVersion} at ${running.url}, speed ${simulator.speed} (set CODER_URL and CODER_SESSION_TOKEN to use a real Coder)`,
    waitBoundMs: SIMULATOR_WAIT_BOUND_MS,
    pollIntervalMs: SIMULATOR_POLL_INTERVAL_MS,
    close: () => running.close(),
  };
}
