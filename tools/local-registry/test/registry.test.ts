// The path a user takes, against a real registry: the four packages published by `nx release publish` to a
// throw-away Verdaccio, then used from empty folders outside the repository with only that registry.
import { readdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { startSimulator } from '@fleet/coder-sim';
import {
  installIntoNewFolder,
  installServerThroughNpx,
  NPX_SERVER_COMMAND,
  publishedPackages,
  publishWorkspacePackages,
  runCommand,
  startLocalRegistry,
  type LocalRegistry,
} from '../src/index.js';
import { checkPublishedTarball } from './support/package-checks.js';
import { writeTypeScriptConsumers } from './support/typescript-consumers.js';

const packages = publishedPackages();
const packageNames = packages.map((found) => found.name);
const SERVER_PACKAGE = '@fleet/mcp-server';
const serverPackage = packages.find((found) => found.name === SERVER_PACKAGE);
/** What a library user installs; the server comes through npx, whose install the import/require check reuses. */
const libraryNames = packageNames.filter((name) => name !== SERVER_PACKAGE);
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const SETUP_BOUND_MS = 420_000;
const CHECK_BOUND_MS = 120_000;

let registry: LocalRegistry | undefined;
let publishOutput = '';

/** A check started as soon as its inputs exist and awaited by its own test, so that independent checks run at the same time. */
function started<T>(run: () => Promise<T>): Promise<T> {
  const promise = run();
  promise.catch(() => undefined); // reported by the test that awaits it
  return promise;
}

interface NpxRun {
  version: string;
  tools: string[];
  /** The folder npx installed the server into (npm's cache, _npx/<hash>). */
  installFolder: string;
}

let npxChecks: Promise<NpxRun>;
let consumerInstall: Promise<string>;

function inRegistry(): LocalRegistry {
  if (registry === undefined) throw new Error('the local registry did not start: see the beforeAll failure');
  return registry;
}

async function runNode(folder: string, args: string[]): Promise<string> {
  return (await runCommand(process.execPath, args, { cwd: folder, env: inRegistry().environment(), timeoutMs: CHECK_BOUND_MS })).stdout;
}

type LoadedExports = Record<string, { keys: string[]; file: string }>;

const IMPORT_SCRIPT = `const result = {};
for (const name of JSON.parse(process.argv[2])) result[name] = { keys: Object.keys(await import(name)).sort(), file: import.meta.resolve(name) };
process.stdout.write(JSON.stringify(result));
`;
const REQUIRE_SCRIPT = `const result = {};
for (const name of JSON.parse(process.argv[2])) result[name] = { keys: Object.keys(require(name)).sort(), file: require('node:url').pathToFileURL(require.resolve(name)).href };
process.stdout.write(JSON.stringify(result));
`;

/** Each package's export names and entry file, once through `import` (.mjs) and once through `require` (.cjs), from `folder`. */
async function loadBothWays(folder: string, names: readonly string[]): Promise<{ imported: LoadedExports; required: LoadedExports }> {
  writeFileSync(join(folder, 'exports.mjs'), IMPORT_SCRIPT);
  writeFileSync(join(folder, 'exports.cjs'), REQUIRE_SCRIPT);
  const [imported, required] = await Promise.all(
    ['exports.mjs', 'exports.cjs'].map(async (script) => JSON.parse(await runNode(folder, [script, JSON.stringify(names)])) as LoadedExports),
  );
  return { imported: imported ?? {}, required: required ?? {} };
}

/** `npx -y @fleet/mcp-server` from an empty folder: `--version`, then an MCP client listing its tools against the simulator. */
async function runThroughNpx(local: LocalRegistry): Promise<NpxRun> {
  const folder = local.workFolder('npx-user');
  const version = await installServerThroughNpx(local, folder);
  const simulator = await startSimulator({ world: { agents: 1 } });
  const client = new Client({ name: 'fleet-registry-test', version: '1.0.0' });
  try {
    const transport = new StdioClientTransport({
      ...NPX_SERVER_COMMAND,
      args: [...NPX_SERVER_COMMAND.args],
      cwd: folder,
      env: local.environment({ CODER_URL: simulator.url, CODER_SESSION_TOKEN: simulator.token }) as Record<string, string>,
      stderr: 'ignore',
    });
    await client.connect(transport);
    const { tools } = await client.listTools();
    const npxFolders = readdirSync(join(local.npmCache, '_npx')).map((hash) => join(local.npmCache, '_npx', hash));
    if (npxFolders.length !== 1) throw new Error(`expected one npx install in ${local.npmCache}/_npx, found ${npxFolders.length}`);
    return { version, tools: tools.map((tool) => tool.name), installFolder: npxFolders[0] ?? '' };
  } finally {
    await client.close();
    await simulator.close();
  }
}

beforeAll(async () => {
  registry = await startLocalRegistry();
  const local = registry;
  publishOutput = await publishWorkspacePackages(local);
  consumerInstall = started(() => installIntoNewFolder(local, 'consumer', libraryNames));
  npxChecks = started(() => runThroughNpx(local));
}, SETUP_BOUND_MS);

afterAll(async () => {
  await Promise.allSettled([npxChecks, consumerInstall]);
  await registry?.close();
}, 30_000);

describe('nx release publish to a local registry', () => {
  it('builds and publishes every package under packages/', () => {
    expect(packageNames).toEqual(expect.arrayContaining(['@fleet/coder-client', '@fleet/fleet-models', '@fleet/fleet-domain', '@fleet/mcp-server']));
    for (const { name, version } of packages) expect(publishOutput).toContain(`${name}@${version}`);
    expect(publishOutput).not.toContain(inRegistry().token);
  });

  it.each(packages.map((found) => [found.name, found] as const))('%s: the published tarball passes publint and attw and ships only what a consumer resolves', async (_name, found) => {
    const problems = await checkPublishedTarball(inRegistry(), found);
    expect(problems).toEqual([]);
  }, CHECK_BOUND_MS);
});

describe('from an empty folder with only the local registry', () => {
  it('npx -y @fleet/mcp-server --version prints the published version', async () => {
    const { version } = await npxChecks;
    expect(version).toBe(serverPackage?.version);
  }, SETUP_BOUND_MS);

  it('an MCP client lists the tools of the npx-started server against the simulator', async () => {
    const { tools } = await npxChecks;
    expect(tools).toEqual(expect.arrayContaining(['list_agents', 'create_agent', 'start_agent_task', 'cancel_agent_task', 'list_agent_projects']));
  }, SETUP_BOUND_MS);

  it('installed packages resolve inside the folder, and import (.mjs) and require (.cjs) see the same exports', async () => {
    const consumerFolder = await consumerInstall;
    const { installFolder } = await npxChecks;
    const [libraries, server] = await Promise.all([loadBothWays(consumerFolder, libraryNames), loadBothWays(installFolder, [SERVER_PACKAGE])]);
    for (const [folder, loaded] of [[consumerFolder, libraries], [installFolder, server]] as const) {
      expect(loaded.required).toEqual(loaded.imported);
      for (const [name, { keys, file }] of Object.entries(loaded.imported)) {
        expect(keys.length).toBeGreaterThan(0);
        expect(file).toContain(`${folder}/node_modules/${name}/`);
      }
    }
    expect(Object.keys(libraries.imported).sort()).toEqual([...libraryNames].sort());
    expect(Object.keys(server.imported)).toEqual([SERVER_PACKAGE]);
  }, SETUP_BOUND_MS);

  it('a TypeScript consumer type-checks under nodenext (ESM and CommonJS) and bundler, and its compiled CommonJS runs', async () => {
    const consumerFolder = await consumerInstall;
    const consumers = writeTypeScriptConsumers(join(consumerFolder, 'typescript'));
    const [node16] = await Promise.all([
      runNode(consumerFolder, [tsc, '-p', consumers.node16CommonJsProject]).then(
        () => 'compiled',
        (error: unknown) => String(error),
      ),
      runNode(consumerFolder, [tsc, '-p', consumers.nodenextProject]),
      runNode(consumerFolder, [tsc, '-p', consumers.bundlerProject]),
    ]);
    const ran = await runNode(consumerFolder, ['-e', `process.stdout.write(JSON.stringify(require(${JSON.stringify(consumers.compiledCommonJs)}).loaded))`]);
    expect(JSON.parse(ran)).toEqual({ CoderClient: 'function', createFleet: 'function' });
    // What the README states: CommonJS consumers need nodenext; under node16 TypeScript says so at compile time.
    expect(node16).toContain('error TS1479');
  }, CHECK_BOUND_MS);
});
