// Renders a build's resources (codersdk.WorkspaceResource): the container with its agent, and the home volume.
import type { WorldStore } from '../world/world-store.js';
import { latestBuildOf, type BuildRecord, type WorkspaceRecord } from '../world/world-model.js';
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
