import { fileURLToPath } from 'node:url';
import preset from '../../jest.preset.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

export default {
  ...preset,
  displayName: 'domain-integration',
  // The simulator is a tool, not a package the preset maps: run it from its sources too.
  moduleNameMapper: { '^@fleet/coder-sim$': `${root}tools/coder-sim/src/index.ts`, ...preset.moduleNameMapper },
  setupFiles: ['<rootDir>/test/support/resolve-localhost.ts'],
};
