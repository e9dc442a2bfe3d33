// Tests that a body that does not fit fails with CoderResponseError naming the endpoint and field.
import { CoderResponseError, WorkspacesResponseSchema } from '../../src/index.js';
import { parseResponseBody } from '../../src/http/parse-response-body.js';

const context = { method: 'GET', path: '/api/v2/workspaces', status: 200 };

function failureOf(run: () => unknown): CoderResponseError {
  try {
    run();
  } catch (error) {
    if (error instanceof CoderResponseError) {
      return error;
    }
    throw error;
  }
  throw new Error('expected a CoderResponseError');
}

describe('parseResponseBody', () => {
  it('names the nested field that has the wrong type', () => {
    const body = JSON.stringify({ workspaces: [{ id: 7 }], count: 1 });

    const error = failureOf(() => parseResponseBody(body, WorkspacesResponseSchema, context));

    expect(error.field).toBe('workspaces.0.id');
    expect(error.message).toContain('GET /api/v2/workspaces');
    expect(error.message).toContain('workspaces.0.id');
    expect(error.retryable).toBe(false);
  });

  it('reports a body that is not JSON as the whole body', () => {
    const error = failureOf(() => parseResponseBody('{"workspaces": [', WorkspacesResponseSchema, context));

    expect(error.field).toBe('(body)');
    expect(error.issues[0]?.problem).toBe('not valid JSON');
  });

  it('keeps fields the schema does not know', () => {
    const body = JSON.stringify({ workspaces: [], count: 0, next_cursor: 'x' });

    const parsed = parseResponseBody(body, WorkspacesResponseSchema, context);

    expect(parsed['next_cursor']).toBe('x');
  });
});
