// Records one named case of client traffic with Polly into a folder, secrets stripped.
import { Polly, type PollyConfig } from '@pollyjs/core';
import { FetchAdapter, FSPersister } from './polly-plugins.js';
import { stripSecrets } from './strip-secrets.js';

Polly.register(FetchAdapter);
Polly.register(FSPersister);

/**
 * How requests are told apart: never by headers (the token lives there) nor by host, port or
 * protocol (the simulator runs on a random port). The client's replay tests use the same rule.
 */
export const matchRequestsBy: NonNullable<PollyConfig['matchRequestsBy']> = {
  method: true,
  headers: false,
  body: true,
  order: true,
  url: { protocol: false, username: false, password: false, hostname: false, port: false, pathname: true, query: true, hash: false },
};

export interface RecorderSettings {
  /** Folder that receives `<case>_<hash>/recording.har`. */
  recordingsDirectory: string;
  /** Strings that must never reach a file: the session token and any other token used. */
  secrets: readonly string[];
}

export class Recorder {
  readonly #settings: RecorderSettings;
  readonly #recordedCases: string[] = [];

  constructor(settings: RecorderSettings) {
    this.#settings = settings;
  }

  /** Names of the cases recorded so far. */
  get recordedCases(): readonly string[] {
    return this.#recordedCases;
  }

  /** Runs `scenario` with Polly recording every request it sends, then writes the recording. */
  async record(caseName: string, scenario: () => Promise<void>): Promise<void> {
    const polly = new Polly(caseName, {
      mode: 'record',
      adapters: ['fetch'],
      adapterOptions: { fetch: { context: globalThis } },
      persister: 'fs',
      persisterOptions: { fs: { recordingsDir: this.#settings.recordingsDirectory }, keepUnusedRequests: false },
      recordIfMissing: true,
      recordFailedRequests: true,
      logLevel: 'silent',
      matchRequestsBy,
    });
    polly.server.any().on('beforePersist', (_request, entry: Record<string, unknown>) => {
      stripSecrets(entry, this.#settings.secrets);
    });
    try {
      await scenario();
    } finally {
      await polly.stop();
    }
    this.#recordedCases.push(caseName);
  }
}
