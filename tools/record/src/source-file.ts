// SOURCE.json: which server a folder of recordings came from, and when.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export type RecordingSource = 'simulator' | 'coder';

export interface SourceDescription {
  source: RecordingSource;
  /** The server's version as its buildinfo reported it. */
  coderVersion: string;
  /** The server's host, without credentials (and without the simulator's random port). */
  host: string;
  recordedAt: string;
  /** The command that made the recordings. */
  script: string;
}

export const sourceFileName = 'SOURCE.json';

export async function writeSourceFile(directory: string, description: SourceDescription): Promise<void> {
  await writeFile(join(directory, sourceFileName), `${JSON.stringify(description, null, 2)}\n`);
}
