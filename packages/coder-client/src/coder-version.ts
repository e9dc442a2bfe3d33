// Reads Coder's build version and decides which Tasks API that release offers.

/** A Coder release version, as parsed from buildinfo's `version` (e.g. `v2.27.1+230b55b`). */
export interface CoderVersion {
  major: number;
  minor: number;
  patch: number;
  /** A development build (`v0.0.0-devel`): it counts as the newest release. */
  development: boolean;
  /** The version string as the server sent it. */
  raw: string;
}

/** Which Tasks API a server has: `/api/experimental/tasks`, `/api/v2/tasks`, or none. */
export type TasksApi = 'experimental' | 'v2' | 'none';

const versionPattern = /^v?(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/;

/**
 * Parses a Coder version. Returns `undefined` for a string that is not a version, so the caller
 * decides what an unknown server means.
 */
export function parseCoderVersion(raw: string): CoderVersion | undefined {
  const match = versionPattern.exec(raw.trim());
  if (!match) {
    return undefined;
  }
  const [, major, minor, patch, prerelease] = match;
  const parsed = { major: Number(major), minor: Number(minor), patch: Number(patch) };
  const development = parsed.major === 0 && parsed.minor === 0 && parsed.patch === 0 && (prerelease ?? '').startsWith('devel');
  return { ...parsed, development, raw };
}

/** True when `version` is at least `major.minor`. A development build is newer than any release. */
function isAtLeast(version: CoderVersion, major: number, minor: number): boolean {
  if (version.development) {
    return true;
  }
  return version.major > major || (version.major === major && version.minor >= minor);
}

/**
 * The Tasks API of a Coder release: before 2.29 the experimental one, from 2.29 up to 2.36 the
 * promoted `/api/v2/tasks`, from 2.37 none. A version that cannot be parsed is treated as the
 * newest, because workspaces and AgentAPI (what the layer above falls back to) work everywhere.
 */
export function tasksApiForVersion(raw: string): TasksApi {
  const version = parseCoderVersion(raw);
  if (!version || isAtLeast(version, 2, 37)) {
    return 'none';
  }
  return isAtLeast(version, 2, 29) ? 'v2' : 'experimental';
}
