// The command-line flags and the seed file.
import { CliUsageError, mergeWorldSpec, parseCliArguments } from '../src/cli-arguments.js';

describe('command-line arguments', () => {
  it('parses every flag, in both --flag value and --flag=value forms', () => {
    const command = parseCliArguments([
      '--port',
      '3000',
      '--coder-version=v2.27.1',
      '--speed',
      '0.5',
      '--seed',
      '9',
      '--agents',
      '100',
      '--long-history-agents=4',
      '--token',
      'abc',
      '--latency',
      '50',
      '--seed-file',
      'world.json',
    ]);

    expect(command).toEqual({
      kind: 'start',
      options: { port: 3000, coderVersion: 'v2.27.1', speed: 0.5, seed: 9, token: 'abc', latencyMs: 50 },
      world: { agents: 100, longHistoryAgents: 4 },
      seedFile: 'world.json',
    });
  });

  it('--help wins over everything else', () => {
    expect(parseCliArguments(['--agents', '3', '--help'])).toEqual({ kind: 'help' });
  });

  it('refuses unknown flags, missing values and bad numbers', () => {
    expect(() => parseCliArguments(['--colour', 'red'])).toThrow(CliUsageError);
    expect(() => parseCliArguments(['--agents'])).toThrow(/needs a value/);
    expect(() => parseCliArguments(['--agents', '--seed', '2'])).toThrow(/needs a value/);
    expect(() => parseCliArguments(['--agents', 'many'])).toThrow(/whole number/);
    expect(() => parseCliArguments(['--speed', '-1'])).toThrow(/number >= 0/);
  });

  it('a seed file gives the world spec and flags override it', () => {
    expect(mergeWorldSpec({ agents: 50, longHistoryAgents: 2 }, { agents: 7 })).toEqual({ agents: 7, longHistoryAgents: 2 });
    expect(() => mergeWorldSpec({ agents: 'lots' }, {})).toThrow(CliUsageError);
    expect(() => mergeWorldSpec([1, 2], {})).toThrow(CliUsageError);
  });
});
