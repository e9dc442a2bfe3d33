// A fake Coder client answering from one recorded generation's world, with per-test overrides.
import { createFakeCoderClient, type FakeAnswers, type FakeCoderClient } from './fake-coder-client.js';
import {
  recordedAgentApiAccepted,
  recordedAgentApiStatus,
  recordedAgentMessages,
  recordedBuildInfo,
  recordedBuildParameters,
  recordedPresets,
  recordedRichParameters,
  recordedTaskLogs,
  recordedTasks,
  recordedTemplateVersionResources,
  recordedTemplates,
  recordedUser,
  recordedWorkspaces,
} from './recorded-coder-data.js';
import { recordedApiError, type RecordedGeneration } from './recorded-traffic.js';

export const CODER_URL = 'http://127.0.0.1:39565/';

/** Coder's recorded 404 for a workspace that is not there. */
export function recordedNotFound(generation: RecordedGeneration) {
  return recordedApiError(generation, 'errors', 'GET', /^\/api\/v2\/workspaces\/0{8}-/);
}

/** Coder's recorded 410 for a workspace deleted meanwhile. */
export function recordedGone(generation: RecordedGeneration) {
  return recordedApiError(generation, 'workspace-delete', 'GET', /^\/api\/v2\/workspaces\//);
}

/** Coder's recorded 409 (the name taken; the same status Coder gives a build while another one runs). */
export function recordedConflict(generation: RecordedGeneration) {
  return recordedApiError(generation, 'workspace-conflict', 'POST', /workspaces$/);
}

/**
 * Answers from the recordings of `generation`: Coder's version and the token's user, the workspaces
 * of the paged listing, the task list, templates with their parameters, presets and (derived)
 * resources, and AgentAPI answering `stable`.
 * Each override replaces one method's answers.
 */
export function recordedCoder(generation: RecordedGeneration, overrides: FakeAnswers = {}): FakeCoderClient {
  const workspaces = recordedWorkspaces(generation);
  const templates = recordedTemplates(generation);
  return createFakeCoderClient({
    getCoderVersion: async () => recordedBuildInfo(generation).version,
    getAuthenticatedUser: async () => recordedUser(generation),
    getWorkspaceByOwnerAndName: async (_owner, name) => {
      const found = workspaces.find((workspace) => workspace.name.toLowerCase() === name.toLowerCase());
      if (!found) {
        throw recordedNotFound(generation);
      }
      return found;
    },
    getWorkspace: async (id) => {
      const found = workspaces.find((workspace) => workspace.id === id);
      if (!found) {
        throw recordedNotFound(generation);
      }
      return found;
    },
    // Coder's limit/offset over the recorded listing (7 workspaces, all of the fleet-dev user).
    getWorkspaces: async (filter = {}) => {
      if (filter.q !== undefined && filter.q !== 'owner:me') {
        throw new Error(`The recordings hold no workspace search "${filter.q}": answer it in the test`);
      }
      const offset = filter.offset ?? 0;
      const page = workspaces.slice(offset, filter.limit === undefined ? undefined : offset + filter.limit);
      return { workspaces: page, count: workspaces.length };
    },
    getWorkspaceBuildParameters: async () => recordedBuildParameters(generation),
    getTasks: async () => {
      const tasks = recordedTasks(generation);
      return { tasks, count: tasks.length };
    },
    getTaskLogs: async () => ({ logs: recordedTaskLogs(generation) }),
    getAgentApiMessages: async () => recordedAgentMessages(generation),
    getAgentApiStatus: async () => recordedAgentApiStatus(generation, 'stable'),
    sendAgentApiMessage: async () => recordedAgentApiAccepted(generation),
    interruptAgentApi: async () => recordedAgentApiAccepted(generation),
    getTemplates: async (filter = {}) => {
      if (filter.q === undefined) {
        return templates;
      }
      if (filter.q !== 'has-ai-task:true') {
        throw new Error(`The recordings hold no template search "${filter.q}"`);
      }
      // The search was not recorded: the templates whose active version the recorded builds call an AI task.
      return templates.filter((template) =>
        workspaces.some(
          (workspace) => workspace.latest_build.template_version_id === template.active_version_id && workspace.latest_build.has_ai_task === true,
        ),
      );
    },
    getTemplateVersionRichParameters: async (versionId) => recordedRichParameters(generation, versionId),
    getTemplateVersionPresets: async (versionId) => recordedPresets(generation, versionId),
    getTemplateVersionResources: async (versionId) => recordedTemplateVersionResources(generation, versionId),
    ...overrides,
  });
}

