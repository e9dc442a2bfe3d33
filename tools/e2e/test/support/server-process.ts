// Spawns the built server as a plain process, for what an MCP client cannot show: exit codes, start-up messages, HTTP.
import { spawn } from 'node:child_process';
import { getDefaultEnvironment } from '@modelcontextprotocol/sdk/client/stdio.js';
import { OutputCollector } from './output-collector.js';
import { localhostSubdomainsImport, serverCommandPath } from './server-command.js';

export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ServerProcess {
  stdout: OutputCollector;
  stderr: OutputCollector;
  exited: Promise<ProcessExit>;
  /** SIGTERM, then SIGKILL if the process outlives the bound; resolves once it is gone. */
  stop(): Promise<ProcessExit>;
}

const STOP_BOUND_MS = 5_000;

export function spawnServer(args: readonly string[], environment: Record<string, string>): ServerProcess {
  const child = spawn(process.execPath, [localhostSubdomainsImport(), serverCommandPath(), ...args], {
    env: { ...getDefaultEnvironment(), ...environment },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const stdout = new OutputCollector(child.stdout);
  const stderr = new OutputCollector(child.stderr);
  const exited = new Promise<ProcessExit>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  let running = true;
  void exited.then(() => (running = false));
  return {
    stdout,
    stderr,
    exited,
    async stop() {
      if (running) {
        child.kill('SIGTERM');
        const killer = setTimeout(() => child.kill('SIGKILL'), STOP_BOUND_MS);
        await exited;
        clearTimeout(killer);
      }
      return exited;
    },
  };
}
