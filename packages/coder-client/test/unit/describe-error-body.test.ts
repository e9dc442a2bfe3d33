// Tests turning Coder's and AgentAPI's error bodies into CoderApiError fields.
import { describeErrorBody } from '../../src/http/describe-error-body.js';

const token = 'session-token-0123456789';

describe('describeErrorBody', () => {
  it("reads Coder's message, detail and validations", () => {
    const body = JSON.stringify({
      message: 'Validation failed.',
      detail: 'name is invalid',
      validations: [{ field: 'name', detail: 'Must be a valid name.' }],
    });

    expect(describeErrorBody(body, 'Bad Request', token)).toEqual({
      message: 'Validation failed.',
      detail: 'name is invalid',
      validations: [{ field: 'name', detail: 'Must be a valid name.' }],
    });
  });

  it("reads AgentAPI's RFC 7807 problem, its errors becoming validations", () => {
    const body = JSON.stringify({
      title: 'Unprocessable Entity',
      status: 422,
      detail: 'agent is running',
      errors: [{ location: 'body.content', message: 'busy' }],
    });

    expect(describeErrorBody(body, 'Unprocessable Entity', token)).toEqual({
      message: 'Unprocessable Entity',
      detail: 'agent is running',
      validations: [{ field: 'body.content', detail: 'busy' }],
    });
  });

  it('falls back to the status text and the start of a non-JSON body', () => {
    const description = describeErrorBody('<html>Bad Gateway</html>', 'Bad Gateway', token);

    expect(description).toEqual({ message: 'Bad Gateway', detail: '<html>Bad Gateway</html>' });
  });

  it('removes the token from every field the server echoed it in', () => {
    const body = JSON.stringify({ message: `bad ${token}`, detail: token, validations: [{ field: token, detail: token }] });

    expect(JSON.stringify(describeErrorBody(body, 'Unauthorized', token))).not.toContain(token);
  });
});
