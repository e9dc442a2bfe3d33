// Puts back the previous text of recordings whose exchange did not change, to keep diffs meaningful.
import { readFile, writeFile } from 'node:fs/promises';
import { comparableHar } from './comparable-har.js';

/** Reads the current text of the given files; files that do not exist are left out. */
export async function snapshotFiles(paths: readonly string[]): Promise<Map<string, string>> {
  const snapshot = new Map<string, string>();
  for (const path of paths) {
    try {
      snapshot.set(path, await readFile(path, 'utf8'));
    } catch {
      // A file that does not exist yet has nothing to keep.
    }
  }
  return snapshot;
}

/**
 * For each HAR in `paths` that existed before and only differs in volatile details, writes the
 * old text back. Returns the paths that really changed (new files included).
 */
export async function keepUnchangedRecordings(before: Map<string, string>, paths: readonly string[]): Promise<string[]> {
  const changed: string[] = [];
  for (const path of paths) {
    const previous = before.get(path);
    const current = await readFile(path, 'utf8');
    if (previous !== undefined && previous !== current && comparableHar(previous) === comparableHar(current)) {
      await writeFile(path, previous);
    } else if (previous !== current) {
      changed.push(path);
    }
  }
  return changed;
}
