// What route handlers share: the world, the build lifecycle, and the simulator's own URL once it listens.
import type { BuildLifecycle } from '../lifecycle/build-lifecycle.js';
import type { SegmentMatcher } from '../http/route-table.js';
import type { SimulatorRequest } from '../http/simulator-request.js';
import type { SimulatorResponse } from '../http/simulator-response.js';
import type { SessionTokens } from '../http/session-authentication.js';
import type { OAuth2Grants } from '../world/oauth2-grants.js';
import type { WorldStore } from '../world/world-store.js';

export interface HandlerContext {
  world: WorldStore;
  lifecycle: BuildLifecycle;
  /** 'http://127.0.0.1:PORT' */
  baseUrl(): string;
  /** the wildcard app host without '*.', e.g. 'apps.localhost:PORT' */
  appHostSuffix(): string;
  /** path-based apps answer 401 (coder server --disable-path-apps) */
  disablePathApps: boolean;
  /** how long POST message {type:"user"} takes to answer at speed 1, in ms (scaled by the clock) */
  promptPostMs: number;
  /** every user's API keys: the OAuth2 provider issues its access tokens here */
  tokens: SessionTokens;
  /** the OAuth2 provider's clients, codes and refresh tokens */
  oauth2: OAuth2Grants;
}

/** A route before it is bound to a running simulator; its template is its identity. */
export interface CoderRoute {
  method: string;
  template: string;
  authenticated: boolean;
  matcher?: SegmentMatcher;
  handle(context: HandlerContext, request: SimulatorRequest): SimulatorResponse | Promise<SimulatorResponse>;
}
