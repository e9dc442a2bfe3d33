// Runs a command to its end and hands back its output, or throws with the command, its exit and the tail of its output.
import { spawn } from 'node:child_process';

export interface RunOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  timeoutMs: number;
  /** Values to replace by [REDACTED] in an error's text (a registry token, say). */
  secrets?: readonly string[];
}

export interface CommandOutput {
  stdout: string;
  stderr: string;
}

const OUTPUT_TAIL_CHARACTERS = 4_000;

export function redact(text: string, secrets: readonly string[] = []): string {
  return secrets.filter((secret) => secret.length > 0).reduce((result, secret) => result.split(secret).join('[REDACTED]'), text);
}

export function runCommand(command: string, args: readonly string[], options: RunOptions): Promise<CommandOutput> {
  const shown = [command, ...args].join(' ');
  return new Promise((resolve, reject) => {
    // Its own process group, so that a timeout also ends what npm or npx started below it.
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    }, options.timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`could not run "${shown}" in ${options.cwd}: ${error.message}`));
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) {
        resolve({ stdout, stderr });
        return;
      }
      const ending = timedOut ? `did not finish within ${options.timeoutMs} ms` : `exited with ${code ?? signal}`;
      const output = `${stdout}\n${stderr}`.trim().slice(-OUTPUT_TAIL_CHARACTERS);
      reject(new Error(redact(`"${shown}" in ${options.cwd} ${ending}; its output ends with:\n${output}`, options.secrets)));
    });
  });
}
