// The real fleet (@fleet/fleet-domain) on a fake Coder client answering from the recordings: what the server's tests run the tools on.
import { CODER_URL, FakeClock, recordedCoder, type FakeAnswers, type FakeCoderClient, type RecordedGeneration } from '@fleet/coder-fakes';
import { createFleetOn, type Fleet } from '@fleet/fleet-domain';

/** The generation a test plays unless it names one: 2.30, where Coder's Tasks API takes the first task. */
export const GENERATION: RecordedGeneration = 'v2.30.0';

export interface RecordedFleet {
  fleet: Fleet;
  /** The fake Coder client under it: what Coder was asked, per method. */
  coder: FakeCoderClient;
  /** The time the fleet's waits ran on: they pass at once. */
  clock: FakeClock;
}

/** `answers` replace the recorded answers of their methods: the Coder-level condition a test plays. */
export function recordedFleet(options: { generation?: RecordedGeneration; answers?: FakeAnswers } = {}): RecordedFleet {
  const coder = recordedCoder(options.generation ?? GENERATION, options.answers ?? {});
  const clock = new FakeClock();
  return { fleet: createFleetOn(coder.client, { url: CODER_URL, clock }), coder, clock };
}
