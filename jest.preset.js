// Shared jest settings: TypeScript ESM through ts-jest, workspace packages resolved to their sources.
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));

/** @type {import('jest').Config} */
export default {
  testEnvironment: 'node',
  // CI runs every project's tests at once on two cores; jest's 5 s default then cuts slow-but-correct tests.
  testTimeout: 30_000,
  extensionsToTreatAsEsm: ['.ts'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  testMatch: ['<rootDir>/{src,test}/**/*.test.ts'],
  moduleNameMapper: {
    '^@fleet/(coder-client|fleet-models|fleet-domain|mcp-server)$': `${root}packages/$1/src/index.ts`,
    '^@fleet/tool-support$': `${root}tools/tool-support/src/index.ts`,
    // Test support the package tests share (tools/coder-fakes): only tests may import it (eslint.config.js).
    '^@fleet/coder-fakes$': `${root}tools/coder-fakes/src/index.ts`,
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: { isolatedModules: true } }],
  },
};
