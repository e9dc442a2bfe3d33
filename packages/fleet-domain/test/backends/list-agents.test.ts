// Listing the fleet per Coder generation: which requests, how many, and which workspaces count as agents.
import { recordedCoder, recordedTasks, recordedWorkspaces } from '@fleet/coder-fakes';
import { backendOver } from '../support/backend-over.js';
import { present } from '../support/present.js';

const AGENTS = ['docs-exports', 'fix-login', 'refactor-billing', 'review-webhooks', 'speedup-onboarding', 'test-cache'];

function namesOf(listed: { agent: { name: string } }[]): string[] {
  return listed.map((entry) => entry.agent.name).sort();
}

describe('listing agents', () => {
  it('on 2.30 sends one task-list request, unpaged, and nothing else', async () => {
    const fake = recordedCoder('v2.30.0');
    const listed = await backendOver(fake).listAgents();
    expect(fake.requestCounts()).toEqual({ getCoderVersion: 1, getTasks: 1 });
    expect(fake.argsOf('getTasks')[0]?.[0]).toEqual({ q: 'owner:me' });
    expect(namesOf(listed)).toEqual(AGENTS);
    expect(listed).toHaveLength(recordedTasks('v2.30.0').length);
  });

  it('on 2.27 pages the experimental task list with limit/offset, and reads no workspace', async () => {
    const fake = recordedCoder('v2.27.1');
    const listed = await backendOver(fake).listAgents();
    expect(fake.argsOf('getTasks').map((args) => args[0])).toEqual([{ q: 'owner:me', limit: 50, offset: 0 }]);
    expect(fake.count('getWorkspaces')).toBe(0);
    expect(namesOf(listed)).toEqual(AGENTS);
  });

  it('on 2.37 pages the workspaces with limit/offset, leaves out the plain workspace, and never asks has-ai-task', async () => {
    const fake = recordedCoder('v2.37.0');
    const listed = await backendOver(fake).listAgents();
    expect(fake.argsOf('getWorkspaces').map((args) => args[0])).toEqual([{ q: 'owner:me', limit: 50, offset: 0 }]);
    expect(fake.count('getTasks')).toBe(0);
    expect(fake.argsOf('getTemplates').filter((args) => JSON.stringify(args[0]).includes('has-ai-task'))).toEqual([]);
    expect(namesOf(listed)).toEqual(AGENTS);
    expect(recordedWorkspaces('v2.37.0').map((workspace) => workspace.name)).toContain('dev-box');
  });

  it('on 2.37 tells a stopped agent from a plain workspace by its template version’s AgentAPI app, reading each version once', async () => {
    // After 2.37.0 builds no longer carry has_ai_task (coder/coder #29085); the recordings predate that, so it is removed here.
    const workspaces = recordedWorkspaces('v2.37.0').map((workspace) => ({
      ...workspace,
      latest_build: { ...workspace.latest_build, has_ai_task: undefined },
    }));
    const fake = recordedCoder('v2.37.0', { getWorkspaces: async () => ({ workspaces, count: workspaces.length }) });
    const backend = backendOver(fake);
    const listed = await backend.listAgents();
    await backend.listAgents();
    expect(namesOf(listed)).toEqual(AGENTS);
    const versionsRead = fake.argsOf('getTemplateVersionResources').map((args) => args[0]);
    expect(new Set(versionsRead).size).toBe(versionsRead.length);
    expect(versionsRead).toContain(workspaces.find((workspace) => workspace.name === 'review-webhooks')?.latest_build.template_version_id);
    expect(versionsRead).toContain(workspaces.find((workspace) => workspace.name === 'dev-box')?.latest_build.template_version_id);
  });

  it('on 2.37 goes on to the next pages by what Coder sent, though plain workspaces were left out of each', async () => {
    const workspaces = recordedWorkspaces('v2.37.0');
    const total = 120;
    // The recorded fleet repeated under other ids, as many as a page asks, 120 in all (dev-box among them on every page).
    const fake = recordedCoder('v2.37.0', {
      getWorkspaces: async (filter = {}) => {
        const offset = filter.offset ?? 0;
        const size = Math.min(filter.limit ?? total, total - offset);
        const page = [...Array(size).keys()].map((index) => {
          const workspace = present(workspaces[index % workspaces.length]);
          return { ...workspace, id: `${workspace.id.slice(0, -4)}${String(offset + index).padStart(4, '0')}` };
        });
        return { workspaces: page, count: total };
      },
    });
    const listed = await backendOver(fake).listAgents();
    const offsets = fake.argsOf('getWorkspaces').map((args) => (args[0] as { offset: number }).offset);
    expect(offsets.sort((first, second) => first - second)).toEqual([0, 50, 100]);
    expect(listed.some((entry) => entry.agent.name === 'dev-box')).toBe(false);
  });
});
