// AgentAPI's OpenAPI 3 description (fixture): finds the operation behind a simulator route key of the app proxy.
import { isJsonObject, readFixture } from './json-document.js';
import type { JsonObject } from './json-document.js';

export const agentApiDescription: JsonObject = readFixture('agentapi-openapi.json');

/** The app-proxy prefix of AgentAPI route keys; what follows it is AgentAPI's own path. */
const appProxyPrefix = /^\/@\{[^}]+\}\/\{[^}]+\}(?:\.\{[^}]+\})?\/apps\/\{[^}]+\}/;

export interface AgentApiOperation {
  /** AgentAPI's own path, e.g. `/status`. */
  path: string;
  method: string;
  operationId: string;
  /** Status code (or `default`) -> media type -> schema, exactly as described. */
  responses: Record<string, Record<string, JsonObject>>;
}

export function isAgentApiRouteKey(routeKey: string): boolean {
  return appProxyPrefix.test(routeKey.slice(routeKey.indexOf(' ') + 1));
}

export function findAgentApiOperation(routeKey: string): AgentApiOperation | undefined {
  const separator = routeKey.indexOf(' ');
  const method = routeKey.slice(0, separator).toLowerCase();
  const proxiedPath = routeKey.slice(separator + 1);
  const prefix = appProxyPrefix.exec(proxiedPath);
  if (prefix === null) return undefined;
  const path = proxiedPath.slice(prefix[0].length);
  const paths = agentApiDescription['paths'];
  if (!isJsonObject(paths)) return undefined;
  const pathItem = paths[path];
  if (!isJsonObject(pathItem)) return undefined;
  const operation = pathItem[method];
  if (!isJsonObject(operation) || !isJsonObject(operation['responses'])) return undefined;
  const responses: Record<string, Record<string, JsonObject>> = {};
  for (const [status, response] of Object.entries(operation['responses'])) {
    if (!isJsonObject(response) || !isJsonObject(response['content'])) continue;
    const media: Record<string, JsonObject> = {};
    for (const [mediaType, content] of Object.entries(response['content'])) {
      if (isJsonObject(content) && isJsonObject(content['schema'])) media[mediaType] = content['schema'];
    }
    responses[status] = media;
  }
  return { path, method, operationId: String(operation['operationId']), responses };
}
