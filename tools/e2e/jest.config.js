import preset from '../../jest.preset.js';

// Each file starts a simulator and a server process: tests wait on real builds, so the default 5 s is too tight.
// Two files at a time: they mostly wait on the simulator's paced builds and tasks, not on the CPU.
export default { ...preset, displayName: 'e2e', testTimeout: 30_000, maxWorkers: 2 };
