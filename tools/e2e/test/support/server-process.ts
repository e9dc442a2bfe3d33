// Spawns the built server as a plain process, for what an MCP client cannot show: exit codes, start-up messages, raw stdio, signals, HTTP.
import { spawn } from 'node:child_process';
import { getDefaultEnvironment } from '@modelcontextprotocol/sdk/client/stdio.js';
import { OutputCollector } from './output-collector.js';
import { localhostSubdomainsImport, serverCommandPath } from '@fleet/tool-support';

export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ServerProcess {
  pid: number;
  stdout: OutputCollector;
  stderr: OutputCollector;
  exited: Promise<ProcessExit>;
  /** Writes raw bytes to the server's stdin; resolves once they were handed to the pipe. */
  write(text: string): Promise<void>;
  /** Closes the server's stdin, as an MCP client that leaves does. */
  endInput(): void;
  /** Stops reading the server's stdout and closes that pipe: the server's next write fails with EPIPE. */
  closeOutput(): void;
  signal(signal: NodeJS.Signals): void;
  /** SIGTERM, then SIGKILL if the process outlives the bound; resolves once it is gone. */
  stop(): Promise<ProcessExit>;
}

export interface SpawnOptions {
  /** Node options before the server's script, e.g. `--expose-gc`. */
  nodeArguments?: readonly string[];
  /** Another copy of the server's command (e.g. the bin copied out of the repository) instead of the package's `bin`. */
  serverCommand?: string;
}

const STOP_BOUND_MS = 5_000;

export function spawnServer(args: readonly string[], environment: Record<string, string>, options: SpawnOptions = {}): ServerProcess {
  const child = spawn(process.execPath, [...(options.nodeArguments ?? []), localhostSubdomainsImport(), options.serverCommand ?? serverCommandPath(), ...args], {
    env: { ...getDefaultEnvironment(), ...environment },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const stdout = new OutputCollector(child.stdout);
  const stderr = new OutputCollector(child.stderr);
  // A server that already left makes writes fail with EPIPE: the test asserts on the exit, not on that.
  child.stdin.on('error', () => undefined);
  const exited = new Promise<ProcessExit>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  let running = true;
  void exited.then(() => (running = false));
  return {
    pid: child.pid ?? -1,
    stdout,
    stderr,
    exited,
    write: (text) => new Promise((resolve) => child.stdin.write(text, () => resolve())),
    endInput: () => child.stdin.end(),
    closeOutput: () => child.stdout.destroy(),
    signal: (signal) => void child.kill(signal),
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
