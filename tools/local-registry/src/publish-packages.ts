// Publishes the workspace's packages to a local registry the way a release does: `nx release publish`,
// which builds each package first (nx.json: nx-release-publish depends on build) and packs it through npm (prepack builds too).
import { createRequire } from 'node:module';
import type { LocalRegistry } from './local-registry.js';
import { runCommand } from './run-command.js';
import { WORKSPACE_ROOT } from './workspace-packages.js';

const PUBLISH_BOUND_MS = 300_000;

export async function publishWorkspacePackages(registry: LocalRegistry, workspaceRoot = WORKSPACE_ROOT): Promise<string> {
  const nx = createRequire(import.meta.url).resolve('nx/bin/nx.js');
  const { stdout, stderr } = await runCommand(process.execPath, [nx, 'release', 'publish', '--registry', registry.url, '--output-style=static'], {
    cwd: workspaceRoot,
    // Never restore builds from nx's cache here: a restore empties `dist` before refilling it, and other test
    // suites may be starting the built server from it at that moment. An incremental tsc over an up-to-date
    // `dist` writes nothing.
    env: registry.environment({ NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false', NX_SKIP_NX_CACHE: 'true' }),
    timeoutMs: PUBLISH_BOUND_MS,
    secrets: [registry.token],
  });
  return `${stdout}\n${stderr}`;
}
