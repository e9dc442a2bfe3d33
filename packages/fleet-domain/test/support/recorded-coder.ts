// A fake Coder client answering from one recorded generation's world, with per-test overrides.
import { tasksApiForVersion } from '@fleet/coder-client';
import { createFakeCoderClient, type FakeAnswers, type FakeCoderClient } from './fake-coder-client.js';
import {
  recordedAgentMessages,
  recordedPresets,
  recordedRichParameters,
  recordedTaskLogs,
  recordedTasks,
  recordedTemplates,
  recordedWorkspaces,
} from './recorded-coder-data.js';
import { recordedApiError, type RecordedGeneration } from './recorded-traffic.js';

/** Coder's recorded 404 for a workspace that is not there. */
export function recordedNotFound(generation: RecordedGeneration) {
  return recordedApiError(generation, 'errors', 'GET', /^\/api\/v2\/workspaces\/0{8}-/);
}

export function recordedCoder(generation: RecordedGeneration, overrides: FakeAnswers = {}): FakeCoderClient {
  const workspaces = recordedWorkspaces(generation);
  const tasksApi = tasksApiForVersion(generation);
  return createFakeCoderClient({
    getTasksApi: async () => tasksApi,
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
    getWorkspaces: async () => ({ workspaces, count: workspaces.length }),
    getTasks: async () => {
      const tasks = recordedTasks(generation);
      return { tasks, count: tasks.length };
    },
    getTaskLogs: async () => ({ logs: recordedTaskLogs(generation) }),
    getAgentApiMessages: async () => recordedAgentMessages(generation),
    getTemplates: async () => recordedTemplates(generation),
    getTemplateVersionRichParameters: async (versionId) => recordedRichParameters(generation, versionId),
    getTemplateVersionPresets: async (versionId) => recordedPresets(generation, versionId),
    ...overrides,
  });
}
