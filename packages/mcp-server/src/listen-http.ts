// Serves MCP over Streamable HTTP for the command line: with the operator's shared token, or with a Coder identity per client.
import { probeOAuth2Provider, type Fleet, type FleetOptions } from '@fleet/fleet-domain';
import { CoderIdentities } from './coder-identities.js';
import type { HttpTransportConfig } from './config.js';
import { startHttpServer, type RunningHttpServer } from './http.js';
import { coderAuthentication, type CoderCaller } from './http-authentication.js';
import type { Logger } from './logger.js';
import { createFleetMcpServer } from './server.js';
import type { ToolCaller } from './tool-context.js';

export interface HttpSetting {
  fleet: Fleet | undefined;
  /** Whom shared-token calls act for. */
  operator: ToolCaller;
  fleetOptions(token: string): FleetOptions;
  createFleet(options: FleetOptions): Fleet;
  logger: Logger;
  version: string;
  checkTimeoutMs: number;
  coderUrl: string;
}

/** Listens with the operator's shared token, or with a Coder identity per client (and Coder's sign-in when it offers one). */
export async function listenHttp(transport: HttpTransportConfig, setting: HttpSetting): Promise<RunningHttpServer> {
  const { logger, version } = setting;
  const common = { host: transport.host, port: transport.port, allowedHosts: transport.allowedHosts, stateless: transport.stateless, logger };
  if (transport.auth === 'shared-token') {
    const { fleet } = setting;
    if (fleet === undefined) throw new Error('shared-token mode needs the operator token');
    const caller = setting.operator;
    return startHttpServer({ ...common, bearerToken: transport.bearerToken, createMcpServer: () => createFleetMcpServer(fleet, { logger, version, caller }) });
  }
  const signsIn = await probeOAuth2Provider(setting.coderUrl, { signal: AbortSignal.timeout(setting.checkTimeoutMs) });
  if (signsIn) {
    logger.info(`Coder at ${setting.coderUrl} runs its OAuth2 provider: OAuth-capable MCP clients can sign their users in with Coder`);
  } else {
    logger.warn(
      `Coder at ${setting.coderUrl} does not offer OAuth2 sign-in (its oauth2 experiment is off, or it could not be reached): clients must send their own Coder token as "Authorization: Bearer <token>"`,
    );
  }
  const identities = new CoderIdentities({ createFleet: (token) => setting.createFleet(setting.fleetOptions(token)) });
  return startHttpServer<CoderCaller>({
    ...common,
    authenticate: coderAuthentication(identities),
    authorizationServers: signsIn ? [setting.coderUrl] : [],
    createMcpServer: (caller) =>
      createFleetMcpServer(caller.fleet, {
        logger: logger.child({ coder_user: caller.username }),
        version,
        caller: { username: caller.username, credentialRefused: caller.credentialRefused },
      }),
  });
}
