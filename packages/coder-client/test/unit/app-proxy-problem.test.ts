// Tests the edges of telling the app proxy's own answers apart: which paths go through it, which redirects mean sign-in, which pages mean what.
import { appProxyProblemOf, isAppProxyPath } from '../../src/http/app-proxy-problem.js';

const requestUrl = 'https://coder.test/@alice/agent-1.main/apps/ccw/status';
const page = (message: string, detail?: string) => ({ message, detail, html: true });

describe('isAppProxyPath', () => {
  it.each([
    ['/@alice/w.main/apps/ccw/status', true],
    ['/%40alice/w.main/apps/ccw/status', true],
    ['/%40Alice/w.main/apps/ccw/status', true],
    ['/api/v2/users/@me', false],
    ['/api/v2/users/%40me', false],
    ['@alice/w.main/apps/ccw/status', false],
  ])('%s: %s', (path, expected) => {
    expect(isAppProxyPath(path)).toBe(expected);
  });
});

describe('appProxyProblemOf a redirect', () => {
  it.each([
    ['/login', 'token_refused'],
    ['/login/', 'token_refused'],
    ['https://coder.test/login?redirect=%2F', 'token_refused'],
    ['/api/v2/applications/auth-redirect/', 'token_refused'],
    ['/login-help', undefined],
    ['/login/next', undefined],
    ['/api/v2/applications/auth-redirect/more', undefined],
    ['http://[::1', undefined],
  ])('to %s is %s', (location, expected) => {
    expect(appProxyProblemOf({ status: 303, location, requestUrl })).toBe(expected);
  });

  it('resolves a relative Location even without the request URL', () => {
    expect(appProxyProblemOf({ status: 307, location: '/login', requestUrl: '' })).toBe('token_refused');
  });

  it('is nothing without a Location', () => {
    expect(appProxyProblemOf({ status: 302, requestUrl })).toBeUndefined();
  });

  it.each([300, 399])('counts %i as a redirect', (status) => {
    expect(appProxyProblemOf({ status, location: '/login', requestUrl })).toBe('token_refused');
  });
});

describe('appProxyProblemOf a page', () => {
  it.each([
    [400, page('Workspace Offline', 'Last workspace transition was to the "stop" state.'), 'workspace_offline'],
    [400, page('Bad Request', 'The workspace offline check failed'), 'workspace_offline'],
    [400, page('Bad Request', 'Invalid app slug'), undefined],
    [401, page('Unauthorized', 'Path-based applications are disabled on this Coder deployment by the administrator.'), 'path_apps_disabled'],
    [403, page('PATH-BASED APPLICATIONS ARE DISABLED'), 'path_apps_disabled'],
    [403, page('Forbidden', 'You do not have permission'), undefined],
    [404, page('Not Found', 'Path-based applications are disabled'), 'app_not_found'],
    [404, page('Application Not Found'), 'app_not_found'],
    [502, page('Bad Gateway'), 'app_unreachable'],
    [500, page('Internal Server Error'), undefined],
    [503, page('Workspace Offline'), undefined],
    [400, { message: 'Workspace Offline' }, undefined],
  ])('%i %j is %s', (status, description, expected) => {
    expect(appProxyProblemOf({ status, requestUrl, description })).toBe(expected);
  });

  it('is nothing without a description', () => {
    expect(appProxyProblemOf({ status: 502, requestUrl })).toBeUndefined();
  });
});
