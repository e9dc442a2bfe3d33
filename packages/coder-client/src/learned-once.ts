// A fact the client learns from the server once (its version, its wildcard app host) and keeps.
import { abortable } from './abortable.js';

/**
 * Concurrent first readers share one request, which is tied to none of their signals (each reader
 * may stop waiting on its own); a failed request is forgotten, so the next reader asks again.
 */
export class LearnedOnce<Value> {
  readonly #learn: () => Promise<Value>;
  #learning: Promise<Value> | undefined;

  constructor(learn: () => Promise<Value>) {
    this.#learn = learn;
  }

  get(signal?: AbortSignal): Promise<Value> {
    if (!this.#learning) {
      const learning = this.#learn();
      this.#learning = learning;
      learning.catch(() => {
        if (this.#learning === learning) {
          this.#learning = undefined;
        }
      });
    }
    return abortable(this.#learning, signal);
  }
}
