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
      detail: 'agent is running: body.content: busy',
      validations: [{ field: 'body.content', detail: 'busy' }],
    });
  });

  it("carries the reason AgentAPI gives only in errors[].message into the detail (a busy agent's 500)", () => {
    // What huma v2.32.0 writes for AgentAPI v0.12.1's POST /message to an agent that is running.
    const body = JSON.stringify({
      title: 'Internal Server Error',
      status: 500,
      detail: 'unexpected error occurred',
      errors: [{ message: 'failed to send message: message can only be sent when the agent is waiting for user input' }],
    });

    expect(describeErrorBody(body, 'Internal Server Error', token, 'application/problem+json')).toEqual({
      message: 'Internal Server Error',
      detail: 'unexpected error occurred: failed to send message: message can only be sent when the agent is waiting for user input',
      validations: [{ field: '', detail: 'failed to send message: message can only be sent when the agent is waiting for user input' }],
    });
  });

  it('keeps a problem without errors as it is', () => {
    const body = JSON.stringify({ title: 'Bad Request', status: 400, detail: 'nope' });

    expect(describeErrorBody(body, 'Bad Request', token)).toEqual({ message: 'Bad Request', detail: 'nope', validations: [] });
  });

  it('reads an HTML page as its title and first paragraph, never the page', () => {
    const page = '<!DOCTYPE html><html><head><title>502 - Bad Gateway</title><style>p{}</style></head><body><h1>502 - Bad Gateway</h1><p>Failed to proxy request to application: EOF &amp; more</p></body></html>';

    expect(describeErrorBody(page, 'Bad Gateway', token, 'text/html; charset=utf-8')).toEqual({
      message: 'Bad Gateway',
      detail: 'Failed to proxy request to application: EOF & more',
      html: true,
    });
  });

  it('reads a bare HTML page without title as the status text', () => {
    const description = describeErrorBody('<html>Bad Gateway</html>', 'Bad Gateway', token);

    expect(description).toEqual({ message: 'Bad Gateway', detail: undefined, html: true });
  });

  it('falls back to the status text and the start of a plain-text body', () => {
    const description = describeErrorBody('upstream connect error', 'Bad Gateway', token, 'text/plain');

    expect(description).toEqual({ message: 'Bad Gateway', detail: 'upstream connect error' });
  });

  it('removes the token from every field the server echoed it in', () => {
    const body = JSON.stringify({ message: `bad ${token}`, detail: token, validations: [{ field: token, detail: token }] });

    expect(JSON.stringify(describeErrorBody(body, 'Unauthorized', token))).not.toContain(token);
  });

  it('removes the token from a problem and from a page', () => {
    const problem = JSON.stringify({ title: token, detail: token, errors: [{ location: token, message: token }] });
    const page = `<html><head><title>${token}</title></head><body><p>${encodeURIComponent(token)}</p></body></html>`;

    expect(JSON.stringify(describeErrorBody(problem, 'Unauthorized', token))).not.toContain(token);
    expect(JSON.stringify(describeErrorBody(page, 'Unauthorized', token))).not.toContain(token);
  });
});
