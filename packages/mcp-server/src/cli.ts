#!/usr/bin/env node
// The fleet-mcp-server command (`npx @fleet/mcp-server`): runs main with the real process and ends it cleanly.
import { setFlagsFromString } from 'node:v8';
import { createFleet } from '@fleet/fleet-domain';
import { main } from './main.js';
import { createRedactor } from '@fleet/fleet-domain';

// Coder answers in megabytes of JSON that die young (a 2.37 workspace page is ~4 MB); by default V8
// lets that garbage pile up to ~250 MiB resident while listing 1,000 agents. Collecting sooner keeps
// the server near 130 MiB for ~40 % more time on that one call (tools/bench measures both).
setFlagsFromString('--optimize-for-size');

try {
  const outcome = await main({
    argv: process.argv.slice(2),
    environment: process.env,
    stdin: process.stdin,
    stdout: process.stdout,
    writeOutput: (text) => void process.stdout.write(text),
    writeError: (text) => void process.stderr.write(text),
    createFleet,
  });
  if (outcome.kind === 'exit') {
    process.exitCode = outcome.exitCode;
  } else {
    // The first signal stops gracefully (calls in flight may finish); a second one, from someone who will not wait, closes now.
    let signals = 0;
    const onSignal = (signal: NodeJS.Signals) => {
      signals += 1;
      void (signals === 1 ? outcome.stop(signal) : outcome.close());
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    const exitCode = await outcome.closed;
    // Open keep-alive sockets towards Coder must not keep a stopped server alive.
    process.exit(exitCode);
  }
} catch (error) {
  const redact = createRedactor([process.env['CODER_SESSION_TOKEN'], process.env['FLEET_HTTP_TOKEN']]);
  const reason = error instanceof Error ? error.message : String(error);
  process.stderr.write(`fleet-mcp-server: unexpected failure: ${redact(reason)}\n`);
  process.exit(1);
}
