// The one cache of the fleet: presets, rich parameters and resources of template versions, which never change.
import { LearnedOnce, type Preset, type TemplateVersionParameter, type WorkspaceResource } from '@fleet/coder-client';
import type { FleetCoderClient } from './fleet-coder-client.js';

/**
 * Coder never edits a template version once it is built (a change makes a new version), so what
 * is read about one version stays true for the life of the process. Concurrent readers of the
 * same version share one request; a failed request is forgotten so the next caller tries again.
 */
export class TemplateVersionCache {
  readonly #client: FleetCoderClient;
  readonly #presets = new Map<string, LearnedOnce<Preset[]>>();
  readonly #parameters = new Map<string, LearnedOnce<TemplateVersionParameter[]>>();
  readonly #resources = new Map<string, LearnedOnce<WorkspaceResource[]>>();

  constructor(client: FleetCoderClient) {
    this.#client = client;
  }

  presets(versionId: string, options: { signal?: AbortSignal } = {}): Promise<Preset[]> {
    return this.#shared(this.#presets, versionId, () => this.#client.getTemplateVersionPresets(versionId), options.signal);
  }

  richParameters(versionId: string, options: { signal?: AbortSignal } = {}): Promise<TemplateVersionParameter[]> {
    return this.#shared(
      this.#parameters,
      versionId,
      () => this.#client.getTemplateVersionRichParameters(versionId),
      options.signal,
    );
  }

  resources(versionId: string, options: { signal?: AbortSignal } = {}): Promise<WorkspaceResource[]> {
    return this.#shared(this.#resources, versionId, () => this.#client.getTemplateVersionResources(versionId), options.signal);
  }

  #shared<Value>(
    entries: Map<string, LearnedOnce<Value>>,
    versionId: string,
    load: () => Promise<Value>,
    signal: AbortSignal | undefined,
  ): Promise<Value> {
    let entry = entries.get(versionId);
    if (!entry) {
      entry = new LearnedOnce(load);
      entries.set(versionId, entry);
    }
    return entry.get(signal);
  }
}
