// Bundles the bin (tsc's dist/cli.js) into one ES module, dist/fleet-mcp-server.js, with everything it imports inlined,
// and writes the licences of the third-party code inlined next to it.
//
// Why: loading ~140 of Fleet's modules, ky's and the SDK's one file at a time cost a cold start about 200 ms more than
// the MCP SDK alone (tools/bench --cold-start); one file is parsed in one go. The library entry (dist/index.js) stays
// tsc's output, importing its declared dependencies, so that consumers share one copy of them.
import { chmodSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const packageRoot = dirname(dirname(fileURLToPath(import.meta.url)));
const BIN = 'dist/fleet-mcp-server.js';
const LICENSES = 'dist/fleet-mcp-server.licenses.txt';

// scripts/bin-bundle-options.json: esbuild's options for the bin, shared with the cold-start bench's bundled bare server
// (tools/bench). `legalComments: eof` keeps comments marked as legal (/*! … */, @license), gathered at the end; the
// full licence texts are in LICENSES. The banner gives the bundle a `require`: CommonJS dependencies (ajv,
// content-type) call it for Node's modules, and an ES module has none of its own.
const BUNDLE_OPTIONS = JSON.parse(readFileSync(join(packageRoot, 'scripts/bin-bundle-options.json'), 'utf8'));

const result = await build({
  ...BUNDLE_OPTIONS,
  absWorkingDir: packageRoot,
  entryPoints: ['dist/cli.js'],
  outfile: BIN,
  // The input is tsc's JavaScript: tsconfig.json's `paths` (the workspace packages' sources, for type-checking)
  // must not apply, so the build's own tsconfig is named; it clears them.
  tsconfig: 'tsconfig.lib.json',
  metafile: true,
  logLevel: 'warning',
});
chmodSync(join(packageRoot, BIN), 0o755);
writeFileSync(join(packageRoot, LICENSES), licenseNotices(Object.keys(result.metafile.inputs)));

/** Every third-party package the bundle inlines, by the folder it was read from: name, version, licence and the licence's full text. */
function licenseNotices(inputs) {
  const folders = new Set();
  for (const input of inputs) {
    const path = join(packageRoot, input);
    const at = path.lastIndexOf(`${sep}node_modules${sep}`);
    if (at === -1) continue; // Fleet's own code (the workspace packages resolve to their folders, not node_modules)
    const rest = path.slice(at + `${sep}node_modules${sep}`.length).split(sep);
    const name = rest[0]?.startsWith('@') ? rest.slice(0, 2).join(sep) : rest[0];
    folders.add(path.slice(0, at + `${sep}node_modules${sep}`.length) + name);
  }
  const notices = [...folders].sort().map((folder) => {
    const manifest = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8'));
    const licenseFile = readdirSync(folder).find((file) => /^licen[cs]e(\.md|\.txt)?$/i.test(file));
    if (licenseFile === undefined) throw new Error(`${manifest.name} is bundled into ${BIN} but ships no LICENSE file to copy`);
    return `${manifest.name}@${manifest.version} (${manifest.license})\n\n${readFileSync(join(folder, licenseFile), 'utf8').trim()}\n`;
  });
  const rule = `\n${'-'.repeat(80)}\n\n`;
  return `${BIN} inlines the following third-party packages. Their licences follow.${rule}${notices.join(rule)}`;
}
