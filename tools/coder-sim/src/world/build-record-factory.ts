// Creates build and agent records whose ids derive from the workspace and build number.
import type { WorldStore } from './world-store.js';
import type { AgentRecord, BuildRecord, NameValue, WorkspaceRecord, WorkspaceTransition } from './world-model.js';

export interface NewBuildInput {
  transition: WorkspaceTransition;
  templateVersionId: string;
  presetId: string | null;
  parameters: readonly NameValue[];
  initiatorId: string;
  createdAt: number;
  willFail: boolean;
}

export function newBuildRecord(world: WorldStore, workspace: WorkspaceRecord, input: NewBuildInput): BuildRecord {
  const buildNumber = workspace.builds.length + 1;
  return {
    id: world.identity('build', workspace.id, buildNumber),
    jobId: world.identity('job', workspace.id, buildNumber),
    ordinal: world.nextBuildOrdinal(),
    buildNumber,
    transition: input.transition,
    jobStatus: 'pending',
    createdAt: input.createdAt,
    updatedAt: input.createdAt,
    startedAt: null,
    completedAt: null,
    error: null,
    templateVersionId: input.templateVersionId,
    presetId: input.presetId,
    parameters: input.parameters,
    initiatorId: input.initiatorId,
    willFail: input.willFail,
    containerResourceId: world.identity('resource', workspace.id, buildNumber, 'container'),
    volumeResourceId: world.identity('resource', workspace.id, 'home-volume'),
    agent: null,
  };
}

/** The agent a start build brings up; it connects and becomes ready afterwards. */
export function newAgentRecord(world: WorldStore, workspace: WorkspaceRecord, build: BuildRecord, at: number): AgentRecord {
  return {
    id: world.identity('agent', workspace.id, build.buildNumber),
    name: 'main',
    agentApiAppId: world.identity('app', workspace.id, build.buildNumber, 'ccw'),
    codeServerAppId: world.identity('app', workspace.id, build.buildNumber, 'code-server'),
    previewAppId: world.identity('app', workspace.id, build.buildNumber, 'preview'),
    createdAt: at,
    status: 'connecting',
    lifecycle: 'created',
    agentApiHealth: 'initializing',
    firstConnectedAt: null,
    startedAt: null,
    readyAt: null,
  };
}

/** Names starting with "fail" make the build fail: the way tests ask for a failed build. */
export function nameRequestsFailure(workspaceName: string): boolean {
  return /^fail(?:-|$)/i.test(workspaceName);
}
