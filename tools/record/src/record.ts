// `npm run record`: drives @fleet/coder-client through every method and writes Polly recordings.
import { CoderClient } from '@fleet/coder-client';
import { startSimulator } from '@fleet/coder-sim';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { filesContainingSecret, listFiles } from './find-secret.js';
import { findRepositoryRoot } from './find-repository-root.js';
import { keepUnchangedRecordings, snapshotFiles } from './keep-unchanged-recordings.js';
import { CaseRecorder, invalidToken, type RecordTarget } from './record-cases.js';
import { Recorder } from './recorder.js';
import { sourceFileName, writeSourceFile, type RecordingSource } from './source-file.js';

/** Releases of each Coder generation the simulator plays: experimental tasks, /api/v2/tasks (2.30 and the 2.34 ESR), no Tasks API. */
const simulatedVersions = ['v2.27.1', 'v2.30.0', 'v2.34.3', 'v2.37.0'] as const;
const simulatorSeed = 1;
const simulatorSpeed = 0.05;
/**
 * The standard world without its 1,000-status agent: a few realistic workspaces (tens of KB each)
 * cover every shape the client reads, and keep the recordings small enough for the repository.
 */
const simulatorWorld = { longHistoryAgents: 0 };
const scriptDescription = 'npm run record (tools/record)';

const log = (line: string) => process.stdout.write(`${line}\n`);

interface RecordingRun {
  source: RecordingSource;
  coderVersion: string;
  host: string;
  target: RecordTarget;
}

/** `v2.27.1+230b55b` becomes `v2.27.1`: folder names carry the release, not the commit. */
function releaseOf(version: string): string {
  return version.replace(/\+.*$/, '');
}

async function recordRun(recordingsRoot: string, run: RecordingRun): Promise<string[]> {
  const directory = join(recordingsRoot, `${run.source}-${releaseOf(run.coderVersion)}`);
  await mkdir(directory, { recursive: true });
  const before = await snapshotFiles((await listFiles(directory)).filter((path) => path.endsWith('.har')));

  const recorder = new Recorder({ recordingsDirectory: directory, secrets: [run.target.token, invalidToken] });
  const cases = new CaseRecorder(run.target, recorder);
  const problems: string[] = [];
  try {
    await cases.recordAll();
  } catch (error) {
    problems.push(error instanceof Error ? error.message : String(error));
  }
  problems.push(...cases.problems);

  const recordings = (await listFiles(directory)).filter((path) => path.endsWith('.har'));
  const changed = await keepUnchangedRecordings(before, recordings);
  if (changed.length > 0 || !existsSync(join(directory, sourceFileName))) {
    await writeSourceFile(directory, {
      source: run.source,
      coderVersion: run.coderVersion,
      host: run.host,
      recordedAt: new Date().toISOString(),
      script: scriptDescription,
    });
  }

  // Every file written is read again: a token in any of them fails the run.
  const written = await listFiles(directory);
  for (const secret of [run.target.token, invalidToken]) {
    for (const path of await filesContainingSecret(written, secret)) {
      problems.push(`${relative(recordingsRoot, path)} contains a token`);
    }
  }
  log(`${run.source} ${run.coderVersion}: ${recorder.recordedCases.length} cases, ${changed.length} recordings changed`);
  return problems;
}

async function recordRealCoder(recordingsRoot: string, url: string, token: string): Promise<string[]> {
  const info = await new CoderClient({ url, token }).getBuildInfo();
  const suffix = Date.now().toString(36);
  return recordRun(recordingsRoot, {
    source: 'coder',
    coderVersion: info.version,
    host: new URL(url).host,
    target: {
      url,
      token,
      source: 'coder',
      workspaceName: `fleet-rec-${suffix}`,
      taskName: `fleet-rec-task-${suffix}`,
      pollIntervalMs: 3_000,
      waitTimeoutMs: 15 * 60_000,
      log,
    },
  });
}

async function recordSimulator(recordingsRoot: string, coderVersion: string): Promise<string[]> {
  const simulator = await startSimulator({ coderVersion, seed: simulatorSeed, speed: simulatorSpeed, world: simulatorWorld });
  try {
    const info = await new CoderClient({ url: simulator.url, token: simulator.token }).getBuildInfo();
    return await recordRun(recordingsRoot, {
      source: 'simulator',
      coderVersion: info.version,
      host: new URL(simulator.url).hostname,
      target: {
        url: simulator.url,
        token: simulator.token,
        source: 'simulator',
        faults: simulator.control,
        workspaceName: 'fleet-rec-workspace',
        taskName: 'fleet-rec-task',
        pollIntervalMs: 50,
        waitTimeoutMs: 60_000,
        log,
      },
    });
  } finally {
    await simulator.close();
  }
}

async function main(): Promise<number> {
  const root = findRepositoryRoot(dirname(fileURLToPath(import.meta.url)));
  const recordingsRoot = join(root, 'recordings', 'coder-client');
  const url = process.env['CODER_URL'];
  const token = process.env['CODER_SESSION_TOKEN'];

  const problems: string[] = [];
  if (url && token) {
    log(`Recording the Coder at ${new URL(url).host}`);
    problems.push(...(await recordRealCoder(recordingsRoot, url, token)));
  } else {
    log('CODER_URL and CODER_SESSION_TOKEN not both set: recording the simulator');
    for (const version of simulatedVersions) {
      problems.push(...(await recordSimulator(recordingsRoot, version)));
    }
  }
  for (const problem of problems) {
    process.stderr.write(`problem: ${problem}\n`);
  }
  return problems.length === 0 ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`record failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
