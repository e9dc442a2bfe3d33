// Starts a new build (start, stop or delete) on an existing workspace, refusing while another build is active.
import { CoderHttpError } from '../http/coder-error.js';
import { resolveBuildParameters } from '../world/build-parameter-resolver.js';
import { nameRequestsFailure, newBuildRecord } from '../world/build-record-factory.js';
import type { WorldStore } from '../world/world-store.js';
import {
  buildIsActive,
  latestBuildOf,
  type BuildRecord,
  type NameValue,
  type UserRecord,
  type WorkspaceRecord,
  type WorkspaceTransition,
} from '../world/world-model.js';
import type { BuildLifecycle } from './build-lifecycle.js';

export interface BuildRequestInput {
  transition: WorkspaceTransition;
  templateVersionId: string | null;
  presetId: string | null;
  richParameterValues: readonly NameValue[];
  initiator: UserRecord;
}

export function requestWorkspaceBuild(
  world: WorldStore,
  lifecycle: BuildLifecycle,
  workspace: WorkspaceRecord,
  input: BuildRequestInput,
): BuildRecord {
  if (workspace.deleted) {
    throw new CoderHttpError(410, { message: `Workspace "${workspace.id}" was deleted.` });
  }
  const previous = latestBuildOf(workspace);
  if (buildIsActive(previous)) {
    throw new CoderHttpError(409, { message: 'A workspace build is already active.' });
  }
  const versionId = input.templateVersionId ?? previous.templateVersionId;
  const version = world.findTemplateVersion(versionId);
  if (!version || version.templateId !== workspace.templateId) {
    throw new CoderHttpError(400, {
      message: 'Template version not found.',
      validations: [{ field: 'template_version_id', detail: 'template version not found' }],
    });
  }
  const presetId = input.presetId ?? previous.presetId;
  const preset = presetId ? (version.presets.find((candidate) => candidate.id === presetId) ?? null) : null;
  if (input.presetId && !preset) {
    throw new CoderHttpError(400, {
      message: 'Invalid template version preset.',
      detail: `template version preset "${input.presetId}" not found in template version "${version.id}"`,
    });
  }
  const parameters = resolveBuildParameters(version, preset, input.richParameterValues, previous.parameters);
  const now = world.clock.now();
  const build = newBuildRecord(world, workspace, {
    transition: input.transition,
    templateVersionId: version.id,
    presetId: preset?.id ?? null,
    parameters,
    initiatorId: input.initiator.id,
    createdAt: now,
    willFail: input.transition === 'start' && nameRequestsFailure(workspace.name),
  });
  // The new build replaces the previous one's agent: AgentAPI is gone until a start build brings a new one up.
  workspace.conversation?.stopProcess();
  world.addBuild(workspace, build);
  workspace.updatedAt = now;
  lifecycle.run(workspace, build);
  return build;
}
