// Finds the Polly recordings of this client and reads recorded exchanges from them.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** What SOURCE.json says about a folder of recordings. */
export interface RecordingSource {
  source: 'simulator' | 'coder';
  coderVersion: string;
  host: string;
  recordedAt: string;
  script: string;
}

/** One folder of recordings: one server, one Coder version. */
export interface RecordingSet {
  /** Folder name, e.g. `simulator-v2.27.1`. */
  name: string;
  directory: string;
  source: RecordingSource;
}

interface HarEntry {
  request: { method: string; url: string; postData?: { text?: string } };
  response: { status: number; content: { text?: string } };
}

function findRepositoryRoot(start: string): string {
  let directory = start;
  while (!existsSync(join(directory, 'nx.json'))) {
    const parent = dirname(directory);
    if (parent === directory) {
      throw new Error(`No nx.json above ${start}`);
    }
    directory = parent;
  }
  return directory;
}

export const recordingsRoot = join(findRepositoryRoot(process.cwd()), 'recordings', 'coder-client');

/** Every folder of recordings that says where it came from, simulator ones first. */
export function recordingSets(): RecordingSet[] {
  if (!existsSync(recordingsRoot)) {
    return [];
  }
  return readdirSync(recordingsRoot, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(recordingsRoot, entry.name, 'SOURCE.json')))
    .map((entry) => {
      const directory = join(recordingsRoot, entry.name);
      const source = JSON.parse(readFileSync(join(directory, 'SOURCE.json'), 'utf8')) as RecordingSource;
      return { name: entry.name, directory, source };
    })
    .sort((left, right) => left.name.localeCompare(right.name));
}

/** The recording set of one simulated generation, e.g. `v2.27.1`; fails loudly when it is missing. */
export function simulatorRecordings(version: string): RecordingSet {
  const set = recordingSets().find((candidate) => candidate.name === `simulator-${version}`);
  if (!set) {
    throw new Error(`No recordings for simulator-${version} under ${recordingsRoot}: run \`npm run record\``);
  }
  return set;
}

/** The HAR file of one case (Polly names its folder `<case>_<hash>`). */
export function harPath(set: RecordingSet, caseName: string): string {
  const folder = readdirSync(set.directory).find((name) => name.replace(/_\d+$/, '') === caseName);
  if (!folder) {
    throw new Error(`No recording of case "${caseName}" in ${set.name}: run \`npm run record\``);
  }
  return join(set.directory, folder, 'recording.har');
}

function entries(set: RecordingSet, caseName: string): HarEntry[] {
  const har = JSON.parse(readFileSync(harPath(set, caseName), 'utf8')) as { log: { entries: HarEntry[] } };
  return har.log.entries;
}

function findEntry(set: RecordingSet, caseName: string, method: string, path: RegExp): HarEntry {
  const entry = entries(set, caseName).find(
    (candidate) => candidate.request.method === method && path.test(new URL(candidate.request.url).pathname),
  );
  if (!entry) {
    throw new Error(`No ${method} ${String(path)} recorded in case "${caseName}" of ${set.name}`);
  }
  return entry;
}

/** The JSON body the server answered to the first recorded request matching method and path. */
export function recordedResponseBody(set: RecordingSet, caseName: string, method: string, path: RegExp): unknown {
  return JSON.parse(findEntry(set, caseName, method, path).response.content.text ?? 'null');
}

/** The JSON body the client sent in the first recorded request matching method and path. */
export function recordedRequestBody(set: RecordingSet, caseName: string, method: string, path: RegExp): unknown {
  return JSON.parse(findEntry(set, caseName, method, path).request.postData?.text ?? 'null');
}

/** The path of the first recorded request matching method and path. */
export function recordedPath(set: RecordingSet, caseName: string, method: string, path: RegExp): string {
  return new URL(findEntry(set, caseName, method, path).request.url).pathname;
}

/** The Coder generations the simulator recordings cover, with the Tasks API each one has. */
export const simulatedGenerations = [
  { version: 'v2.27.1', tasksApi: 'experimental', tasksPath: '/api/experimental/tasks' },
  { version: 'v2.30.0', tasksApi: 'v2', tasksPath: '/api/v2/tasks' },
  { version: 'v2.37.0', tasksApi: 'none', tasksPath: undefined },
] as const;

/** `[name, set]` rows for `describe.each` over every recorded server, simulated or real. */
export function everyRecordingSet(): (readonly [string, RecordingSet])[] {
  return recordingSets().map((set) => [set.name, set] as const);
}

/** The JSON bodies the server answered to every recorded request matching method and path, in order. */
export function recordedResponseBodies(set: RecordingSet, caseName: string, method: string, path: RegExp): unknown[] {
  return entries(set, caseName)
    .filter((entry) => entry.request.method === method && path.test(new URL(entry.request.url).pathname))
    .map((entry) => JSON.parse(entry.response.content.text ?? 'null') as unknown);
}
