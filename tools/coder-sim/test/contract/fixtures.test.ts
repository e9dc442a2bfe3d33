// The fixtures are what the contract stands on: valid JSON, sourced, complete under `$ref`, covering every served operation.
import { agentApiDescription } from './agentapi-description.js';
import { coderDescription } from './coder-description.js';
import { collectReferences, isJsonObject } from './json-document.js';
import type { JsonObject } from './json-document.js';

function objectAt(document: JsonObject, key: string): JsonObject {
  const value = document[key];
  if (!isJsonObject(value)) throw new Error(`${key} is not an object`);
  return value;
}

const coderOperations: ReadonlyArray<[string, string, string]> = [
  ['get', '/buildinfo', 'build-info'],
  ['get', '/users/{user}', 'get-user-by-name'],
  ['get', '/organizations', 'get-organizations'],
  ['get', '/organizations/{organization}', 'get-organization-by-id'],
  ['get', '/organizations/{organization}/templates', 'get-templates-by-organization'],
  ['get', '/templates', 'get-all-templates'],
  ['get', '/templates/{template}', 'get-template-settings-by-id'],
  ['get', '/organizations/{organization}/templates/{templatename}', 'get-templates-by-organization-and-template-name'],
  ['get', '/templateversions/{templateversion}', 'get-template-version-by-id'],
  ['get', '/templateversions/{templateversion}/rich-parameters', 'get-rich-parameters-by-template-version'],
  ['get', '/templateversions/{templateversion}/presets', 'get-template-version-presets'],
  ['get', '/templateversions/{templateversion}/resources', 'get-resources-by-template-version'],
  ['get', '/applications/host', 'get-applications-host'],
  ['get', '/workspaces', 'list-workspaces'],
  ['get', '/workspaces/{workspace}', 'get-workspace-metadata-by-id'],
  ['get', '/users/{user}/workspace/{workspacename}', 'get-workspace-metadata-by-user-and-workspace-name'],
  ['post', '/organizations/{organization}/members/{user}/workspaces', 'create-user-workspace-by-organization'],
  ['post', '/users/{user}/workspaces', 'create-user-workspace'],
  ['post', '/workspaces/{workspace}/builds', 'create-workspace-build'],
  ['get', '/workspaces/{workspace}/builds', 'get-workspace-builds-by-workspace-id'],
  ['get', '/workspacebuilds/{workspacebuild}', 'get-workspace-build'],
  ['get', '/workspacebuilds/{workspacebuild}/logs', 'get-workspace-build-logs'],
  ['get', '/workspacebuilds/{workspacebuild}/parameters', 'get-build-parameters-for-workspace-build'],
  ['get', '/tasks', 'list-ai-tasks'],
  ['post', '/tasks/{user}', 'create-a-new-ai-task'],
  ['get', '/tasks/{user}/{task}', 'get-ai-task-by-id-or-name'],
  ['delete', '/tasks/{user}/{task}', 'delete-ai-task'],
  ['post', '/tasks/{user}/{task}/send', 'send-input-to-ai-task'],
  ['get', '/tasks/{user}/{task}/logs', 'get-ai-task-logs'],
];

describe("Coder's swagger subset fixture", () => {
  it('names its source repository, path, 40-hex commit and extraction date', () => {
    const source = objectAt(coderDescription, 'x-source');
    expect(source).toMatchObject({ repository: 'coder/coder', path: 'coderd/apidoc/swagger.json', extracted: '2026-11-24' });
    expect(source['commit']).toMatch(/^[0-9a-f]{40}$/);
    expect(coderDescription['swagger']).toBe('2.0');
    expect(coderDescription['basePath']).toBe('/api/v2');
  });

  it.each(coderOperations)('describes %s %s as %s with responses', (method, path, operationId) => {
    const operation = objectAt(objectAt(objectAt(coderDescription, 'paths'), path), method);
    expect(operation['operationId']).toBe(operationId);
    expect(Object.keys(objectAt(operation, 'responses')).length).toBeGreaterThan(0);
  });

  it('resolves every $ref inside the fixture', () => {
    const definitions = objectAt(coderDescription, 'definitions');
    const unresolved = [...collectReferences(coderDescription)].filter((reference) => {
      const match = /^#\/definitions\/(.+)$/.exec(reference);
      return match === null || definitions[match[1] ?? ''] === undefined;
    });
    expect(unresolved).toEqual([]);
  });

  it('keeps only definitions the operations reach, plus the error body', () => {
    const definitions = objectAt(coderDescription, 'definitions');
    const reached = new Set<string>(['codersdk.Response']);
    const queue = [...collectReferences(objectAt(coderDescription, 'paths'))].map((reference) => reference.replace('#/definitions/', ''));
    queue.push('codersdk.Response');
    while (queue.length > 0) {
      const name = queue.pop() ?? '';
      const definition = definitions[name];
      if (definition === undefined) continue;
      reached.add(name);
      for (const reference of collectReferences(definition)) {
        const next = reference.replace('#/definitions/', '');
        if (!reached.has(next)) queue.push(next);
      }
    }
    expect(Object.keys(definitions).filter((name) => !reached.has(name))).toEqual([]);
  });
});

describe("AgentAPI's OpenAPI fixture", () => {
  it('is OpenAPI 3 of AgentAPI 0.12.1 with status, messages, message and events', () => {
    expect(agentApiDescription['openapi']).toBe('3.0.3');
    expect(objectAt(agentApiDescription, 'info')['version']).toBe('0.12.1');
    const paths = objectAt(agentApiDescription, 'paths');
    expect(Object.keys(paths)).toEqual(expect.arrayContaining(['/status', '/messages', '/message', '/events']));
  });

  it('resolves every $ref inside the fixture', () => {
    const schemas = objectAt(objectAt(agentApiDescription, 'components'), 'schemas');
    const unresolved = [...collectReferences(agentApiDescription)].filter((reference) => {
      const match = /^#\/components\/schemas\/(.+)$/.exec(reference);
      return match === null || schemas[match[1] ?? ''] === undefined;
    });
    expect(unresolved).toEqual([]);
  });
});
