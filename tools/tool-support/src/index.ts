// What the tools around Fleet share.
export { pollUntil, type PollOptions } from './poll-until.js';
export { localhostSubdomainsImport, serverCommandPath } from './server-command.js';
