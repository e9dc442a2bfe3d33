import preset from '../../jest.preset.js';

// One file publishes the packages to a real registry and installs them from it: a few minutes on a loaded 2-core machine.
export default { ...preset, displayName: 'local-registry', testTimeout: 240_000 };
