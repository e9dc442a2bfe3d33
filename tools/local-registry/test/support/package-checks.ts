// What a published tarball must be: clean under publint and attw, its manifest pointing only at files it
// ships, no source maps or build info, the repository's LICENSE, and dependencies exactly the packages its code imports.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import ts from 'typescript';
import { runCommand, WORKSPACE_ROOT, type LocalRegistry, type WorkspacePackage } from '../../src/index.js';

interface PublishedManifest {
  name: string;
  version: string;
  dependencies?: Record<string, string>;
  [field: string]: unknown;
}

const attw = join(dirname(createRequire(import.meta.url).resolve('@arethetypeswrong/cli/package.json')), 'dist', 'index.js');
/**
 * The packages are ES modules. A `require` of them resolves to ESM, which Node >= 20.19 loads (require(esm))
 * and TypeScript >= 5.8 accepts under `module: nodenext`; attw still flags it, since TypeScript's `node16`
 * mode does not. The registry test proves both the require and the nodenext CommonJS consumer.
 */
const ATTW_IGNORED_RULES = ['cjs-resolves-to-esm'];

async function downloadTarball(registry: LocalRegistry, found: WorkspacePackage, folder: string): Promise<string> {
  const packument = (await (await fetch(`${registry.url}${found.name.replace('/', '%2f')}`)).json()) as {
    versions?: Record<string, { dist?: { tarball?: string } }>;
  };
  const tarballUrl = packument.versions?.[found.version]?.dist?.tarball;
  if (tarballUrl === undefined) throw new Error(`${found.name}@${found.version} is not in the local registry`);
  const path = join(folder, 'package.tgz');
  writeFileSync(path, Buffer.from(await (await fetch(tarballUrl)).arrayBuffer()));
  return path;
}

function listFiles(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)));
}

/** Every file path a manifest field points at: main, types, bin and each exports target. */
function manifestTargets(manifest: PublishedManifest): string[] {
  const targets: string[] = [];
  const collect = (value: unknown): void => {
    if (typeof value === 'string') targets.push(value.replace(/^\.\//, ''));
    else if (typeof value === 'object' && value !== null) Object.values(value).forEach(collect);
  };
  collect([manifest['main'], manifest['types'], manifest['bin'], manifest['exports']]);
  return targets;
}

/**
 * The packages the shipped JavaScript and declarations import, by bare specifier, without node: builtins. Read with
 * TypeScript's import scanner (static and dynamic imports, re-exports, `require` calls), which skips comments and
 * strings: the bundled bin keeps doc comments of what it inlined, such as the SDK's `import { Ajv } from 'ajv'` example.
 */
function importedPackages(root: string, files: readonly string[]): Set<string> {
  const builtins = new Set(builtinModules);
  const imported = new Set<string>();
  // Declarations too: a type a consumer compiles against must come from a declared dependency as well.
  for (const file of files.filter((path) => path.endsWith('.js') || path.endsWith('.d.ts'))) {
    const { importedFiles } = ts.preProcessFile(readFileSync(join(root, file), 'utf8'), true, true);
    for (const { fileName: specifier } of importedFiles) {
      if (specifier.startsWith('.') || specifier.startsWith('/')) continue;
      if (specifier.startsWith('node:') || builtins.has(specifier)) continue;
      const parts = specifier.split('/');
      imported.add(specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier));
    }
  }
  return imported;
}

export async function checkPublishedTarball(registry: LocalRegistry, found: WorkspacePackage): Promise<string[]> {
  const folder = join(registry.directory, 'tarballs', found.name.replace('/', '__'));
  mkdirSync(folder, { recursive: true });
  const tarball = await downloadTarball(registry, found, folder);
  const options = { cwd: folder, env: registry.environment(), timeoutMs: 120_000 };
  await runCommand('tar', ['-xzf', tarball], options);
  const root = join(folder, 'package');
  const files = listFiles(root);
  const manifestText = readFileSync(join(root, 'package.json'), 'utf8');
  const manifest = JSON.parse(manifestText) as PublishedManifest;
  const problems: string[] = [];

  const lint = await publint({ pack: { tarball: readFileSync(tarball).buffer as ArrayBuffer }, level: 'suggestion', strict: true });
  for (const message of lint.messages) problems.push(`publint: ${formatMessage(message, lint.pkg, { color: false }) ?? message.code}`);
  await runCommand(process.execPath, [attw, tarball, '--format', 'ascii', '--no-definitely-typed', '--no-color', '--ignore-rules', ...ATTW_IGNORED_RULES], options).catch(
    (error: unknown) => problems.push(`attw: ${error instanceof Error ? error.message : String(error)}`),
  );

  const source = JSON.parse(readFileSync(join(found.directory, 'package.json'), 'utf8')) as PublishedManifest;
  for (const field of ['main', 'types', 'exports', 'bin']) {
    // npm rewrites (or drops) what it finds invalid, warning only in the publish log: what was written must be what ships.
    if (JSON.stringify(manifest[field]) !== JSON.stringify(source[field])) problems.push(`npm changed "${field}" on the way to the registry`);
  }
  if (manifestText.includes('@fleet/source')) problems.push('the manifest still names the workspace-only @fleet/source condition');
  for (const target of manifestTargets(manifest)) if (!files.includes(target)) problems.push(`the manifest points at ${target}, which is not in the tarball`);
  for (const file of files) if (/\.map$|\.tsbuildinfo$|\.test\./.test(file)) problems.push(`ships ${file}, which no consumer uses`);
  for (const needed of ['LICENSE', 'README.md', 'dist/index.js', 'dist/index.d.ts']) if (!files.includes(needed)) problems.push(`does not ship ${needed}`);
  if (files.includes('LICENSE') && readFileSync(join(root, 'LICENSE'), 'utf8') !== readFileSync(join(WORKSPACE_ROOT, 'LICENSE'), 'utf8')) {
    problems.push("its LICENSE is not the repository's");
  }
  for (const field of ['repository', 'homepage', 'bugs', 'license']) if (manifest[field] === undefined) problems.push(`the manifest has no ${field}`);

  const declared = manifest.dependencies ?? {};
  const imported = importedPackages(root, files);
  for (const name of Object.keys(declared)) if (!imported.has(name)) problems.push(`declares ${name} but its code never imports it`);
  for (const name of imported) if (declared[name] === undefined) problems.push(`imports ${name} but does not declare it`);
  for (const [name, range] of Object.entries(declared)) {
    if (!name.startsWith('@fleet/') && !range.startsWith('^')) problems.push(`pins ${name} to ${range}: a library takes a caret range so that consumers can share one copy`);
  }
  return problems;
}
