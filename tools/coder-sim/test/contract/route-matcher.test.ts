// Route keys are what coverage is counted in: a request must land on the most specific template.
import { RouteMatcher, UNMATCHED_ROUTE_KEY } from './route-matcher.js';

const matcher = new RouteMatcher([
  'GET /api/v2/users/{user}',
  'GET /api/v2/users/{user}/workspace/{workspacename}',
  'GET /api/v2/workspaces',
  'GET /api/v2/workspaces/{workspace}',
  'GET /@{user}/{workspace}.{agent}/apps/{app}/status',
]);

describe('RouteMatcher', () => {
  it.each([
    ['GET', '/api/v2/users/me', 'GET /api/v2/users/{user}'],
    ['GET', '/api/v2/users/me/workspace/agent-1', 'GET /api/v2/users/{user}/workspace/{workspacename}'],
    ['GET', '/api/v2/workspaces', 'GET /api/v2/workspaces'],
    ['GET', '/api/v2/workspaces/0b9c0e7e-5a1c-4a57-8a8e-7d3c8d4f2f10', 'GET /api/v2/workspaces/{workspace}'],
    ['GET', '/@fleet-dev/agent-1.main/apps/ccw/status', 'GET /@{user}/{workspace}.{agent}/apps/{app}/status'],
    ['POST', '/api/v2/workspaces', UNMATCHED_ROUTE_KEY],
    ['GET', '/api/v2/tasks', UNMATCHED_ROUTE_KEY],
  ])('maps %s %s to %s', (method, path, routeKey) => {
    expect(matcher.routeKeyFor(method, path)).toBe(routeKey);
  });
});
