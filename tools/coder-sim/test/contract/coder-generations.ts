// The Coder releases the contract test plays, and where each differs from today's description of Coder's API.
//
// Coder's description is today's; the simulator also plays older and newer releases. Where a release
// really answered differently, the difference is stated here, per definition, with the reason. Values
// stay type- and enum-checked; only which properties exist and which enum applies changes.
import type { JsonObject } from './json-document.js';

export interface GenerationDifferences {
  /** Per definition: properties this release does not send at all (not in its codersdk yet, or no more). */
  absentProperties: Record<string, string[]>;
  /** Per definition and property: the schema this release's value follows instead of the described one. */
  replacedProperties: Record<string, Record<string, JsonObject>>;
}

export interface CoderGenerationUnderTest {
  coderVersion: string;
  tasksBasePath: string | null;
  differences: GenerationDifferences;
}

const workspaceStatuses = ['pending', 'starting', 'running', 'stopping', 'stopped', 'failed', 'canceling', 'canceled', 'deleting', 'deleted'];

export const coderGenerations: CoderGenerationUnderTest[] = [
  {
    coderVersion: 'v2.27.1',
    tasksBasePath: '/api/experimental/tasks',
    differences: {
      absentProperties: {
        // Tasks became records of their own (and workspaces got task_id) with the v2 Tasks API.
        'codersdk.Workspace': ['task_id'],
        // The experimental codersdk.Task of 2.27 (recorded from v2.27.1: shared/coder-api/README.md) has no
        // display name, template version, workspace name/status/build number or app id.
        'codersdk.Task': ['display_name', 'template_version_id', 'workspace_name', 'workspace_status', 'workspace_build_number', 'workspace_app_id'],
      },
      replacedProperties: {
        // 2.27's experimental Task.Status was a WorkspaceStatus; TaskStatus (pending, initializing, active, ...)
        // came with the v2 Tasks API.
        'codersdk.Task': { status: { type: 'string', enum: workspaceStatuses } },
      },
    },
  },
  { coderVersion: 'v2.30.0', tasksBasePath: '/api/v2/tasks', differences: { absentProperties: {}, replacedProperties: {} } },
  {
    coderVersion: 'v2.37.0',
    tasksBasePath: null,
    // 2.37 removed the Tasks API, and with it the workspace's task_id; PRs #28790/#29085 dropped has_ai_task
    // (omitempty in codersdk.WorkspaceBuild, so absent).
    differences: {
      absentProperties: { 'codersdk.Workspace': ['task_id'], 'codersdk.WorkspaceBuild': ['has_ai_task'] },
      replacedProperties: {},
    },
  },
];
