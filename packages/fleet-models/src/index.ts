// The fleet's vocabulary: zod schemas and the types inferred from them.
export * from './agent.js';
export * from './agent-counts.js';
export * from './agent-name.js';
export * from './agent-progress.js';
export * from './agent-status.js';
export * from './control-characters.js';
export * from './fleet-error.js';
export * from './log-entry.js';
export * from './page.js';
export * from './project.js';
export * from './role.js';
export * from './history-entry.js';
export * from './task-prompt.js';
