// Tests reading Coder's version and choosing the Tasks API per generation.
import { parseCoderVersion, tasksApiForVersion } from '../../src/index.js';

describe('parseCoderVersion', () => {
  it('reads a release with build metadata, as buildinfo reports it', () => {
    expect(parseCoderVersion('v2.27.1+230b55b')).toEqual({
      major: 2,
      minor: 27,
      patch: 1,
      development: false,
      raw: 'v2.27.1+230b55b',
    });
  });

  it('marks v0.0.0-devel as a development build', () => {
    expect(parseCoderVersion('v0.0.0-devel+abc123')?.development).toBe(true);
  });

  it('returns undefined for text that is not a version', () => {
    expect(parseCoderVersion('latest')).toBeUndefined();
  });
});

describe('tasksApiForVersion', () => {
  it.each([
    ['v2.27.1+230b55b', 'experimental'],
    ['v2.28.9', 'experimental'],
    ['v2.29.0', 'v2'],
    ['v2.34.2+esr', 'v2'],
    ['v2.36.5', 'v2'],
    ['v2.37.0', 'none'],
    ['v3.0.0', 'none'],
    ['v0.0.0-devel+abc123', 'none'],
    ['not a version', 'none'],
  ])('chooses the Tasks API of %s: %s', (version, expected) => {
    expect(tasksApiForVersion(version)).toBe(expected);
  });
});
