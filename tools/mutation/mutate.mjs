#!/usr/bin/env node
// `npm run mutate [-- coder-client|fleet-domain] [--stryker-flag=value ...]`: Stryker over each package in turn, then each one's mutation score.
// Not part of `npm test`: a full run takes long on two cores (incremental runs re-test only what changed).
// Arguments that start with `-` go to Stryker as they are, e.g. `--concurrency=1` on a loaded machine.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const PACKAGES = ['coder-client', 'fleet-domain'];
const root = fileURLToPath(new URL('../..', import.meta.url));

const strykerFlags = process.argv.slice(2).filter((argument) => argument.startsWith('-'));
const asked = process.argv.slice(2).filter((argument) => !argument.startsWith('-'));
const unknown = asked.filter((name) => !PACKAGES.includes(name));
if (unknown.length > 0) {
  process.stderr.write(`mutate: no mutation run for ${unknown.join(', ')}; choose from ${PACKAGES.join(', ')}\n`);
  process.exit(2);
}
const packages = asked.length > 0 ? asked : PACKAGES;

let failed = false;
for (const name of packages) {
  process.stdout.write(`\n== Stryker over packages/${name} ==\n`);
  const run = spawnSync('npx', ['stryker', 'run', `tools/mutation/${name}.stryker.config.mjs`, ...strykerFlags], { cwd: root, stdio: 'inherit' });
  if (run.status !== 0) failed = true;
}

process.stdout.write('\nMutation score (killed and timed out ÷ valid mutants, compile errors left out):\n');
for (const name of packages) {
  const reportFile = `${root}tools/mutation/reports/${name}/mutation.json`;
  if (!existsSync(reportFile)) {
    process.stdout.write(`  ${name}: no report\n`);
    continue;
  }
  const { files } = JSON.parse(readFileSync(reportFile, 'utf8'));
  const counts = {};
  for (const file of Object.values(files)) for (const mutant of file.mutants) counts[mutant.status] = (counts[mutant.status] ?? 0) + 1;
  const detected = (counts.Killed ?? 0) + (counts.Timeout ?? 0);
  const valid = detected + (counts.Survived ?? 0) + (counts.NoCoverage ?? 0);
  const score = valid === 0 ? 0 : (100 * detected) / valid;
  process.stdout.write(`  ${name}: ${score.toFixed(1)} % (${detected} of ${valid}; report: tools/mutation/reports/${name}/mutation.html)\n`);
}
process.exit(failed ? 1 : 0);
