// Fleet's rules over Coder: services, repositories, and the one function that builds them.
export * from './fleet.js';
export * from './services/agent-service.js';
export * from './services/project-service.js';
export * from './services/task-service.js';
