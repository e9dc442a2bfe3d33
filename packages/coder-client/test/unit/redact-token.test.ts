// Tests that the token is removed from text in its plain and URL-encoded forms.
import { redactToken } from '../../src/index.js';

describe('redactToken', () => {
  it('replaces the token and its URL-encoded form', () => {
    const token = 'abc/def+ghi=';

    const redacted = redactToken(`raw ${token} encoded ${encodeURIComponent(token)}`, token);

    expect(redacted).toBe('raw [REDACTED] encoded [REDACTED]');
  });

  it('returns the text unchanged for an empty token', () => {
    expect(redactToken('nothing to hide', '')).toBe('nothing to hide');
  });
});
