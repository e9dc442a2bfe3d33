#!/usr/bin/env node
// Command-line entry: starts the simulator and prints the `export` lines of CODER_URL and its token for a shell.
import { readFile } from 'node:fs/promises';
import { CLI_USAGE, CliUsageError, mergeWorldSpec, parseCliArguments } from './cli-arguments.js';
import { startSimulator } from './start-simulator.js';
import { SIMULATOR_HEADER_VALUE } from './simulator-identity.js';

async function main(): Promise<void> {
  const command = parseCliArguments(process.argv.slice(2));
  if (command.kind === 'help') {
    process.stdout.write(CLI_USAGE);
    return;
  }
  const world = command.seedFile
    ? mergeWorldSpec(JSON.parse(await readFile(command.seedFile, 'utf8')) as unknown, command.world)
    : command.world;
  const simulator = await startSimulator({ ...command.options, world });
  process.stdout.write(
    [
      // `export`, so that pasted or sourced lines reach the processes the shell starts (Fleet, the Coder CLI).
      `export CODER_URL=${simulator.url}`,
      `export CODER_SESSION_TOKEN=${simulator.token}`,
      ...Object.entries(simulator.tokens)
        .filter(([, token]) => token !== simulator.token)
        .map(([username, token]) => `# ${username}: ${token}`),
      `# ${SIMULATOR_HEADER_VALUE} is playing Coder ${simulator.coderVersion}; press Ctrl+C (or send SIGTERM) to stop it.`,
      '',
    ].join('\n'),
  );
  const stop = (): void => {
    simulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  if (error instanceof CliUsageError) {
    process.stderr.write(`${error.message}\n\n${CLI_USAGE}`);
  } else {
    process.stderr.write(`coder-sim: ${error instanceof Error ? error.message : String(error)}\n`);
  }
  process.exit(2);
});
