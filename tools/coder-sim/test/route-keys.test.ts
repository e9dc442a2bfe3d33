// The route keys the simulator serves per Coder generation.
import { ROUTES, routesFor } from '../src/index.js';

describe('route keys', () => {
  it('ROUTES are the route keys of the default generation (v2.30.0)', () => {
    expect([...ROUTES]).toEqual(routesFor('v2.30.0'));
  });

  it('use Coder swagger path templates with the /api/v2 base path and swagger placeholder names', () => {
    expect(ROUTES).toEqual(
      expect.arrayContaining([
        'GET /api/v2/buildinfo',
        'GET /api/v2/users/{user}',
        'GET /api/v2/workspaces/{workspace}',
        'GET /api/v2/users/{user}/workspace/{workspacename}',
        'POST /api/v2/workspaces/{workspace}/builds',
        'GET /api/v2/workspacebuilds/{workspacebuild}/logs',
        'GET /api/v2/workspacebuilds/{workspacebuild}/parameters',
        'GET /api/v2/templateversions/{templateversion}/presets',
        'GET /api/v2/organizations/{organization}/templates/{templatename}',
        'POST /api/v2/organizations/{organization}/members/{user}/workspaces',
        'GET /api/v2/tasks/{user}/{task}',
        'GET /@{user}/{workspace}.{agent}/apps/{app}/status',
        'POST /@{user}/{workspace}.{agent}/apps/{app}/message',
      ]),
    );
  });

  it('each generation serves its own task paths and nothing else differs', () => {
    const withoutTasks = (routes: readonly string[]): string[] => routes.filter((route) => !route.includes('/tasks'));

    expect(routesFor('v2.27.1').filter((route) => route.includes('/tasks'))).toContain('GET /api/experimental/tasks/{user}/{task}');
    expect(routesFor('v2.34.2').filter((route) => route.includes('/tasks'))).toContain('POST /api/v2/tasks/{user}/{task}/send');
    expect(routesFor('v2.40.0').filter((route) => route.includes('/tasks'))).toEqual([]);
    expect(withoutTasks(routesFor('v2.27.1'))).toEqual(withoutTasks(routesFor('v2.37.0')));
  });

  it('refuses a version it cannot play', () => {
    expect(() => routesFor('3.0.0')).toThrow(/Unsupported Coder version/);
    expect(() => routesFor('latest')).toThrow(/Unsupported Coder version/);
  });
});
