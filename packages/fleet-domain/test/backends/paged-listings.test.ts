// Listings read in pages while the fleet changes: an agent shifted onto the next page is listed once.
import type { CoderTask, Workspace } from '@fleet/coder-client';
import { present } from '../support/present.js';
import { recordedCoder, recordedTasks, recordedWorkspaces } from '@fleet/coder-fakes';
import { backendOver } from '../support/backend-over.js';

/** `count` copies of the recorded entries under other ids (the last four characters numbered). */
function copies<Entry extends { id: string }>(entries: readonly Entry[], count: number, rename: (entry: Entry, index: number) => Entry): Entry[] {
  return Array.from({ length: count }, (_, index) => {
    const entry = present(entries[index % entries.length]);
    return rename({ ...entry, id: `${entry.id.slice(0, -4)}${String(index).padStart(4, '0')}` }, index);
  });
}

/** Pages of `entries` by limit/offset, the later pages shifted back by one: an entry was added in front meanwhile. */
function shiftedPages<Entry>(entries: readonly Entry[], limit = 50, offset = 0): Entry[] {
  const from = offset === 0 ? 0 : offset - 1;
  return entries.slice(from, from + limit);
}

describe('a listing read in pages', () => {
  it('on 2.27 lists an agent that two pages of the task list show once', async () => {
    const tasks: CoderTask[] = copies(recordedTasks('v2.27.1'), 60, (task, index) => ({ ...task, workspace_id: task.id, name: `agent-${index}`, workspace_name: `agent-${index}` }));
    const fake = recordedCoder('v2.27.1', { getTasks: async (filter = {}) => ({ tasks: shiftedPages(tasks, filter.limit, filter.offset), count: tasks.length }) });

    const listed = await backendOver(fake).listAgents();

    expect(fake.argsOf('getTasks').map((args) => args[0])).toEqual([
      { q: 'owner:me', limit: 50, offset: 0 },
      { q: 'owner:me', limit: 50, offset: 50 },
    ]);
    expect(listed.map((entry) => entry.agent.name)).toEqual(tasks.map((task) => task.name));
  });

  it('on 2.37 lists an agent that two pages of the workspaces show once', async () => {
    const agents = recordedWorkspaces('v2.37.0').filter((workspace) => workspace.name !== 'dev-box');
    const workspaces: Workspace[] = copies(agents, 60, (workspace, index) => ({ ...workspace, name: `agent-${index}` }));
    const fake = recordedCoder('v2.37.0', { getWorkspaces: async (filter = {}) => ({ workspaces: shiftedPages(workspaces, filter.limit, filter.offset), count: workspaces.length }) });

    const listed = await backendOver(fake).listAgents();

    expect(listed.map((entry) => entry.agent.name)).toEqual(workspaces.map((workspace) => workspace.name));
  });
});
