// What every package's mutation run shares: jest (ESM) as the test runner, the TypeScript checker, incremental runs.
/**
 * The Stryker configuration for one package: mutates its `src`, runs its own jest tests, and keeps the
 * report and the incremental file under tools/mutation/reports/<package>/ (not committed).
 * @param {'coder-client' | 'fleet-domain'} name
 * @returns {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export function strykerConfig(name) {
  const reports = `tools/mutation/reports/${name}`;
  return {
    // Stryker copies this folder into its sandboxes: the repository root, without what the tests never read.
    ignorePatterns: ['/dist', '/tools/*/dist', '/tools/mutation/reports', '/tmp', '/.nx', '/coverage'],
    mutate: [`packages/${name}/src/**/*.ts`, `!packages/${name}/src/index.ts`],
    testRunner: 'jest',
    jest: { projectType: 'custom', configFile: `packages/${name}/jest.config.js`, enableFindRelatedTests: true },
    // The project's tests are ES modules run by jest's VM modules.
    testRunnerNodeArgs: ['--experimental-vm-modules', '--no-warnings=ExperimentalWarning'],
    coverageAnalysis: 'perTest',
    checkers: ['typescript'],
    tsconfigFile: `packages/${name}/tsconfig.lib.json`,
    typescriptChecker: { prioritizePerformanceOverAccuracy: true },
    incremental: true,
    incrementalFile: `${reports}/stryker-incremental.json`,
    reporters: ['clear-text', 'progress', 'html', 'json'],
    clearTextReporter: { reportTests: false, reportMutants: false },
    htmlReporter: { fileName: `${reports}/mutation.html` },
    jsonReporter: { fileName: `${reports}/mutation.json` },
    concurrency: 2,
    timeoutMS: 10_000,
    tempDirName: 'tools/mutation/.stryker-tmp',
    cleanTempDir: 'always',
    thresholds: { high: 90, low: 80, break: null },
  };
}
