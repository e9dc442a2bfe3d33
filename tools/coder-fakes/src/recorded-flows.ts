// Answers that play a recorded flow over time: an agent created, a stopped agent started, each as Coder answered its polls.
import { inTurn, type FakeAnswers } from './fake-coder-client.js';
import { recordedCreatedWorkspace, recordedCreatedWorkspaceAsPolled, recordedStartBuild, recordedWorkspaceWithBuild } from './recorded-coder-data.js';
import type { RecordedGeneration } from './recorded-traffic.js';

/** The recorded create: Coder accepts the workspace (build pending), then answers it, whatever id is asked, as polled until its agent is online. */
export function recordedCreation(generation: RecordedGeneration): FakeAnswers {
  return { createWorkspace: async () => recordedCreatedWorkspace(generation), getWorkspace: inTurn(...recordedCreatedWorkspaceAsPolled(generation)) };
}

/**
 * A start of the recorded agent `name`: Coder accepts the recorded start build, then answers the
 * workspace with it, then with the builds it showed while the recorded create's agent came online.
 */
export function recordedStartOf(generation: RecordedGeneration, name: string): FakeAnswers {
  const started = recordedStartBuild(generation);
  const [, ...asPolled] = recordedCreatedWorkspaceAsPolled(generation);
  const builds = [started, ...asPolled.map((workspace) => workspace.latest_build)];
  return { startWorkspace: async () => started, getWorkspace: inTurn(...builds.map((build) => recordedWorkspaceWithBuild(generation, name, build))) };
}
