// Maps a concrete request (method and path) to the simulator's route key, e.g. `GET /api/v2/workspaces/{workspace}`.

/** The key the simulator counts requests it cannot route under. */
export const UNMATCHED_ROUTE_KEY = 'UNMATCHED';

interface CompiledRoute {
  readonly routeKey: string;
  readonly method: string;
  readonly pattern: RegExp;
  /** Literal characters of the template: the most specific template wins when several match. */
  readonly literalLength: number;
}

function escapeForRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function compileRoute(routeKey: string): CompiledRoute {
  const separator = routeKey.indexOf(' ');
  const method = routeKey.slice(0, separator).toUpperCase();
  const template = routeKey.slice(separator + 1);
  const parts = template.split(/(\{[^}]+\})/).filter((part) => part.length > 0);
  // A placeholder never spans a `/`, and never a `.` either: `{workspace}.{agent}` must split at the dot.
  const source = parts.map((part) => (part.startsWith('{') ? '([^/.]+)' : escapeForRegExp(part))).join('');
  const literalLength = parts.filter((part) => !part.startsWith('{')).join('').length;
  return { routeKey, method, pattern: new RegExp(`^${source}/?$`), literalLength };
}

export class RouteMatcher {
  private readonly routes: readonly CompiledRoute[];

  constructor(routeKeys: readonly string[]) {
    this.routes = routeKeys.map(compileRoute);
  }

  routeKeyFor(method: string, pathname: string): string {
    const upperMethod = method.toUpperCase();
    let best: CompiledRoute | undefined;
    for (const route of this.routes) {
      if (route.method !== upperMethod || !route.pattern.test(pathname)) continue;
      if (best === undefined || route.literalLength > best.literalLength) best = route;
    }
    return best?.routeKey ?? UNMATCHED_ROUTE_KEY;
  }
}
