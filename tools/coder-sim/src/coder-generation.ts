// The Coder release generation the simulator plays, and what each generation changes in the API it serves.
import { hashText } from './deterministic-random.js';

/** experimental: 2.27–2.28 (/api/experimental/tasks); stable: 2.29–2.36 (/api/v2/tasks); absent: 2.37+ */
export type TasksApiFlavour = 'experimental' | 'stable' | 'absent';

export interface CoderGeneration {
  /** normalised, e.g. 'v2.30.0' */
  version: string;
  /** as Coder sends it in X-Coder-Build-Version and buildinfo, e.g. 'v2.30.0+1a2b3c4' */
  buildVersion: string;
  tasksApi: TasksApiFlavour;
  /** '/api/experimental/tasks', '/api/v2/tasks' or null */
  tasksBasePath: string | null;
  /** builds carry ai_task_sidebar_app_id until the column was dropped (before the tasks API was promoted) */
  exposesSidebarAppId: boolean;
  /** workspaces carry task_id once tasks became their own records */
  exposesWorkspaceTaskId: boolean;
  /**
   * Builds carry has_ai_task and the has-ai-task: search filter exists (workspaces and templates).
   * // coder/coder PRs #28790 and #29085 (after v2.37.0): the has_ai_task columns and the filter are dropped; the
   * // field is `omitempty` in codersdk.WorkspaceBuild, so new builds carry none, and searchquery.Workspaces /
   * // searchquery.Templates no longer read the key, so parser.ErrorExcessParams rejects it (400).
   */
  exposesHasAiTask: boolean;
  /**
   * How the first prompt reaches Claude Code:
   * - 'ai-prompt-parameter' (2.27–2.28): the template's `AI Prompt` rich parameter, read by the claude-code module
   *   (registry claude-code v2/v3 `ai_prompt = data.coder_parameter.ai_prompt.value`).
   * - 'task-input' (2.29–2.36): `POST /api/v2/tasks/{user}` `input`, stored as the task prompt and read by the module
   *   through `data.coder_task` (coder/registry PR #485, coder/coder PR #21023); a plain workspace create delivers none.
   * - 'none' (2.37+): no Tasks API (coder/coder PR #28008) and no coder_task prompt reaches AgentAPI templates: the
   *   client sends the first task through AgentAPI itself.
   */
  promptDelivery: 'ai-prompt-parameter' | 'task-input' | 'none';
  /** // coder/coder coderd/database/queries/workspaceapps.sql (v2.30.0): app statuses ORDER BY created_at DESC. Before, insertion order. */
  appStatusesNewestFirst: boolean;
  /**
   * // coder/coder coderd/aitasks.go tasksFromWorkspaces (v2.27.x): the experimental task list is built from the
   * // workspace query (takes the workspace `q`, `limit`, `offset`); 2.28 reads the tasks table (no paging).
   */
  experimentalTaskListPaged: boolean;
}

export const DEFAULT_CODER_VERSION = 'v2.30.0';

const VERSION_PATTERN = /^v?(\d+)\.(\d+)\.(\d+)([-+][0-9A-Za-z.+-]*)?$/;

export function resolveCoderGeneration(requestedVersion: string): CoderGeneration {
  const match = VERSION_PATTERN.exec(requestedVersion.trim());
  if (!match) {
    throw new Error(`Unsupported Coder version "${requestedVersion}": expected something like v2.30.0.`);
  }
  const major = Number(match[1]);
  const minor = Number(match[2]);
  const patch = Number(match[3]);
  const suffix = match[4] ?? '';
  if (major !== 2) {
    throw new Error(`Unsupported Coder version "${requestedVersion}": the simulator plays Coder 2.x releases.`);
  }
  const version = `v${major}.${minor}.${patch}${suffix.startsWith('-') ? suffix : ''}`;
  const tasksApi: TasksApiFlavour = minor < 29 ? 'experimental' : minor < 37 ? 'stable' : 'absent';
  const commit = hashText(version, 7).toString(16).padStart(8, '0').slice(0, 7);
  return {
    version,
    buildVersion: `${version}+${commit}`,
    tasksApi,
    tasksBasePath:
      tasksApi === 'experimental' ? '/api/experimental/tasks' : tasksApi === 'stable' ? '/api/v2/tasks' : null,
    exposesSidebarAppId: tasksApi === 'experimental',
    exposesWorkspaceTaskId: tasksApi === 'stable',
    exposesHasAiTask: minor < 37,
    promptDelivery: tasksApi === 'experimental' ? 'ai-prompt-parameter' : tasksApi === 'stable' ? 'task-input' : 'none',
    appStatusesNewestFirst: minor >= 30,
    experimentalTaskListPaged: minor <= 27,
  };
}
