import preset from '../../jest.preset.js';

// The demo test runs the whole story against real builds in the simulator: seconds, more than jest's default 5.
export default { ...preset, displayName: 'demo', testTimeout: 60_000 };
