// Replays one recorded case with Polly (never recording) and counts what the client sent.
import FetchAdapterModule from '@pollyjs/adapter-fetch';
import { Polly, type PollyConfig } from '@pollyjs/core';
import FSPersisterModule from '@pollyjs/persister-fs';
import type { RecordingSet } from './recordings.js';

/** The CommonJS files assign the class to `module.exports`, whatever their declarations say. */
function commonJsDefault<Module extends { default: unknown }>(module: Module): Module['default'] {
  return (typeof module === 'function' ? module : module.default) as Module['default'];
}

Polly.register(commonJsDefault(FetchAdapterModule));
Polly.register(commonJsDefault(FSPersisterModule));

/** The same rule the recording script uses: never headers, host, port or protocol. */
const matchRequestsBy: NonNullable<PollyConfig['matchRequestsBy']> = {
  method: true,
  headers: false,
  body: true,
  order: true,
  url: { protocol: false, username: false, password: false, hostname: false, port: false, pathname: true, query: true, hash: false },
};

/** Any URL works: recordings are matched without host and port. */
export const replayUrl = 'http://coder.replay.test';
/** The token replaying clients send; the recorded requests carry none. */
export const replayToken = 'replay-session-token-7d3f2a9c1b';

export interface Replay {
  polly: Polly;
  /** `METHOD /path?query` of every request the client sent, in order. */
  readonly requests: string[];
  /** The body of every request the client sent, in order (`undefined` when it had none). */
  readonly bodies: (string | undefined)[];
  stop(): Promise<void>;
}

export function replay(set: RecordingSet, caseName: string, config: Partial<PollyConfig> = {}): Replay {
  const polly = new Polly(caseName, {
    mode: 'replay',
    recordIfMissing: false,
    adapters: ['fetch'],
    adapterOptions: { fetch: { context: globalThis } },
    persister: 'fs',
    persisterOptions: { fs: { recordingsDir: set.directory } },
    logLevel: 'silent',
    matchRequestsBy,
    ...config,
  });
  const requests: string[] = [];
  const bodies: (string | undefined)[] = [];
  polly.server.any().on('request', (request) => {
    const url = new URL(request.url);
    requests.push(`${request.method} ${url.pathname}${url.search}`);
    bodies.push(request.body);
  });
  return { polly, requests, bodies, stop: () => polly.stop() };
}
