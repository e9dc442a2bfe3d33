// Checks the recordings themselves: one folder per simulated generation, saying where it came from, without credentials.
import { readFileSync } from 'node:fs';
import { harPath, recordingSets, simulatedGenerations, simulatorRecordings } from '../support/recordings.js';

interface HarHeader {
  name: string;
  value: string;
}
interface HarEntry {
  request: { headers: HarHeader[]; url: string };
  response: { headers: HarHeader[] };
}

const credentialHeaders = ['coder-session-token', 'authorization', 'cookie', 'set-cookie'];

function harEntries(path: string): HarEntry[] {
  return (JSON.parse(readFileSync(path, 'utf8')) as { log: { entries: HarEntry[] } }).log.entries;
}

describe('recordings of @fleet/coder-client', () => {
  it.each(simulatedGenerations.map((generation) => generation.version))(
    'has a simulator folder for %s whose SOURCE.json names the simulator and that version',
    (version) => {
      const set = simulatorRecordings(version);

      expect(set.source.source).toBe('simulator');
      expect(set.source.coderVersion.startsWith(version)).toBe(true);
      expect(set.source.host).not.toMatch(/@/);
    },
  );

  it('marks every simulator answer with the X-Coder-Simulator header', () => {
    const set = simulatorRecordings('v2.30.0');

    const headers = harEntries(harPath(set, 'general')).map((entry) =>
      entry.response.headers.find((header) => header.name.toLowerCase() === 'x-coder-simulator'),
    );

    expect(headers.length).toBeGreaterThan(0);
    expect(headers.every((header) => header?.value.startsWith('fleet-coder-sim/'))).toBe(true);
  });

  it('holds no credential header and no session token in any recording', () => {
    for (const set of recordingSets()) {
      for (const caseName of ['general', 'errors', 'workspaces', 'agent-api']) {
        const text = readFileSync(harPath(set, caseName), 'utf8');
        for (const entry of harEntries(harPath(set, caseName))) {
          const names = [...entry.request.headers, ...entry.response.headers].map((header) => header.name.toLowerCase());
          expect(names.filter((name) => credentialHeaders.includes(name))).toEqual([]);
        }
        expect(text).not.toContain('fleet-recording-invalid-token');
      }
    }
  });
});
