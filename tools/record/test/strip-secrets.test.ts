// Tests that a recorded entry keeps no credential header and no token anywhere.
import { stripSecrets } from '../src/strip-secrets.js';

const token = 'AbCdEf1234-sessiontokenvalue+/=';

function recordedEntry(): Record<string, unknown> {
  return {
    request: {
      method: 'GET',
      url: `http://127.0.0.1:4000/api/v2/workspaces?q=owner%3Ame&coder_session_token=${encodeURIComponent(token)}`,
      headers: [
        { name: 'coder-session-token', value: token },
        { name: 'Authorization', value: `Bearer ${token}` },
        { name: 'cookie', value: `coder_session_token=${token}` },
        { name: 'accept', value: 'application/json' },
      ],
      queryString: [{ name: 'coder_session_token', value: token }],
      postData: { mimeType: 'application/json', text: JSON.stringify({ echo: token }) },
      cookies: [{ name: 'coder_session_token', value: token }],
    },
    response: {
      status: 200,
      headers: [
        { name: 'set-cookie', value: `coder_session_token=${token}` },
        { name: 'x-coder-simulator', value: 'fleet-coder-sim/0.1.0' },
      ],
      content: { mimeType: 'application/json', text: `{"note":"${token}"}` },
      cookies: [{ name: 'coder_session_token', value: token }],
    },
  };
}

describe('stripSecrets', () => {
  it('removes credential request headers and keeps the others', () => {
    const entry = recordedEntry();

    stripSecrets(entry, [token]);

    const headers = (entry['request'] as { headers: { name: string }[] }).headers.map((header) => header.name);
    expect(headers).toEqual(['accept']);
  });

  it('keeps the server headers, such as the simulator marker, and drops set-cookie', () => {
    const entry = recordedEntry();

    stripSecrets(entry, [token]);

    const headers = (entry['response'] as { headers: { name: string }[] }).headers.map((header) => header.name);
    expect(headers).toEqual(['x-coder-simulator']);
  });

  it('leaves the token, plain or URL-encoded, nowhere in the entry', () => {
    const entry = recordedEntry();

    stripSecrets(entry, [token]);

    const text = JSON.stringify(entry);
    expect(text).not.toContain(token);
    expect(text).not.toContain(encodeURIComponent(token));
    expect(text).toContain('[REDACTED]');
  });

  it('ignores an empty secret instead of redacting every character boundary', () => {
    const entry = recordedEntry();

    stripSecrets(entry, ['']);

    expect((entry['request'] as { method: string }).method).toBe('GET');
  });
});
