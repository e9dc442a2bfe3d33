// Matches a request to a route and names it with its route key: method, space, and Coder's path template.
import type { SimulatorRequest } from './simulator-request.js';
import type { SimulatorResponse } from './simulator-response.js';

export type RouteHandler = (request: SimulatorRequest) => SimulatorResponse | Promise<SimulatorResponse>;

/** Matches path segments and returns the path parameters, or null. */
export type SegmentMatcher = (segments: readonly string[]) => Record<string, string> | null;

export interface RouteDefinition {
  method: string;
  /** the path template as Coder's swagger writes it, with the base path, e.g. /api/v2/workspaces/{workspace} */
  template: string;
  handler: RouteHandler;
  authenticated: boolean;
  /** for templates that plain {placeholder} segments cannot express (the app proxy's {workspace}.{agent}) */
  matcher?: SegmentMatcher;
}

export interface RouteMatch {
  route: RouteDefinition;
  key: string;
  parameters: Record<string, string>;
}

export type RouteLookup =
  | { kind: 'matched'; match: RouteMatch }
  | { kind: 'method-not-allowed' }
  | { kind: 'unmatched' };

export const UNMATCHED_ROUTE_KEY = 'UNMATCHED';

export function routeKeyOf(route: Pick<RouteDefinition, 'method' | 'template'>): string {
  return `${route.method} ${route.template}`;
}

export function splitPath(path: string): string[] {
  return path
    .split('/')
    .filter((segment) => segment !== '')
    .map((segment) => {
      try {
        return decodeURIComponent(segment);
      } catch {
        return segment;
      }
    });
}

function templateMatcher(template: string): { matcher: SegmentMatcher; staticSegments: number } {
  const parts = template.split('/').filter((segment) => segment !== '');
  const staticSegments = parts.filter((part) => !part.startsWith('{')).length;
  const matcher: SegmentMatcher = (segments) => {
    if (segments.length !== parts.length) {
      return null;
    }
    const parameters: Record<string, string> = {};
    for (let position = 0; position < parts.length; position += 1) {
      const part = parts[position] ?? '';
      const segment = segments[position] ?? '';
      const placeholder = /^\{(\w+)\}$/.exec(part);
      if (placeholder?.[1]) {
        parameters[placeholder[1]] = segment;
      } else if (part !== segment) {
        return null;
      }
    }
    return parameters;
  };
  return { matcher, staticSegments };
}

interface CompiledRoute {
  route: RouteDefinition;
  key: string;
  matcher: SegmentMatcher;
  staticSegments: number;
}

export class RouteTable {
  private readonly compiled: CompiledRoute[];

  constructor(routes: readonly RouteDefinition[]) {
    this.compiled = routes
      .map((route) => {
        const fromTemplate = templateMatcher(route.template);
        return {
          route,
          key: routeKeyOf(route),
          matcher: route.matcher ?? fromTemplate.matcher,
          staticSegments: fromTemplate.staticSegments,
        };
      })
      // Static segments win over placeholders, as in Coder's router.
      .sort((first, second) => second.staticSegments - first.staticSegments);
  }

  keys(): string[] {
    return this.compiled.map((compiled) => compiled.key).sort();
  }

  lookup(method: string, path: string): RouteLookup {
    const segments = splitPath(path);
    let pathMatched = false;
    for (const compiled of this.compiled) {
      const parameters = compiled.matcher(segments);
      if (!parameters) {
        continue;
      }
      if (compiled.route.method === method) {
        return { kind: 'matched', match: { route: compiled.route, key: compiled.key, parameters } };
      }
      pathMatched = true;
    }
    return pathMatched ? { kind: 'method-not-allowed' } : { kind: 'unmatched' };
  }
}
