// The packages this repository publishes: every non-private package under packages/, read from its manifest.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface WorkspacePackage {
  name: string;
  version: string;
  directory: string;
}

/** From src/ (tests) and dist/ (built) alike, the repository is three folders up. */
export const WORKSPACE_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export function publishedPackages(root = WORKSPACE_ROOT): WorkspacePackage[] {
  const packagesDirectory = join(root, 'packages');
  return readdirSync(packagesDirectory, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => {
      const directory = join(packagesDirectory, entry.name);
      const manifest = JSON.parse(readFileSync(join(directory, 'package.json'), 'utf8')) as { name: string; version: string; private?: boolean };
      return { name: manifest.name, version: manifest.version, directory, private: manifest.private === true };
    })
    .filter((found) => !found.private)
    .map(({ name, version, directory }) => ({ name, version, directory }));
}
