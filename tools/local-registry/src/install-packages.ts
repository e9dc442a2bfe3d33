// What a user does with a registry: install packages into an empty folder, or run the server through npx.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LocalRegistry } from './local-registry.js';
import { runCommand } from './run-command.js';

const INSTALL_BOUND_MS = 240_000;
/** npm installing the server's dependencies through the registry can take minutes on a busy 2-core machine. */
const NPX_INSTALL_BOUND_MS = 420_000;

/** The server as a user starts it from the registry; run it with `registry.environment()`. */
export const NPX_SERVER_COMMAND = { command: 'npx', args: ['-y', '@fleet/mcp-server'] } as const;

/** A new folder with a bare package.json and `npm install <packages>` run in it from the registry only. */
export async function installIntoNewFolder(registry: LocalRegistry, name: string, packages: readonly string[]): Promise<string> {
  const folder = registry.workFolder(name);
  writeFileSync(join(folder, 'package.json'), `${JSON.stringify({ name, version: '1.0.0', private: true }, null, 2)}\n`);
  await runCommand('npm', ['install', '--no-audit', '--no-fund', ...packages], {
    cwd: folder,
    env: registry.environment(),
    timeoutMs: INSTALL_BOUND_MS,
    secrets: [registry.token],
  });
  return folder;
}

/**
 * `npx -y @fleet/mcp-server --version` in `folder`, as a user's first start: npx installs the server into its cache.
 * `--version` rather than an MCP start, since the install can outlast an MCP request's 60 s. Returns the version it printed.
 */
export async function installServerThroughNpx(registry: LocalRegistry, folder: string, env: NodeJS.ProcessEnv = registry.environment()): Promise<string> {
  const { stdout } = await runCommand(NPX_SERVER_COMMAND.command, [...NPX_SERVER_COMMAND.args, '--version'], {
    cwd: folder,
    env,
    timeoutMs: NPX_INSTALL_BOUND_MS,
    secrets: [registry.token],
  });
  return stdout.trim();
}
