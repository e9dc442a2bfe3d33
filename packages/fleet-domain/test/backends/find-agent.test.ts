// One agent read by name per generation: its record from the workspace, and what tells an agent from a plain workspace.
import { recordedCoder, type RecordedGeneration, recordedPresets, recordedWorkspace } from '@fleet/coder-fakes';
import { backendOver } from '../support/backend-over.js';

const GENERATIONS = ['v2.27.1', 'v2.30.0', 'v2.37.0'] as const;

/** The role the recorded workspace was built with, read straight from the recorded presets. */
function recordedRole(generation: RecordedGeneration, workspaceName: string): string | undefined {
  const build = recordedWorkspace(generation, workspaceName).latest_build;
  return recordedPresets(generation, build.template_version_id).find((preset) => preset.ID === build.template_version_preset_id)?.Name;
}

describe('finding an agent', () => {
  it.each(GENERATIONS)('on %s reads a running agent with one lookup, its role from the preset and its AgentAPI app', async (generation) => {
    const fake = recordedCoder(generation);
    const record = await backendOver(fake).findAgent('refactor-billing');
    expect(record?.details).toMatchObject({
      name: 'refactor-billing',
      project: 'Claude Code',
      role: recordedRole(generation, 'refactor-billing'),
      url: 'http://127.0.0.1:39565/@fleet-dev/refactor-billing',
      build: { transition: 'start', status: 'running', jobStatus: 'succeeded', error: null },
      health: { healthy: true, agentStatus: 'connected', lifecycleState: 'ready', reason: null },
    });
    expect(record?.app).toMatchObject({ owner: 'fleet-dev', workspace: 'refactor-billing', agent: 'main', slug: 'ccw' });
    expect(record?.runsAgent).toBe(true);
    expect(fake.argsOf('getWorkspaceByOwnerAndName').map((args) => args.slice(0, 2))).toEqual([['me', 'refactor-billing']]);
  });

  it('keeps the Coder task behind the agent on 2.30, and none on 2.37', async () => {
    const onTasks = await backendOver(recordedCoder('v2.30.0')).findAgent('fix-login');
    const onWorkspaces = await backendOver(recordedCoder('v2.37.0')).findAgent('fix-login');
    expect(onTasks?.taskId).toBe(recordedWorkspace('v2.30.0', 'fix-login').task_id);
    expect(onWorkspaces?.taskId).toBeNull();
  });

  it.each(GENERATIONS)('on %s answers undefined when Coder answers 404 for the name', async (generation) => {
    await expect(backendOver(recordedCoder(generation)).findAgent('no-such-agent')).resolves.toBeUndefined();
  });

  it.each(GENERATIONS)('on %s tells the plain workspace, which runs no AgentAPI app, from an agent', async (generation) => {
    const record = await backendOver(recordedCoder(generation)).findAgent('dev-box');
    expect(record?.runsAgent).toBe(false);
  });

  it('on 2.37 knows a stopped agent, whose build says nothing, by its template version’s AgentAPI app', async () => {
    // After 2.37.0 builds no longer carry has_ai_task (coder/coder #29085); the recordings predate that, so it is removed here.
    const stopped = recordedWorkspace('v2.37.0', 'review-webhooks');
    const fake = recordedCoder('v2.37.0', {
      getWorkspaceByOwnerAndName: async () => ({ ...stopped, latest_build: { ...stopped.latest_build, has_ai_task: undefined } }),
    });
    const record = await backendOver(fake).findAgent('review-webhooks');
    expect(record?.runsAgent).toBe(true);
    expect(record?.app).toBeUndefined();
    expect(record?.details.status).toBe('stopped');
    expect(fake.argsOf('getTemplateVersionResources').map((args) => args[0])).toEqual([stopped.latest_build.template_version_id]);
  });

  it('reads a failed build with the job error', async () => {
    const record = await backendOver(recordedCoder('v2.30.0')).findAgent('test-cache');
    expect(record?.details.status).toBe('failed');
    expect(record?.details.build.error).toContain('no space left on device');
  });

  it('reads the presets of a template version once for many lookups', async () => {
    const fake = recordedCoder('v2.37.0');
    const backend = backendOver(fake);
    await Promise.all([backend.findAgent('fix-login'), backend.findAgent('refactor-billing'), backend.findAgent('speedup-onboarding')]);
    await backend.findAgent('fix-login');
    expect(fake.count('getTemplateVersionPresets')).toBe(1);
  });
});
