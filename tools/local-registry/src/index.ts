// A local npm registry with this repository's packages published to it, for the registry test and the cold-start benchmark.
export { startLocalRegistry, type LocalRegistry } from './local-registry.js';
export { publishWorkspacePackages } from './publish-packages.js';
export { installIntoNewFolder, installServerThroughNpx, NPX_SERVER_COMMAND } from './install-packages.js';
export { publishedPackages, WORKSPACE_ROOT, type WorkspacePackage } from './workspace-packages.js';
export { redact, runCommand, type CommandOutput, type RunOptions } from './run-command.js';
