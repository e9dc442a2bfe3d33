// Tests that a body that does not fit fails with CoderResponseError naming the endpoint and field.
import { z } from 'zod';
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

  it('says an empty body is empty, not that it is bad JSON', () => {
    const error = failureOf(() => parseResponseBody(' \n', WorkspacesResponseSchema, context));

    expect(error.issues).toEqual([{ field: '(body)', problem: 'empty body where JSON was expected' }]);
    expect(error.message).toBe('GET /api/v2/workspaces answered 200 with an unexpected body: (body): empty body where JSON was expected');
  });

  it('names every field that does not fit, the first in the message', () => {
    const body = JSON.stringify({ workspaces: [{ id: 7, name: 8 }], count: 'one' });

    const error = failureOf(() => parseResponseBody(body, WorkspacesResponseSchema, context));

    expect(error.issues.map((issue) => issue.field)).toEqual(expect.arrayContaining(['workspaces.0.id', 'workspaces.0.name', 'count']));
    expect(error.message).toMatch(new RegExp(`: ${error.field}: .+ \\(and ${error.issues.length - 1} more\\)$`));
  });

  it('names the whole body when it is not the shape at all', () => {
    const error = failureOf(() => parseResponseBody('[]', WorkspacesResponseSchema, context));

    expect(error.field).toBe('(body)');
  });

  it('names the fields of the first shape where the body fits none of several, under the path of the union', () => {
    const taskOrWorkspace = z.object({ created: z.union([z.object({ task_id: z.string() }), z.object({ workspace_id: z.string() })]) });

    const error = failureOf(() => parseResponseBody(JSON.stringify({ created: { task_id: 1 } }), taskOrWorkspace, context));

    expect(error.issues).toEqual([{ field: 'created.task_id', problem: expect.any(String) }]);
  });

  it('names the union itself where it has no alternative to describe', () => {
    const neither = z.object({ value: z.union([]) });

    const error = failureOf(() => parseResponseBody(JSON.stringify({ value: 1 }), neither, context));

    expect(error.field).toBe('value');
  });
});

describe('CoderResponseError', () => {
  it('says the body was unexpected when it is given no issue', () => {
    const error = new CoderResponseError({ method: 'GET', path: '/x', status: 200, issues: [] });

    expect(error.message).toBe('GET /x answered 200 with an unexpected body: (body): unexpected response');
    expect(error).toMatchObject({ field: '(body)', issues: [], status: 200, retryable: false, name: 'CoderResponseError' });
  });
});
