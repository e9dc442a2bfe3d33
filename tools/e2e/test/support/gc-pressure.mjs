// Test preload for the server (node --expose-gc --import this file): collects garbage every few milliseconds, so that
// whatever the server holds only weakly (undici keeps a request's abort signal through a WeakRef) is gone when needed.
const COLLECT_EVERY_MS = 20;

if (typeof globalThis.gc !== 'function') {
  throw new Error('gc-pressure.mjs needs node --expose-gc');
}
setInterval(() => globalThis.gc(), COLLECT_EVERY_MS).unref();
