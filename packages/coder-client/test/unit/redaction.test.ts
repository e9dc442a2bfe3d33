// Tests that the token is removed from text in its plain and URL-encoded forms.
import { redactToken } from '../../src/index.js';
import { redactUrl } from '../../src/redaction.js';

describe('redactToken', () => {
  it('replaces the token and its URL-encoded form', () => {
    const token = 'abc/def+ghi=';

    const redacted = redactToken(`raw ${token} encoded ${encodeURIComponent(token)}`, token);

    expect(redacted).toBe('raw [REDACTED] encoded [REDACTED]');
  });

  it('returns the text unchanged for an empty token', () => {
    expect(redactToken('nothing to hide', '')).toBe('nothing to hide');
  });

  it('replaces every occurrence of a token that needs no encoding', () => {
    expect(redactToken('a-token and a-token', 'a-token')).toBe('[REDACTED] and [REDACTED]');
  });
});

describe('redactUrl', () => {
  const token = 'AbCdEfGhIj-0123456789abcdefghijkl';

  it('removes the token, user info and credential-looking query values from a URL', () => {
    const url = `https://user:pw@elsewhere.test/cb?coder_session_token=${token}&access_token=abc&coder_application_connect_api_key_35e783=jwt&keep=1#frag`;

    expect(redactUrl(url, token)).toBe(
      'https://[REDACTED]@elsewhere.test/cb?coder_session_token=[REDACTED]&access_token=[REDACTED]&coder_application_connect_api_key_35e783=[REDACTED]&keep=1#frag',
    );
  });

  it.each([
    ['api_key', true],
    ['API-KEY', true],
    ['apikey', true],
    ['client_secret', true],
    ['password', true],
    ['passwd', true],
    ['X-Amz-Signature', true],
    ['credential', true],
    ['code', true],
    ['%74oken', true],
    ['zipcode', false],
    ['codec', false],
    ['%zz', false],
    ['token%zz', true],
  ])('treats the query parameter %s as a credential: %s', (name, redacted) => {
    const url = `https://elsewhere.test/cb?${name}=value1;keep=value2`;

    expect(redactUrl(url, token)).toBe(redacted ? `https://elsewhere.test/cb?${name}=[REDACTED];keep=value2` : url);
  });

  it('removes user info only from the authority of an absolute URL', () => {
    expect(redactUrl('http://me@elsewhere.test/a@b', token)).toBe('http://[REDACTED]@elsewhere.test/a@b');
    expect(redactUrl('/login?next=http://x@y', token)).toBe('/login?next=http://x@y');
  });

  it('leaves a relative sign-in redirect readable', () => {
    const location = '/login?message=You+are+signed+out&redirect=%2F%40alice%2Fw.main%2Fapps%2Fccw%2Fstatus';

    expect(redactUrl(location, token)).toBe(location);
  });

  it('removes the URL-encoded token wherever it sits', () => {
    const encodedToken = 'a/b+c=';

    expect(redactUrl(`/cb?next=${encodeURIComponent(`/x?t=${encodedToken}`)}`, encodedToken)).not.toContain(encodeURIComponent(encodedToken));
  });
});
