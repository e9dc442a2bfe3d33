import { strykerConfig } from './stryker.base.mjs';

// The checker reads the package's tsconfig.json, whose `paths` resolve @fleet/coder-client and @fleet/fleet-models
// to their sources: tsconfig.lib.json reads their dist, which a fresh checkout has not built.
export default { ...strykerConfig('fleet-domain'), tsconfigFile: 'packages/fleet-domain/tsconfig.json' };
