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
  };
}
