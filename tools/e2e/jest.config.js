import preset from '../../jest.preset.js';

// Each file starts a simulator and a server process: tests wait on real builds, so the default 5 s is too tight.
export default { ...preset, displayName: 'e2e', testTimeout: 30_000 };
