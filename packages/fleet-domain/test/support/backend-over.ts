// The backend the fleet builds, over a fake Coder client: it learns the generation from the recorded buildinfo.
import { CODER_URL, type FakeCoderClient } from '@fleet/coder-fakes';
import { GenerationBackend } from '../../src/backends/generation-backend.js';

export function backendOver(fake: FakeCoderClient): GenerationBackend {
  return new GenerationBackend({ client: fake.client, coderUrl: CODER_URL, hints: {} });
}
