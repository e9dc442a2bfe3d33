// Lint for the whole workspace: TypeScript rules and the module boundaries of ARCHITECTURE.md.
import nx from '@nx/eslint-plugin';

/** Tests: files under a test/ folder, and *.test.ts anywhere. Only they may import the test support (`type:test-support`). */
const TEST_FILES = ['**/test/**/*.ts', '**/*.test.ts'];

/** The projects of ours each kind may import, in production code. */
const PRODUCTION_CONSTRAINTS = [
  { sourceTag: 'type:client', onlyDependOnLibsWithTags: [] },
  { sourceTag: 'type:models', onlyDependOnLibsWithTags: [] },
  { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:client', 'type:models'] },
  { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:domain', 'type:models'] },
  { sourceTag: 'type:test-support', onlyDependOnLibsWithTags: ['type:client'] },
  { sourceTag: 'scope:simulator', onlyDependOnLibsWithTags: [] },
  // Every tag but type:test-support (a list, not notDependOnLibsWithTags: that one follows the graph through other projects' tests).
  { sourceTag: 'type:tool', onlyDependOnLibsWithTags: ['type:client', 'type:models', 'type:domain', 'type:app', 'type:tool'] },
];

/** In tests, the domain and the server also stand on the shared fake Coder client; tools' tests may import anything. */
const TEST_CONSTRAINTS = PRODUCTION_CONSTRAINTS.map((constraint) => {
  if (constraint.sourceTag === 'type:domain' || constraint.sourceTag === 'type:app') {
    return { ...constraint, onlyDependOnLibsWithTags: [...constraint.onlyDependOnLibsWithTags, 'type:test-support'] };
  }
  return constraint.sourceTag === 'type:tool' ? { ...constraint, onlyDependOnLibsWithTags: ['*'] } : constraint;
});

function moduleBoundaries(depConstraints) {
  return ['error', { enforceBuildableLibDependency: false, allow: [], depConstraints }];
}

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  { ignores: ['**/dist', '**/node_modules', '**/coverage', '**/.nx', 'tools/*/fixtures/**'] },
  {
    files: ['**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': moduleBoundaries(PRODUCTION_CONSTRAINTS),
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: TEST_FILES,
    rules: {
      '@nx/enforce-module-boundaries': moduleBoundaries(TEST_CONSTRAINTS),
    },
  },
];
