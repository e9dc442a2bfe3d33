// Re-reads written files and reports any that still contain a secret.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Every file under `directory`, recursively. */
export async function listFiles(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((entry) => {
      const path = join(directory, entry.name);
      return entry.isDirectory() ? listFiles(path) : Promise.resolve([path]);
    }),
  );
  return nested.flat();
}

/** The files among `paths` whose text contains `secret` as-is or URL-encoded. */
export async function filesContainingSecret(paths: readonly string[], secret: string): Promise<string[]> {
  if (!secret) {
    return [];
  }
  const encoded = encodeURIComponent(secret);
  const found: string[] = [];
  for (const path of paths) {
    const text = await readFile(path, 'utf8');
    if (text.includes(secret) || text.includes(encoded)) {
      found.push(path);
    }
  }
  return found;
}
