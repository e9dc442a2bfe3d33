// A throw-away Verdaccio on 127.0.0.1: @fleet/* only from what is published to it, everything else through
// the npm registry this machine is configured with. Its storage, npm cache and npmrc (with the publish token) live in one temp folder.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, sep } from 'node:path';
import { runCommand } from './run-command.js';
import { pollUntil } from '@fleet/tool-support';

export interface LocalRegistry {
  /** `http://127.0.0.1:PORT/` */
  url: string;
  /** The temp folder holding the registry's storage, the npm cache, the npmrc and any folder made by `workFolder`. */
  directory: string;
  /** The npm cache `environment()` points npm and npx at (npx installs into its `_npx` folder). */
  npmCache: string;
  /** The publish token, for redacting; it is written nowhere but the npmrc in `directory`. */
  token: string;
  /** An environment for npm, npx and nx that reaches this registry only, with a cache of its own. */
  environment(extra?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
  /** A new empty folder inside the registry's temp folder. */
  workFolder(name: string): string;
  close(): Promise<void>;
}

const START_BOUND_MS = 30_000;
const PUBLISH_USER = 'fleet-release-test';

function verdaccioBin(): string {
  return join(dirname(createRequire(import.meta.url).resolve('verdaccio/package.json')), 'bin', 'verdaccio');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function verdaccioConfig(directory: string, upstream: string): string {
  return `storage: ${JSON.stringify(join(directory, 'storage'))}
auth:
  htpasswd:
    file: ${JSON.stringify(join(directory, 'htpasswd'))}
uplinks:
  npmjs:
    url: ${JSON.stringify(upstream)}
    timeout: 60s
packages:
  # Ours come from what was published here, never from an uplink.
  '@fleet/*':
    access: $all
    publish: $authenticated
  '**':
    access: $all
    proxy: npmjs
log: { type: stdout, format: pretty, level: warn }
`;
}

/**
 * The parent's environment without what npm, nx and jest set for the process that started this one, and
 * without the repository's node_modules/.bin on PATH: nothing may resolve into the monorepo.
 */
function baseEnvironment(): NodeJS.ProcessEnv {
  const kept = Object.entries(process.env).filter(([key]) => !/^(npm_|NX_|NODE_OPTIONS$|JEST_WORKER_ID$|INIT_CWD$)/i.test(key));
  const path = (process.env['PATH'] ?? '')
    .split(delimiter)
    .filter((entry) => !entry.includes(`${sep}node_modules${sep}.bin`))
    .join(delimiter);
  return { ...Object.fromEntries(kept), PATH: path };
}

async function waitUntilServing(url: string, child: ChildProcess, logPath: string): Promise<void> {
  const logTail = () => readFileSync(logPath, 'utf8').slice(-2_000);
  try {
    await pollUntil(
      async () => {
        if (child.exitCode !== null) throw new Error(`Verdaccio exited with ${child.exitCode}`);
        return (await fetch(`${url}-/ping`).then((answer) => answer.ok, () => false)) ? true : undefined;
      },
      { description: `Verdaccio to answer ${url}-/ping`, timeoutMs: START_BOUND_MS, intervalMs: 100 },
    );
  } catch (error) {
    throw new Error(`${error instanceof Error ? error.message : String(error)}: ${logTail()}`);
  }
}

async function createPublishToken(url: string): Promise<string> {
  const password = randomBytes(24).toString('hex');
  const response = await fetch(`${url}-/user/org.couchdb.user:${PUBLISH_USER}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: PUBLISH_USER, password, type: 'user', roles: [] }),
  });
  const body = (await response.json()) as { token?: unknown };
  if (!response.ok || typeof body.token !== 'string') throw new Error(`Verdaccio refused to create the publish user: HTTP ${response.status}`);
  return body.token;
}

export async function startLocalRegistry(): Promise<LocalRegistry> {
  const directory = mkdtempSync(join(tmpdir(), 'fleet-registry-'));
  try {
    const upstream = (await runCommand('npm', ['config', 'get', 'registry'], { cwd: directory, env: process.env, timeoutMs: 30_000 })).stdout.trim();
    const port = await freePort();
    const url = `http://127.0.0.1:${port}/`;
    writeFileSync(join(directory, 'config.yaml'), verdaccioConfig(directory, upstream));
    const logPath = join(directory, 'verdaccio.log');
    const log = openSync(logPath, 'w');
    const child = spawn(process.execPath, [verdaccioBin(), '--config', join(directory, 'config.yaml'), '--listen', `127.0.0.1:${port}`], {
      cwd: directory,
      env: baseEnvironment(),
      stdio: ['ignore', log, log],
    });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const stop = async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    };
    try {
      await waitUntilServing(url, child, logPath);
      const token = await createPublishToken(url);
      const npmrc = join(directory, 'npmrc');
      writeFileSync(npmrc, `registry=${url}\n//127.0.0.1:${port}/:_authToken=${token}\n`, { mode: 0o600 });
      const cache = join(directory, 'npm-cache');
      return {
        url,
        directory,
        npmCache: cache,
        token,
        environment: (extra = {}) => ({
          ...baseEnvironment(),
          npm_config_userconfig: npmrc,
          npm_config_registry: url,
          npm_config_cache: cache,
          npm_config_update_notifier: 'false',
          npm_config_fund: 'false',
          npm_config_audit: 'false',
          ...extra,
        }),
        workFolder: (name) => {
          const folder = join(directory, name);
          mkdirSync(folder);
          return folder;
        },
        close: async () => {
          await stop();
          rmSync(directory, { recursive: true, force: true });
        },
      };
    } catch (error) {
      await stop();
      throw error;
    }
  } catch (error) {
    rmSync(directory, { recursive: true, force: true });
    throw error;
  }
}
