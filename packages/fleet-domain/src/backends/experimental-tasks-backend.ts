// The fleet on Coder 2.27–2.28: the workspace level, listed through the experimental task list.
import { listedAgentFromTask } from './agent-from-task.js';
import type { BackendCallOptions, ListedAgent } from './fleet-backend.js';
import { CURRENT_USER } from './fleet-coder-client.js';
import { readAllPages } from './read-all-pages.js';
import { relistFromLightList, WORKSPACE_PAGE_SIZE, WorkspaceBackend, withoutRepeats } from './workspace-backend.js';

const OWN_TASKS_QUERY = `owner:${CURRENT_USER}`;

/**
 * `/api/experimental/tasks` lists the AI-task workspaces in ~1 KB entries (2.27 pages it with
 * `limit`/`offset`; 2.28 answers all at once, which `readAllPages` takes in one request). Everything
 * else goes through workspaces: the experimental routes changed shape between 2.27 and 2.28.
 */
export class ExperimentalTasksBackend extends WorkspaceBackend {
  /** The light task list costs a few light pages: reading it whole is the cheap way. */
  override async listAgentPage(): Promise<undefined> {
    return undefined;
  }

  override relistAgents(ids: readonly string[], options: BackendCallOptions = {}): Promise<ListedAgent[]> {
    return relistFromLightList(this, ids, options);
  }

  override async listAgents(options: BackendCallOptions = {}): Promise<ListedAgent[]> {
    const agents = await readAllPages(async (page) => {
      const answer = await this.client.getTasks({ q: OWN_TASKS_QUERY, ...page }, { signal: options.signal });
      return { items: answer.tasks.map(listedAgentFromTask), count: answer.count };
    }, WORKSPACE_PAGE_SIZE);
    return withoutRepeats(agents);
  }
}
