// Where the built MCP server's command lives: found through the package's own `bin`, so a rename there cannot go unnoticed.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const SERVER_PACKAGE = '@fleet/mcp-server';

/** Runs a tool against another build of the server, e.g. the previous commit's, to see a new test fail there. */
const SERVER_OVERRIDE_VARIABLE = 'FLEET_SERVER_BIN';

export function serverCommandPath(): string {
  const override = process.env[SERVER_OVERRIDE_VARIABLE];
  if (override !== undefined && override !== '') return override;
  const manifestPath = createRequire(import.meta.url).resolve(`${SERVER_PACKAGE}/package.json`);
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { bin?: Record<string, string> };
  const relativePath = Object.values(manifest.bin ?? {})[0];
  if (relativePath === undefined) throw new Error(`${SERVER_PACKAGE} declares no bin in ${manifestPath}`);
  const path = join(dirname(manifestPath), relativePath);
  if (!existsSync(path)) {
    throw new Error(`the built server is missing at ${path}: run "npx nx run ${SERVER_PACKAGE}:build"`);
  }
  return path;
}

/**
 * `--import` of the simulator's preload that resolves `*.localhost` to 127.0.0.1, for a server that
 * must reach the simulator's subdomain apps (`*.apps.localhost:PORT`) on a machine whose resolver does not.
 */
export function localhostSubdomainsImport(): string {
  const manifestPath = createRequire(import.meta.url).resolve('@fleet/coder-sim/package.json');
  return `--import=${join(dirname(manifestPath), 'dist', 'preload-localhost-subdomains.js')}`;
}
