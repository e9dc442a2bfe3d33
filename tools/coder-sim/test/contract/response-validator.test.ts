// The validator must be able to fail: it rejects wrong types, wrong enums, missing required and incomplete objects.
import { coderDescription } from './coder-description.js';
import { adjustCoderDefinitions } from './description-deviations.js';
import { DescriptionExample } from './description-example.js';
import { isJsonObject } from './json-document.js';
import type { JsonObject, JsonValue } from './json-document.js';
import { ResponseValidator } from './response-validator.js';
import type { ObservedResponse } from './response-validator.js';

const validator = new ResponseValidator();
const definitions = coderDescription['definitions'];
if (!isJsonObject(definitions)) throw new Error('no definitions');
const examples = new DescriptionExample(adjustCoderDefinitions(definitions));

function objectExample(name: string): JsonObject {
  const example = examples.of(name);
  if (!isJsonObject(example)) throw new Error(`${name} example is not an object`);
  return example;
}

function response(routeKey: string, status: number, body: JsonValue | string, contentType = 'application/json'): ObservedResponse {
  const method = routeKey.slice(0, routeKey.indexOf(' '));
  return { method, routeKey, status, contentType, bodyText: typeof body === 'string' ? body : JSON.stringify(body) };
}

const getWorkspace = 'GET /api/v2/workspaces/{workspace}';

describe('ResponseValidator on Coder responses', () => {
  it('accepts a workspace that carries every described property with valid values', () => {
    const verdict = validator.check(response(getWorkspace, 200, objectExample('codersdk.Workspace')));
    expect(verdict).toEqual({ schema: 'get-workspace-metadata-by-id 200', violations: [], missingProperties: [] });
  });

  it('rejects a workspace whose build status is not one of the described enum values', () => {
    const workspace = objectExample('codersdk.Workspace');
    const build = workspace['latest_build'];
    if (!isJsonObject(build)) throw new Error('no latest_build');
    build['status'] = 'exploded';
    const verdict = validator.check(response(getWorkspace, 200, workspace));
    expect(verdict.violations).toEqual(expect.arrayContaining([expect.stringMatching(/^\/latest_build\/status must be equal to one of the allowed values .*"exploded"/)]));
  });

  it('rejects a workspace whose name is a number', () => {
    const workspace = { ...objectExample('codersdk.Workspace'), name: 42 };
    const verdict = validator.check(response(getWorkspace, 200, workspace));
    expect(verdict.violations).toEqual(['/name must be string, got 42']);
  });

  it('rejects null for a plain string property but accepts it for a pointer-like one', () => {
    const workspace = { ...objectExample('codersdk.Workspace'), owner_name: null, latest_app_status: null, dormant_at: null };
    const verdict = validator.check(response(getWorkspace, 200, workspace));
    expect(verdict.violations).toEqual(['/owner_name must be string, got null']);
  });

  it('reports a workspace that leaves out a property Coder always sends', () => {
    const { owner_name: _ownerName, ...workspace } = objectExample('codersdk.Workspace');
    const verdict = validator.check(response(getWorkspace, 200, workspace));
    expect(verdict.violations).toEqual([]);
    expect(verdict.missingProperties).toEqual(["(body) lacks 'owner_name' (codersdk.Workspace)"]);
  });

  it('reports a missing property deep inside the latest build agent', () => {
    const workspace = objectExample('codersdk.Workspace');
    const agent = JSON.parse(JSON.stringify(workspace)).latest_build.resources[0].agents[0] as JsonObject;
    delete agent['lifecycle_state'];
    const changed = JSON.parse(JSON.stringify(workspace)) as { latest_build: { resources: [{ agents: JsonObject[] }] } };
    changed.latest_build.resources[0].agents[0] = agent;
    const verdict = validator.check(response(getWorkspace, 200, changed as unknown as JsonValue));
    expect(verdict.missingProperties).toEqual(["/latest_build/resources/0/agents/0 lacks 'lifecycle_state' (codersdk.WorkspaceAgent)"]);
  });

  it('accepts a task whose nullable ids are strings or null, and rejects the {uuid, valid} struct shape', () => {
    const task = { ...objectExample('codersdk.Task'), workspace_agent_id: null, current_state: null };
    expect(validator.check(response('GET /api/v2/tasks/{user}/{task}', 200, task)).violations).toEqual([]);
    const structShaped = { ...task, workspace_id: { uuid: 'x', valid: true } };
    expect(validator.check(response('GET /api/experimental/tasks/{user}/{task}', 200, structShaped)).violations).not.toEqual([]);
  });

  it('takes 201 for workspace creation and reports a 200', () => {
    const workspace = objectExample('codersdk.Workspace');
    const create = 'POST /api/v2/users/{user}/workspaces';
    expect(validator.check(response(create, 201, workspace)).violations).toEqual([]);
    expect(validator.check(response(create, 200, workspace)).violations).toEqual(['create-user-workspace answered 200; Coder answers 201 Created']);
  });

  it('reports a status the operation does not describe', () => {
    const verdict = validator.check(response(getWorkspace, 202, objectExample('codersdk.Workspace')));
    expect(verdict.violations).toEqual(['get-workspace-metadata-by-id answered 202; described success statuses: 200']);
  });

  it('checks presets under the capitalised names Coder sends', () => {
    const presets = 'GET /api/v2/templateversions/{templateversion}/presets';
    const preset = { ID: 'p1', Name: 'Implementer', Parameters: [{ Name: 'system_prompt', Value: 'x' }], Default: true };
    expect(validator.check(response(presets, 200, [preset])).violations).toEqual([]);
    expect(validator.check(response(presets, 200, [{ ...preset, Default: 'yes' }])).violations).toEqual(['/0/Default must be boolean, got "yes"']);
  });
});

describe('ResponseValidator on error bodies', () => {
  it('accepts Coder error bodies with message, detail and validations', () => {
    const body = { message: 'Validation failed.', detail: 'name', validations: [{ field: 'name', detail: 'must be valid' }] };
    expect(validator.check(response('POST /api/v2/users/{user}/workspaces', 400, body))).toMatchObject({ violations: [], missingProperties: [] });
  });

  it('rejects a validation entry that misses its required detail', () => {
    const body = { message: 'Validation failed.', validations: [{ field: 'name' }] };
    const verdict = validator.check(response('POST /api/v2/users/{user}/workspaces', 400, body));
    expect(verdict.violations).toEqual(["/validations/0 must have required property 'detail'"]);
  });

  it('reports an error body without a message', () => {
    const verdict = validator.check(response(getWorkspace, 404, { detail: 'gone' }));
    expect(verdict.missingProperties).toEqual(["(body) lacks 'message' (codersdk.Response)"]);
  });

  it('rejects an error body that is not JSON', () => {
    const verdict = validator.check(response('UNMATCHED', 404, 'not found', 'text/plain'));
    expect(verdict.violations).toEqual(['body is not JSON (content-type text/plain): "not found"']);
  });
});

describe('ResponseValidator on AgentAPI responses', () => {
  const status = 'GET /@{user}/{workspace}.{agent}/apps/{app}/status';

  it('accepts a complete status and rejects one with an unknown field or without transport', () => {
    expect(validator.check(response(status, 200, { agent_type: 'claude', status: 'stable', transport: 'pty' })).violations).toEqual([]);
    expect(validator.check(response(status, 200, { agent_type: 'claude', status: 'stable', transport: 'pty', busy: true })).violations).toEqual([
      "(body) must NOT have additional properties 'busy'",
    ]);
    expect(validator.check(response(status, 200, { agent_type: 'claude', status: 'stable' })).violations).toEqual([
      "(body) must have required property 'transport'",
    ]);
  });

  it('checks AgentAPI errors against ErrorModel and proxy errors against Coder error body', () => {
    const message = 'POST /@{user}/{workspace}.{agent}/apps/{app}/message';
    expect(validator.check(response(message, 409, { title: 'Conflict', status: 409, detail: 'busy' })).violations).toEqual([]);
    expect(validator.check(response(message, 409, { message: 'busy' })).violations).toEqual(["(body) must NOT have additional properties 'message'"]);
    expect(validator.check(response(message, 502, { message: 'Workspace is not running.' })).violations).toEqual([]);
  });

  it('checks every event of an event stream', () => {
    const events = 'GET /@{user}/{workspace}.{agent}/apps/{app}/events';
    const good = 'event: status_change\ndata: {"agent_type":"claude","status":"running"}\n\n';
    expect(validator.check(response(events, 200, good, 'text/event-stream')).violations).toEqual([]);
    const bad = 'event: status_change\ndata: {"agent_type":"claude","status":"sleeping"}\n\n';
    expect(validator.check(response(events, 200, bad, 'text/event-stream')).violations).not.toEqual([]);
  });
});
