// Routes about the deployment itself: build info, users and organizations.
import { jsonResponse } from '../http/simulator-response.js';
import { organizationPayload } from '../payloads/organization-payload.js';
import { userPayload } from '../payloads/user-payload.js';
import type { CoderRoute } from './handler-context.js';
import { organizationParameter, userParameter } from './request-parameters.js';

export const deploymentRoutes: readonly CoderRoute[] = [
  {
    method: 'GET',
    template: '/api/v2/buildinfo',
    authenticated: false,
    handle: ({ world, baseUrl }) => {
      const generation = world.generation;
      const release = generation.version.includes('-')
        ? `https://github.com/coder/coder/commit/${generation.buildVersion.split('+')[1] ?? ''}`
        : `https://github.com/coder/coder/releases/tag/${generation.version}`;
      return jsonResponse(200, {
        external_url: release,
        version: generation.buildVersion,
        dashboard_url: baseUrl(),
        telemetry: false,
        workspace_proxy: false,
        agent_api_version: '2.6',
        provisioner_api_version: '1.10',
        upgrade_message: '',
        deployment_id: world.deploymentId,
        webpush_public_key: '',
      });
    },
  },
  {
    method: 'GET',
    template: '/api/v2/users/{user}',
    authenticated: true,
    handle: ({ world }, request) => jsonResponse(200, userPayload(userParameter(world, request))),
  },
  {
    method: 'GET',
    template: '/api/v2/organizations',
    authenticated: true,
    handle: ({ world }) => jsonResponse(200, world.organizations.map(organizationPayload)),
  },
  {
    method: 'GET',
    template: '/api/v2/organizations/{organization}',
    authenticated: true,
    handle: ({ world }, request) => jsonResponse(200, organizationPayload(organizationParameter(world, request))),
  },
  {
    method: 'GET',
    template: '/api/v2/applications/host',
    authenticated: true,
    // coder/coder coderd/workspaceapps.go appHost (v2.34.3): the wildcard app hostname, with the access URL's port
    // appended when it has one: {"host": "*.apps.example.com:8080"}. The simulator's wildcard is under `.localhost`.
    handle: ({ appHostSuffix }) => jsonResponse(200, { host: `*.${appHostSuffix()}` }),
  },
];
