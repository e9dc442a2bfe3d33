// Two TypeScript consumers of the installed libraries, without @types/node (the libraries need only fetch's DOM types):
// one under `nodenext` with an ES module and a CommonJS file (compiled, so that the CommonJS output can be run), and one
// under `bundler` (type-checked only). The server's own API is left to attw, which checks its declarations resolve.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface TypeScriptConsumers {
  nodenextProject: string;
  bundlerProject: string;
  /** The CommonJS file alone under `node16`, which has no require(esm): tsc must refuse it (TS1479). */
  node16CommonJsProject: string;
  /** The CommonJS file tsc emits from the nodenext project; it exports `loaded`. */
  compiledCommonJs: string;
}

const IMPORTS = `import { CoderClient } from '@fleet/coder-client';
import { createFleet, type Fleet } from '@fleet/fleet-domain';
import { agentNameProblem } from '@fleet/fleet-models';
`;

const USES = `export function makeFleet(url: string, token: string): Fleet {
  return createFleet({ url, token });
}
export const client: (url: string, token: string) => CoderClient = (url, token) => new CoderClient({ url, token });
export const validName: boolean = agentNameProblem('review-docs') === undefined;
export const loaded = { CoderClient: typeof CoderClient, createFleet: typeof createFleet };
`;

const STRICT = { strict: true, target: 'ES2022', lib: ['ES2023', 'DOM'], types: [] };
/** Checking every declaration file (zod's are large) once, in the nodenext project, is enough: the others skip them. */
const CHECK_DECLARATIONS = { skipLibCheck: false };
const SKIP_DECLARATIONS = { skipLibCheck: true };

export function writeTypeScriptConsumers(folder: string): TypeScriptConsumers {
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'esm.mts'), IMPORTS + USES);
  writeFileSync(join(folder, 'cjs.cts'), IMPORTS + USES);
  writeFileSync(join(folder, 'bundled.ts'), IMPORTS + USES);
  const nodenextProject = join(folder, 'tsconfig.nodenext.json');
  writeFileSync(nodenextProject, JSON.stringify({ compilerOptions: { ...STRICT, ...CHECK_DECLARATIONS, module: 'nodenext', moduleResolution: 'nodenext', outDir: 'out' }, files: ['esm.mts', 'cjs.cts'] }));
  const bundlerProject = join(folder, 'tsconfig.bundler.json');
  writeFileSync(bundlerProject, JSON.stringify({ compilerOptions: { ...STRICT, ...SKIP_DECLARATIONS, module: 'esnext', moduleResolution: 'bundler', noEmit: true }, files: ['bundled.ts'] }));
  const node16CommonJsProject = join(folder, 'tsconfig.node16.json');
  writeFileSync(node16CommonJsProject, JSON.stringify({ compilerOptions: { ...STRICT, ...SKIP_DECLARATIONS, module: 'node16', moduleResolution: 'node16', noEmit: true }, files: ['cjs.cts'] }));
  return { nodenextProject, bundlerProject, node16CommonJsProject, compiledCommonJs: join(folder, 'out', 'cjs.cjs') };
}
