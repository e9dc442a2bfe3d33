// Renders a build's resources (codersdk.WorkspaceResource): the container with its agent, and the home volume.
import type { WorldStore } from '../world/world-store.js';
import { latestBuildOf, type BuildRecord, type TemplateVersionRecord, type WorkspaceRecord } from '../world/world-model.js';
import { isoTime } from './iso-time.js';
import { workspaceAgentPayload } from './workspace-agent-payload.js';

function volumeResource(build: BuildRecord, createdAt: number): Record<string, unknown> {
  return {
    id: build.volumeResourceId,
    created_at: isoTime(createdAt),
    job_id: build.jobId,
    workspace_transition: build.transition,
    type: 'docker_volume',
    name: 'home_volume',
    hide: true,
    icon: '/icon/database.svg',
    agents: [],
    metadata: [],
    daily_cost: 0,
  };
}

/** Resources exist once the job completed: a start has the container and the volume, a stop keeps the volume. */
export function workspaceResourcesPayload(
  world: WorldStore,
  workspace: WorkspaceRecord,
  build: BuildRecord,
): Record<string, unknown>[] {
  if (build.jobStatus !== 'succeeded' || build.completedAt === null) {
    return [];
  }
  if (build.transition === 'delete') {
    return [];
  }
  if (build.transition === 'stop') {
    return [volumeResource(build, build.completedAt)];
  }
  const cpu = build.parameters.find((parameter) => parameter.name === 'cpu')?.value ?? '2';
  const current = latestBuildOf(workspace) === build;
  return [
    {
      id: build.containerResourceId,
      created_at: isoTime(build.completedAt),
      job_id: build.jobId,
      workspace_transition: build.transition,
      type: 'docker_container',
      name: 'workspace',
      hide: false,
      icon: '/icon/docker.png',
      agents: build.agent ? [workspaceAgentPayload(world, workspace, build, build.agent, current)] : [],
      metadata: [
        { key: 'image', value: 'codercom/enterprise-node:ubuntu', sensitive: false },
        { key: 'cpu', value: cpu, sensitive: false },
        { key: 'memory', value: '8 GiB', sensitive: false },
      ],
      daily_cost: 0,
    },
    volumeResource(build, build.completedAt),
  ];
}

/**
 * The plan's resources of a template version (codersdk.WorkspaceResource[]): the container with its `main` agent and
 * the agent's apps, the home volume, and the coder_ai_task resource where the version has one. Nothing runs yet: the
 * agent is `connecting`/`created`, apps have no statuses.
 */
export function templateVersionResourcesPayload(world: WorldStore, version: TemplateVersionRecord): Record<string, unknown>[] {
  const jobId = version.jobId;
  const createdAt = isoTime(version.createdAt + 20_000);
  const agentId = world.identity('template-version-agent', version.id);
  const app = (slug: string, extra: Record<string, unknown>): Record<string, unknown> => ({
    id: world.identity('template-version-app', version.id, slug),
    external: false,
    slug,
    sharing_level: 'owner',
    hidden: false,
    statuses: [],
    ...extra,
  });
  const apps: Record<string, unknown>[] = [];
  const agentApi = version.agentApiApp;
  if (agentApi) {
    apps.push(
      app(agentApi.slug, {
        url: 'http://localhost:3284/',
        display_name: agentApi.displayName,
        icon: agentApi.icon,
        subdomain: agentApi.subdomain,
        healthcheck: { url: 'http://localhost:3284/status', interval: 3, threshold: 20 },
        health: 'initializing',
        open_in: 'slim-window',
      }),
    );
  }
  apps.push(
    app('code-server', {
      url: 'http://localhost:13337/?folder=/home/coder/project',
      display_name: 'VS Code Web',
      icon: '/icon/code.svg',
      subdomain: false,
      healthcheck: { url: 'http://localhost:13337/healthz', interval: 5, threshold: 6 },
      health: 'initializing',
      open_in: 'slim-window',
    }),
  );
  const agent: Record<string, unknown> = {
    id: agentId,
    parent_id: null,
    created_at: createdAt,
    updated_at: createdAt,
    status: 'connecting',
    lifecycle_state: 'created',
    name: 'main',
    resource_id: world.identity('template-version-resource', version.id, 'container'),
    instance_id: '',
    architecture: 'amd64',
    environment_variables: {},
    operating_system: 'linux',
    logs_length: 0,
    logs_overflowed: false,
    directory: '/home/coder/project',
    version: '',
    api_version: '',
    apps,
    latency: {},
    connection_timeout_seconds: 120,
    troubleshooting_url: 'https://coder.com/docs/admin/templates/troubleshooting',
    subsystems: [],
    health: { healthy: false, reason: 'agent is not running' },
    display_apps: ['vscode', 'web_terminal', 'ssh_helper', 'port_forwarding_helper'],
    log_sources: [],
    scripts: [],
    startup_script_behavior: 'non-blocking',
  };
  const resources: Record<string, unknown>[] = [
    {
      id: world.identity('template-version-resource', version.id, 'container'),
      created_at: createdAt,
      job_id: jobId,
      workspace_transition: 'start',
      type: 'docker_container',
      name: 'workspace',
      hide: false,
      icon: '/icon/docker.png',
      agents: [agent],
      metadata: [],
      daily_cost: 0,
    },
    {
      id: world.identity('template-version-resource', version.id, 'volume'),
      created_at: createdAt,
      job_id: jobId,
      workspace_transition: 'start',
      type: 'docker_volume',
      name: 'home_volume',
      hide: true,
      icon: '/icon/database.svg',
      agents: [],
      metadata: [],
      daily_cost: 0,
    },
  ];
  if (version.hasAiTask) {
    // coder_ai_task { app_id = <the AgentAPI app> } (terraform-provider-coder), present until 2.36.
    resources.push({
      id: world.identity('template-version-resource', version.id, 'ai-task'),
      created_at: createdAt,
      job_id: jobId,
      workspace_transition: 'start',
      type: 'coder_ai_task',
      name: 'task',
      hide: true,
      icon: '',
      agents: [],
      metadata: [],
      daily_cost: 0,
    });
  }
  return resources;
}
