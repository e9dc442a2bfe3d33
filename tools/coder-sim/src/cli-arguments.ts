// Parses the simulator's command-line flags into start options.
import type { SimulatorOptions, WorldSpec } from './simulator-types.js';

export const CLI_USAGE = `Usage: npm run sim -- [flags]

Starts a simulated Coder deployment on 127.0.0.1 and prints "export" lines of CODER_URL and CODER_SESSION_TOKEN for a shell.

Flags:
  --port <n>                 port to listen on (default: a free port)
  --coder-version <v>        Coder release to play, e.g. v2.27.1, v2.30.0, v2.37.0 (default: v2.30.0)
  --speed <x>                time multiplier: 1 = demo pace, 0.01 = test pace (default: 1)
  --seed <n>                 seed of the deterministic world (default: 1)
  --agents <n>               existing agents of the main user (default: 6)
  --long-history-agents <n>  how many of them carry 1,000+ statuses and messages (default: 1)
  --token <t>                session token to accept (default: random)
  --latency <ms>             latency added to every Coder request (default: 0)
  --seed-file <path>         JSON world spec, e.g. {"agents": 100, "longHistoryAgents": 3}; flags win
  --prompt-post-ms <n>       how long AgentAPI's POST /message {type:"user"} takes at speed 1 (default: 1500;
                             real AgentAPI: ~1,000-30,000)
  --disable-path-apps        path-based apps answer 401 (as coder server --disable-path-apps); use subdomain apps
  --members <names>          comma-separated usernames of team members, each with a token and 2 agents of their own
  --oauth2                   run Coder's OAuth2 provider (as coder server --experiments oauth2)
  --help                     show this help
`;

export class CliUsageError extends Error {}

export type CliCommand =
  | { kind: 'help' }
  | { kind: 'start'; options: SimulatorOptions; world: WorldSpec; seedFile: string | null };

const VALUE_FLAGS = [
  'port',
  'coder-version',
  'speed',
  'seed',
  'agents',
  'long-history-agents',
  'token',
  'latency',
  'seed-file',
  'prompt-post-ms',
  'members',
] as const;
type ValueFlag = (typeof VALUE_FLAGS)[number];

function numberValue(flag: string, raw: string, integer: boolean): number {
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value) || value < 0 || (integer && !Number.isInteger(value))) {
    throw new CliUsageError(`--${flag} needs a ${integer ? 'whole ' : ''}number >= 0, got "${raw}".`);
  }
  return value;
}

export function parseCliArguments(argumentsList: readonly string[]): CliCommand {
  const values = new Map<ValueFlag, string>();
  let disablePathApps = false;
  let oauth2Provider = false;
  for (let position = 0; position < argumentsList.length; position += 1) {
    const argument = argumentsList[position] ?? '';
    if (argument === '--help' || argument === '-h') {
      return { kind: 'help' };
    }
    if (argument === '--disable-path-apps') {
      disablePathApps = true;
      continue;
    }
    if (argument === '--oauth2') {
      oauth2Provider = true;
      continue;
    }
    if (!argument.startsWith('--')) {
      throw new CliUsageError(`Unexpected argument "${argument}".`);
    }
    const [name = '', inlineValue] = argument.slice(2).split(/=(.*)/s, 2);
    if (!(VALUE_FLAGS as readonly string[]).includes(name)) {
      throw new CliUsageError(`Unknown flag "--${name}".`);
    }
    const value = inlineValue ?? argumentsList[position + 1];
    if (value === undefined || (inlineValue === undefined && value.startsWith('--'))) {
      throw new CliUsageError(`--${name} needs a value.`);
    }
    if (inlineValue === undefined) {
      position += 1;
    }
    values.set(name as ValueFlag, value);
  }
  const options: SimulatorOptions = { ...(disablePathApps ? { disablePathApps } : {}), ...(oauth2Provider ? { oauth2Provider } : {}) };
  const world: WorldSpec = {};
  for (const [flag, raw] of values) {
    switch (flag) {
      case 'port':
        options.port = numberValue(flag, raw, true);
        break;
      case 'coder-version':
        options.coderVersion = raw;
        break;
      case 'speed':
        options.speed = numberValue(flag, raw, false);
        break;
      case 'seed':
        options.seed = numberValue(flag, raw, true);
        break;
      case 'agents':
        world.agents = numberValue(flag, raw, true);
        break;
      case 'long-history-agents':
        world.longHistoryAgents = numberValue(flag, raw, true);
        break;
      case 'token':
        options.token = raw;
        break;
      case 'latency':
        options.latencyMs = numberValue(flag, raw, false);
        break;
      case 'prompt-post-ms':
        options.promptPostMs = numberValue(flag, raw, false);
        break;
      case 'members': {
        const members = raw.split(',').map((name) => name.trim()).filter((name) => name !== '');
        // Coder's username rule (codersdk.NameValid): letters, digits and single inner hyphens, at most 32.
        const invalid = members.find((name) => !/^[a-zA-Z0-9](?:-?[a-zA-Z0-9])*$/.test(name) || name.length > 32);
        if (invalid !== undefined) {
          throw new CliUsageError(`--members holds "${invalid}", which is not a Coder username (letters, digits and single inner hyphens, at most 32).`);
        }
        world.members = members;
        break;
      }
      case 'seed-file':
        break;
    }
  }
  return { kind: 'start', options, world, seedFile: values.get('seed-file') ?? null };
}

/** The seed file's world spec, with the flags' values on top. */
export function mergeWorldSpec(fromFile: unknown, fromFlags: WorldSpec): WorldSpec {
  if (typeof fromFile !== 'object' || fromFile === null || Array.isArray(fromFile)) {
    throw new CliUsageError('The seed file must hold a JSON object like {"agents": 100, "longHistoryAgents": 3}.');
  }
  const file = fromFile as Record<string, unknown>;
  const spec: WorldSpec = {};
  for (const key of ['agents', 'longHistoryAgents'] as const) {
    const value = file[key];
    if (value !== undefined) {
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
        throw new CliUsageError(`The seed file's "${key}" must be a whole number >= 0.`);
      }
      spec[key] = value;
    }
  }
  return { ...spec, ...fromFlags };
}
