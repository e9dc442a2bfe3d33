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

  it.each(['v0.0.0-devel+abc123', 'v0.0.0-devel.2'])('marks %s as a development build', (text) => {
    expect(parseCoderVersion(text)?.development).toBe(true);
  });

  it('reads numbers of more than one digit', () => {
    expect(parseCoderVersion('v10.123.45')).toMatchObject({ major: 10, minor: 123, patch: 45 });
  });

  it('returns undefined for text that is not a version', () => {
    expect(parseCoderVersion('latest')).toBeUndefined();
  });

  it('reads a version without the v, around spaces, and keeps the text as sent', () => {
    expect(parseCoderVersion(' 2.30.1-rc.0 ')).toEqual({ major: 2, minor: 30, patch: 1, development: false, raw: ' 2.30.1-rc.0 ' });
  });

  it.each(['xv2.30.0', 'v2.30.0 beta', 'v2.30', 'v2.30.0-', 'v2.30.0+'])('refuses %j: only a whole version is one', (text) => {
    expect(parseCoderVersion(text)).toBeUndefined();
  });

  it.each(['v0.0.0', 'v0.0.0-rc.1', 'v0.0.1-devel', 'v0.1.0-devel', 'v1.0.0-devel'])('does not take %s for a development build', (text) => {
    expect(parseCoderVersion(text)?.development).toBe(false);
  });
});

describe('tasksApiForVersion', () => {
  it.each([
    ['v2.27.1+230b55b', 'experimental'],
    ['v2.28.9', 'experimental'],
    ['v1.99.0', 'experimental'],
    ['v2.29.0', 'v2'],
    ['v2.34.2+esr', 'v2'],
    ['v2.36.99', 'v2'],
    ['v2.37.0', 'none'],
    ['v3.0.0', 'none'],
    ['v0.0.0-devel+abc123', 'none'],
    ['not a version', 'none'],
  ])('chooses the Tasks API of %s: %s', (version, expected) => {
    expect(tasksApiForVersion(version)).toBe(expected);
  });
});
