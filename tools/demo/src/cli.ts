#!/usr/bin/env node
// The `npm run demo` command: picks the target, runs the story through the built server, prints the transcript; exit 1 if a step failed.
import { parseArgs } from 'node:util';
import { DEFAULT_SIMULATOR_CHOICE, openDemoTarget, type SimulatorChoice } from './demo-target.js';
import { runDemo } from './run-demo.js';

const USAGE = `fleet demo: drives the built Fleet MCP server through the whole story with an MCP client.

Against a real Coder when CODER_URL and CODER_SESSION_TOKEN are set (it creates and deletes
only its own fleet-demo-* agent); otherwise against the Coder simulator, started in-process.

Options (simulator only):
  --coder-version <v>   the Coder release the simulator plays (default ${DEFAULT_SIMULATOR_CHOICE.coderVersion})
  --speed <x>           the simulator's time factor (default ${DEFAULT_SIMULATOR_CHOICE.speed}; 1 is real-life-like)
  -h, --help            this text
`;

const write = (line: string) => void process.stdout.write(`${line}\n`);

function parseSimulatorChoice(argv: string[]): SimulatorChoice | 'help' {
  const { values } = parseArgs({
    args: argv,
    options: { 'coder-version': { type: 'string' }, speed: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help === true) return 'help';
  const speed = values.speed === undefined ? DEFAULT_SIMULATOR_CHOICE.speed : Number(values.speed);
  if (!Number.isFinite(speed) || speed <= 0) throw new Error(`--speed must be a positive number, not "${values.speed ?? ''}"`);
  return { coderVersion: values['coder-version'] ?? DEFAULT_SIMULATOR_CHOICE.coderVersion, speed };
}

let choice: SimulatorChoice | 'help';
try {
  choice = parseSimulatorChoice(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`fleet demo: ${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
  process.exit(2);
}

if (choice === 'help') {
  write(USAGE);
} else {
  const target = await openDemoTarget(process.env, choice, write);
  try {
    const report = await runDemo({
      coder: target.coder,
      targetDescription: target.description,
      write,
      waitBoundMs: target.waitBoundMs,
      pollIntervalMs: target.pollIntervalMs,
    });
    process.exitCode = report.ok ? 0 : 1;
  } catch (error) {
    // runDemo reports step failures itself; this is for what it could not report, e.g. a missing build.
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`fleet demo: ${message.replaceAll(target.coder.token, '[REDACTED]')}\n`);
    process.exitCode = 1;
  } finally {
    await target.close();
  }
}
