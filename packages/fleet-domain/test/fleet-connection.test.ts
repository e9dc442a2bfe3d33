// createFleet's own calls and the start-up probes, over real HTTP against a local server answering Coder's recorded bodies.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FleetError } from '@fleet/fleet-models';
import { probeCoderVersion, probeOAuth2Provider } from '../src/deployment-probe.js';
import { createFleet } from '../src/fleet.js';
import { recordedExchange } from '@fleet/coder-fakes';

const TOKEN = 'Fleet00-domain0test0token0secret0';

interface Answer {
  status: number;
  body: unknown;
}

/** A local server answering each path from `answers` (404 otherwise); it records each request's path and token. */
async function startCoder(answers: Record<string, Answer | 'never'>): Promise<{ url: string; requests: { path: string; token: string | undefined }[]; server: Server }> {
  const requests: { path: string; token: string | undefined }[] = [];
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const token = request.headers['coder-session-token'];
    requests.push({ path, token: Array.isArray(token) ? token[0] : token });
    const answer = answers[path];
    if (answer === 'never') return;
    const { status, body } = answer ?? { status: 404, body: { message: 'Route not found.' } };
    response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests, server };
}

/** Coder's recorded answer to `GET path` in the recording `recordingCase`. */
function recorded(recordingCase: string, path: RegExp, status = 200): Answer {
  const matching = [0, 1, 2, 3].map((occurrence) => {
    try {
      return recordedExchange('v2.37.0', recordingCase, 'GET', path, occurrence);
    } catch {
      return undefined;
    }
  });
  const exchange = matching.find((candidate) => candidate?.status === status);
  if (!exchange) throw new Error(`No recorded ${status} for GET ${path} in ${recordingCase}`);
  return { status, body: exchange.body };
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(
    servers.splice(0).map(
      (server) =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    ),
  );
});

async function coder(answers: Record<string, Answer | 'never'>) {
  const started = await startCoder(answers);
  servers.push(started.server);
  return started;
}

async function fleetErrorFrom(promise: Promise<unknown>): Promise<FleetError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(FleetError);
  return error as FleetError;
}

describe('a fleet connected to Coder', () => {
  it('says who the token belongs to, in one request carrying the token', async () => {
    const { url, requests } = await coder({ '/api/v2/users/me': recorded('general', /\/users\/me$/) });

    await expect(createFleet({ url, token: TOKEN }).whoAmI()).resolves.toBe('fleet-dev');
    expect(requests).toEqual([{ path: '/api/v2/users/me', token: TOKEN }]);
  });

  it('checks the connection: the user and the version of Coder', async () => {
    const { url } = await coder({ '/api/v2/users/me': recorded('general', /\/users\/me$/), '/api/v2/buildinfo': recorded('general', /\/buildinfo$/) });

    await expect(createFleet({ url, token: TOKEN }).checkConnection()).resolves.toEqual({ username: 'fleet-dev', coderVersion: 'v2.37.0+94ba2e9' });
  });

  it('answers UNAUTHORIZED from whoAmI and checkConnection when Coder refuses the token', async () => {
    const { url } = await coder({ '/api/v2/users/me': recorded('errors', /\/users\/me$/, 401), '/api/v2/buildinfo': recorded('general', /\/buildinfo$/) });
    const fleet = createFleet({ url, token: TOKEN });

    expect((await fleetErrorFrom(fleet.whoAmI())).code).toBe('UNAUTHORIZED');
    expect((await fleetErrorFrom(fleet.checkConnection())).code).toBe('UNAUTHORIZED');
  });

  it('gives up on a Coder that does not answer after the per-request timeout it was given', async () => {
    const { url } = await coder({ '/api/v2/users/me': 'never' });

    const error = await fleetErrorFrom(createFleet({ url, token: TOKEN, timeoutMs: 50 }).whoAmI());

    expect([error.code, error.message]).toEqual(['CODER_UNAVAILABLE', expect.stringContaining('timed out after 50 ms')]);
  });

  it('sends the calls of its services to the same Coder, with the token (here answering 404 to the templates)', async () => {
    const { url, requests } = await coder({ '/api/v2/buildinfo': recorded('general', /\/buildinfo$/) });

    const error = await fleetErrorFrom(createFleet({ url, token: TOKEN }).projects.list());

    expect(error.code).toBe('NOT_FOUND');
    expect(requests.map((request) => [request.path, request.token])).toEqual([
      ['/api/v2/buildinfo', TOKEN],
      ['/api/v2/templates', TOKEN],
    ]);
  });
});

describe('the start-up probes', () => {
  it("read Coder's version without a token", async () => {
    const { url, requests } = await coder({ '/api/v2/buildinfo': recorded('general', /\/buildinfo$/) });

    await expect(probeCoderVersion(url)).resolves.toBe('v2.37.0+94ba2e9');
    expect(requests).toEqual([{ path: '/api/v2/buildinfo', token: undefined }]);
  });

  it('answer no version when Coder does not answer', async () => {
    const { url } = await coder({});

    await expect(probeCoderVersion(url)).resolves.toBeUndefined();
  });

  it("tell a Coder whose OAuth2 provider answers its RFC 8414 metadata from one whose provider is off (404)", async () => {
    // coder/coder coderd/oauth2provider/metadata.go GetAuthorizationServerMetadata, for a deployment at `url`.
    const metadata = (url: string) => ({
      issuer: url,
      authorization_endpoint: `${url}/oauth2/authorize`,
      token_endpoint: `${url}/oauth2/tokens`,
      registration_endpoint: `${url}/oauth2/register`,
      response_types_supported: ['code'],
      grant_types_supported: ['authorization_code', 'refresh_token'],
      code_challenge_methods_supported: ['S256'],
    });
    const off = await coder({});
    const withProvider = await coder({ '/.well-known/oauth-authorization-server': { status: 200, body: metadata('https://coder.example.com') } });

    await expect(probeOAuth2Provider(withProvider.url)).resolves.toBe(true);
    await expect(probeOAuth2Provider(off.url)).resolves.toBe(false);
    expect(withProvider.requests).toEqual([{ path: '/.well-known/oauth-authorization-server', token: undefined }]);
  });
});
