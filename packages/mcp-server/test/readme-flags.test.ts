// The README's flag table lists exactly the flags --help lists, so that neither can gain a flag the other lacks.
import { readFileSync } from 'node:fs';
import { USAGE } from '../src/usage.js';

const FLAG = /--?[a-z][a-z-]*/g;

function usageFlags(): Set<string> {
  const options = USAGE.slice(USAGE.indexOf('Options:'));
  // An option line starts with its flags ("  --port <port>", "  -h, --help"); continuation lines start with more spaces.
  const optionLines = options.split('\n').filter((line) => /^ {2}-/.test(line));
  return new Set(optionLines.flatMap((line) => (line.trim().split(/\s{2,}/)[0] ?? '').match(FLAG) ?? []));
}

function readmeFlags(): Set<string> {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const table = readme.slice(readme.indexOf('### Flags'));
  const rows = table.split('\n').filter((line) => line.startsWith('| `-'));
  return new Set(rows.flatMap((row) => (row.split('|')[1] ?? '').match(FLAG) ?? []));
}

describe('the README flag table', () => {
  it('has a row for every flag of --help and none besides', () => {
    expect([...readmeFlags()].sort()).toEqual([...usageFlags()].sort());
  });

  it('reads flags from both (the comparison is not of two empty sets)', () => {
    expect(usageFlags()).toContain('--coder-timeout');
    expect(usageFlags().size).toBeGreaterThan(8);
  });
});
