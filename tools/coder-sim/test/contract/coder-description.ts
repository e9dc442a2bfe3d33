// Coder's API description (the swagger subset fixture): finds the operation behind a simulator route key.
import { isJsonObject, readFixture } from './json-document.js';
import type { JsonObject, JsonValue } from './json-document.js';

export const coderDescription: JsonObject = readFixture('coder-swagger-subset.json');

/** Route-key prefixes the simulator serves Coder's REST API under; the experimental tasks of 2.27 share the v2 operations. */
export const coderRoutePrefixes = ['/api/v2', '/api/experimental'] as const;

export interface CoderOperation {
  /** The path as Coder's description writes it, without the base path, e.g. `/workspaces/{workspace}`. */
  path: string;
  method: string;
  operationId: string;
  /** Status code -> response object (`{ description, schema? }`) exactly as described. */
  responses: Record<string, JsonObject>;
}

/** The described operation for a route key such as `GET /api/v2/workspaces/{workspace}`, or undefined. */
export function findCoderOperation(routeKey: string): CoderOperation | undefined {
  const separator = routeKey.indexOf(' ');
  const method = routeKey.slice(0, separator).toLowerCase();
  const fullPath = routeKey.slice(separator + 1);
  const prefix = coderRoutePrefixes.find((candidate) => fullPath.startsWith(`${candidate}/`));
  if (prefix === undefined) return undefined;
  const paths = coderDescription['paths'];
  if (!isJsonObject(paths)) return undefined;
  const pathItem = paths[fullPath.slice(prefix.length)];
  if (!isJsonObject(pathItem)) return undefined;
  const operation = pathItem[method];
  if (!isJsonObject(operation)) return undefined;
  const responses: Record<string, JsonObject> = {};
  const describedResponses: JsonValue = operation['responses'] ?? {};
  if (isJsonObject(describedResponses)) {
    for (const [status, response] of Object.entries(describedResponses)) {
      if (isJsonObject(response)) responses[status] = response;
    }
  }
  return { path: fullPath.slice(prefix.length), method, operationId: String(operation['operationId']), responses };
}
