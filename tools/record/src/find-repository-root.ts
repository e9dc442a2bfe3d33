// Finds the monorepo's root (the folder holding nx.json) from wherever the script runs.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

export function findRepositoryRoot(start: string): string {
  let directory = start;
  for (;;) {
    if (existsSync(join(directory, 'nx.json'))) {
      return directory;
    }
    const parent = dirname(directory);
    if (parent === directory) {
      throw new Error(`No nx.json above ${start}: run the script inside the Fleet repository`);
    }
    directory = parent;
  }
}
