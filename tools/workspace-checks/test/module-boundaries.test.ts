// Proves that lint refuses the imports ARCHITECTURE.md forbids, from a clean clone with no Nx cache.
import { createProjectGraphAsync } from '@nx/devkit';
import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const workspaceRoot = fileURLToPath(new URL('../../..', import.meta.url));

async function boundaryErrors(importingFile: string, importedPackage: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: workspaceRoot });
  const code = `import * as imported from '${importedPackage}';\nexport const used = imported;\n`;
  const [result] = await eslint.lintText(code, { filePath: path.join(workspaceRoot, importingFile) });
  return (result?.messages ?? [])
    .filter((message) => message.ruleId === '@nx/enforce-module-boundaries')
    .map((message) => message.message);
}

beforeAll(async () => {
  // The rule reads Nx's cached project graph and silently skips when there is none (STACK.md):
  // build it here so the check cannot pass by doing nothing.
  await createProjectGraphAsync({ exitOnError: true });
}, 120_000);

describe('module boundaries', () => {
  it.each([
    ['packages/fleet-models/src/boundary-fixture.ts', '@fleet/coder-client', 'type:models'],
    ['packages/coder-client/src/boundary-fixture.ts', '@fleet/fleet-models', 'type:client'],
    ['packages/mcp-server/src/boundary-fixture.ts', '@fleet/coder-client', 'type:app'],
    ['packages/fleet-domain/src/boundary-fixture.test.ts', '@fleet/coder-sim', 'type:domain'],
    ['packages/mcp-server/test/boundary-fixture.test.ts', '@fleet/coder-sim', 'type:app'],
    ['tools/coder-sim/src/boundary-fixture.ts', '@fleet/coder-client', 'scope:simulator'],
    // The shared test support: tests only, never production code, and it stands on the client alone.
    ['packages/fleet-domain/src/boundary-fixture.ts', '@fleet/coder-fakes', 'type:domain'],
    ['packages/mcp-server/src/boundary-fixture.ts', '@fleet/coder-fakes', 'type:app'],
    ['tools/bench/src/boundary-fixture.ts', '@fleet/coder-fakes', 'type:tool'],
    ['packages/mcp-server/test/boundary-fixture.test.ts', '@fleet/coder-client', 'type:app'],
    ['tools/coder-fakes/src/boundary-fixture.ts', '@fleet/fleet-models', 'type:test-support'],
  ])('%s may not import %s', async (importingFile, importedPackage, sourceTag) => {
    const errors = await boundaryErrors(importingFile, importedPackage);

    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(`A project tagged with "${sourceTag}"`);
  });

  it('refuses an import that would close a cycle between packages', async () => {
    const errors = await boundaryErrors('packages/fleet-domain/src/boundary-fixture.ts', '@fleet/mcp-server');

    expect(errors).toEqual([expect.stringContaining('Circular dependency')]);
  });

  it('refuses the test support a fleet import, which would close a cycle through the domain\'s tests', async () => {
    const errors = await boundaryErrors('tools/coder-fakes/src/boundary-fixture.ts', '@fleet/fleet-domain');

    expect(errors).toEqual([expect.stringContaining('Circular dependency')]);
  });

  it.each([
    ['packages/fleet-domain/src/boundary-fixture.ts', '@fleet/coder-client'],
    ['packages/fleet-domain/src/boundary-fixture.ts', '@fleet/fleet-models'],
    ['packages/mcp-server/src/boundary-fixture.ts', '@fleet/fleet-domain'],
    ['tools/record/src/boundary-fixture.ts', '@fleet/coder-sim'],
    ['packages/fleet-domain/test/boundary-fixture.test.ts', '@fleet/coder-fakes'],
    ['packages/mcp-server/test/boundary-fixture.test.ts', '@fleet/coder-fakes'],
    ['packages/mcp-server/src/boundary-fixture.test.ts', '@fleet/coder-fakes'],
    ['tools/e2e/test/boundary-fixture.test.ts', '@fleet/coder-fakes'],
    ['tools/coder-fakes/src/boundary-fixture.ts', '@fleet/coder-client'],
  ])('%s may import %s', async (importingFile, importedPackage) => {
    expect(await boundaryErrors(importingFile, importedPackage)).toEqual([]);
  });
});
