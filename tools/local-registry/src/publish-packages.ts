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
    // Builds here never come from nx's cache (a restore replaces `dist` whole); the registry test still runs
    // after the suites that start the built server (see its package.json), since rebuilding touches `dist`.
    env: registry.environment({ NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false', NX_SKIP_NX_CACHE: 'true' }),
    timeoutMs: PUBLISH_BOUND_MS,
    secrets: [registry.token],
  });
  return `${stdout}\n${stderr}`;
}
