// The routes a simulated Coder generation serves, and their route keys.
import { DEFAULT_CODER_VERSION, resolveCoderGeneration, type CoderGeneration } from './coder-generation.js';
import { agentApiProxyRoutes } from './handlers/agent-api-proxy-routes.js';
import { deploymentRoutes } from './handlers/deployment-routes.js';
import { oauth2ProviderRoutes } from './handlers/oauth2-provider-routes.js';
import type { CoderRoute, HandlerContext } from './handlers/handler-context.js';
import { taskRoutes } from './handlers/task-routes.js';
import { templateRoutes } from './handlers/template-routes.js';
import { workspaceBuildRoutes } from './handlers/workspace-build-routes.js';
import { workspaceRoutes } from './handlers/workspace-routes.js';
import { RouteTable, routeKeyOf, type RouteDefinition } from './http/route-table.js';

/** `oauth2Provider`: the deployment runs with the `oauth2` experiment, so it also serves Coder's OAuth2 provider. */
export function coderRoutesFor(generation: CoderGeneration, features: { oauth2Provider?: boolean } = {}): CoderRoute[] {
  return [
    ...(features.oauth2Provider === true ? oauth2ProviderRoutes : []),
    ...deploymentRoutes,
    ...templateRoutes,
    ...workspaceRoutes,
    ...workspaceBuildRoutes,
    ...(generation.tasksBasePath ? taskRoutes(generation.tasksBasePath) : []),
    ...agentApiProxyRoutes,
  ];
}

export function bindRoutes(routes: readonly CoderRoute[], context: HandlerContext): RouteTable {
  const definitions: RouteDefinition[] = routes.map((route) => ({
    method: route.method,
    template: route.template,
    authenticated: route.authenticated,
    ...(route.matcher ? { matcher: route.matcher } : {}),
    handler: (request) => route.handle(context, request),
  }));
  return new RouteTable(definitions);
}

/** Every route key the simulator serves when it plays the given Coder version. */
export function routesFor(coderVersion: string): string[] {
  return coderRoutesFor(resolveCoderGeneration(coderVersion)).map(routeKeyOf).sort();
}

/** The route keys of the default generation. */
export const ROUTES: readonly string[] = Object.freeze(routesFor(DEFAULT_CODER_VERSION));
