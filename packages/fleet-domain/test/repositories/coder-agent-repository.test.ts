// Agents read and changed through a fake client answering recorded Coder data, per generation.
import { CoderAgentRepository } from '../../src/repositories/coder-agent-repository.js';
import { TemplateVersionCache } from '../../src/repositories/template-version-cache.js';
import type { FakeCoderClient } from '../support/fake-coder-client.js';
import { recordedCoder } from '../support/recorded-coder.js';
import {
  recordedCreatedWorkspace,
  recordedPresets,
  recordedStartBuild,
  recordedStopBuilds,
  recordedTasks,
  recordedTemplate,
  recordedWorkspace,
} from '../support/recorded-coder-data.js';
import type { RecordedGeneration } from '../support/recorded-traffic.js';
import { present } from '../support/present.js';

const CODER_URL = 'http://127.0.0.1:39565/';

function repositoryOn(fake: FakeCoderClient): CoderAgentRepository {
  return new CoderAgentRepository(fake.client, new TemplateVersionCache(fake.client), CODER_URL);
}

/** The role the recorded workspace was built with, read straight from the recorded presets. */
function recordedRole(generation: RecordedGeneration, workspaceName: string): string | undefined {
  const build = recordedWorkspace(generation, workspaceName).latest_build;
  return recordedPresets(generation, build.template_version_id).find((preset) => preset.ID === build.template_version_preset_id)?.Name;
}

function projectOf(generation: RecordedGeneration, templateName: string) {
  const template = recordedTemplate(generation, templateName);
  return {
    name: template.name,
    displayName: template.display_name ?? template.name,
    description: '',
    templateId: template.id,
    activeVersionId: template.active_version_id,
    organizationId: template.organization_id,
  };
}

describe('CoderAgentRepository.findByName', () => {
  it.each(['v2.27.1', 'v2.30.0', 'v2.37.0'] as const)(
    'reads a busy agent on %s with one lookup, its role from the preset and its AgentAPI app',
    async (generation) => {
      const fake = recordedCoder(generation);
      const record = await repositoryOn(fake).findByName('refactor-billing');
      expect(record?.details).toMatchObject({
        name: 'refactor-billing',
        status: 'busy',
        project: 'Claude Code',
        role: recordedRole(generation, 'refactor-billing'),
        url: 'http://127.0.0.1:39565/@fleet-dev/refactor-billing',
        owner: 'fleet-dev',
        build: { transition: 'start', status: 'running', jobStatus: 'succeeded', error: null },
        health: { healthy: true, agentStatus: 'connected', lifecycleState: 'ready', reason: null },
      });
      expect(record?.details.lastTask?.state).toBe('working');
      expect(record?.details.parameters).toContainEqual(expect.objectContaining({ name: 'system_prompt' }));
      expect(record?.app).toMatchObject({ owner: 'fleet-dev', workspace: 'refactor-billing', agent: 'main', slug: 'ccw' });
      expect(record?.runsAgent).toBe(true);
      expect(fake.count('getWorkspaceByOwnerAndName')).toBe(1);
      expect(fake.calls.get('getWorkspaceByOwnerAndName')?.[0]?.slice(0, 2)).toEqual(['me', 'refactor-billing']);
    },
  );

  it('answers undefined when Coder answers 404 for the name', async () => {
    const fake = recordedCoder('v2.30.0');
    await expect(repositoryOn(fake).findByName('no-such-agent')).resolves.toBeUndefined();
  });

  it('tells a workspace without an AI task apart from an agent', async () => {
    const record = await repositoryOn(recordedCoder('v2.27.1')).findByName('dev-box');
    expect(record?.runsAgent).toBe(false);
  });

  it('reads a stopped agent as stopped, unhealthy and without an AgentAPI app', async () => {
    const record = await repositoryOn(recordedCoder('v2.30.0')).findByName('review-webhooks');
    expect(record?.details.status).toBe('stopped');
    expect(record?.details.health.healthy).toBe(false);
    expect(record?.app).toBeUndefined();
  });

  it('reads a failed build with the job error', async () => {
    const record = await repositoryOn(recordedCoder('v2.30.0')).findByName('test-cache');
    expect(record?.details.status).toBe('failed');
    expect(record?.details.build.error).toContain('no space left on device');
  });

  it('reads the presets of a template version once for many lookups', async () => {
    const fake = recordedCoder('v2.37.0');
    const repository = repositoryOn(fake);
    await Promise.all([repository.findByName('fix-login'), repository.findByName('refactor-billing'), repository.findByName('speedup-onboarding')]);
    await repository.findByName('fix-login');
    expect(fake.count('getTemplateVersionPresets')).toBe(1);
  });
});

describe('CoderAgentRepository.list', () => {
  it('lists through one task-list request on releases with /api/v2/tasks, roles left unknown', async () => {
    const fake = recordedCoder('v2.30.0');
    const listed = await repositoryOn(fake).list();
    expect(fake.requestCounts()).toEqual({ getTasks: 1 });
    expect(fake.calls.get('getTasks')?.[0]?.[0]).toEqual({ q: 'owner:me' });
    expect(listed).toHaveLength(recordedTasks('v2.30.0').length);
    const busy = listed.find((entry) => entry.agent.name === 'refactor-billing');
    expect(busy?.agent).toMatchObject({ status: 'busy', project: 'Claude Code', role: null, lastTask: { state: 'working' } });
    expect(busy?.templateName).toBe('claude-code');
  });

  it.each(['v2.27.1', 'v2.37.0'] as const)(
    'lists through one unpaged workspace request filtered to AI tasks on %s, with roles from cached presets',
    async (generation) => {
      const fake = recordedCoder(generation);
      const repository = repositoryOn(fake);
      const listed = await repository.list();
      await repository.list();
      expect(fake.count('getWorkspaces')).toBe(2);
      expect(fake.calls.get('getWorkspaces')?.[0]?.[0]).toEqual({ q: 'owner:me has-ai-task:true' });
      // Two template versions with roles in use, each read once across both listings.
      expect(fake.count('getTemplateVersionPresets')).toBe(2);
      expect(listed.find((entry) => entry.agent.name === 'fix-login')?.agent).toMatchObject({
        status: 'idle',
        role: recordedRole(generation, 'fix-login'),
      });
      expect(listed.find((entry) => entry.agent.name === 'review-webhooks')?.agent.status).toBe('stopped');
    },
  );
});

describe('CoderAgentRepository.create', () => {
  it('creates a task on /api/v2/tasks releases, then reads the workspace it made', async () => {
    const created = recordedCreatedWorkspace('v2.30.0');
    const task = recordedTasks('v2.30.0')[0];
    const fake = recordedCoder('v2.30.0', {
      createTask: async () => ({ ...present(task), workspace_id: created.id }),
      getWorkspace: async () => created,
    });
    const project = projectOf('v2.30.0', 'claude-code');
    const record = await repositoryOn(fake).create({ name: 'fleet-rec-workspace', task: 'Say hello', project, presetId: 'preset-id' });
    expect(fake.calls.get('createTask')?.[0]?.slice(0, 2)).toEqual([
      'me',
      { input: 'Say hello', name: 'fleet-rec-workspace', template_version_id: project.activeVersionId, template_version_preset_id: 'preset-id' },
    ]);
    expect(fake.calls.get('getWorkspace')?.[0]?.[0]).toBe(created.id);
    expect(record.details.status).toBe('pending');
    expect(record.details.build.jobStatus).toBe('pending');
  });

  it.each(['v2.27.1', 'v2.37.0'] as const)('creates a workspace with the AI Prompt parameter on %s', async (generation) => {
    const created = recordedCreatedWorkspace(generation);
    const fake = recordedCoder(generation, { createWorkspace: async () => created });
    const project = projectOf(generation, 'claude-code');
    const presetId = recordedPresets(generation, project.activeVersionId)[0]?.ID;
    const record = await repositoryOn(fake).create({ name: 'fleet-rec-workspace', task: 'Say hello', project, presetId });
    expect(fake.calls.get('createWorkspace')?.[0]?.slice(0, 3)).toEqual([
      project.organizationId,
      'me',
      {
        name: 'fleet-rec-workspace',
        template_version_id: project.activeVersionId,
        template_version_preset_id: presetId,
        rich_parameter_values: [{ name: 'AI Prompt', value: 'Say hello' }],
      },
    ]);
    expect(fake.count('createTask')).toBe(0);
    expect(record.details).toMatchObject({ name: 'fleet-rec-workspace', status: 'pending', role: 'Implementer' });
  });
});

describe('CoderAgentRepository builds', () => {
  it('deletes through the Tasks API where the workspace names its task', async () => {
    const fake = recordedCoder('v2.30.0', { deleteTask: async () => undefined });
    const repository = repositoryOn(fake);
    const record = await repository.findByName('fix-login');
    await repository.delete(present(record));
    expect(fake.calls.get('deleteTask')?.[0]?.slice(0, 2)).toEqual(['me', recordedWorkspace('v2.30.0', 'fix-login').task_id]);
    expect(fake.count('deleteWorkspace')).toBe(0);
  });

  it('deletes the workspace on releases without the Tasks API', async () => {
    const fake = recordedCoder('v2.37.0', { deleteWorkspace: async () => present(recordedStopBuilds('v2.37.0')[0]) });
    const repository = repositoryOn(fake);
    const record = await repository.findByName('fix-login');
    await repository.delete(present(record));
    expect(fake.calls.get('deleteWorkspace')?.[0]?.[0]).toBe(record?.details.workspaceId);
  });

  it('starts a build and returns the agent with it as the latest build, keeping its role, without reading the workspace again', async () => {
    const startBuild = { ...recordedStartBuild('v2.27.1'), template_version_preset_id: null };
    const fake = recordedCoder('v2.27.1', { startWorkspace: async () => startBuild });
    const repository = repositoryOn(fake);
    const stopped = await repository.findByName('review-webhooks');
    const started = await repository.start(present(stopped));
    expect(started.details.build.id).toBe(recordedStartBuild('v2.27.1').id);
    expect(started.details.status).toBe('pending');
    expect(started.details.role).toBe(recordedRole('v2.27.1', 'review-webhooks'));
    expect(started.details.role).not.toBeNull();
    expect(fake.count('getWorkspaceByOwnerAndName')).toBe(1);
    expect(fake.count('getWorkspace')).toBe(0);
  });

  it('reads a stop build as its progress', async () => {
    const [accepted, ...polled] = recordedStopBuilds('v2.30.0');
    const fake = recordedCoder('v2.30.0', { stopWorkspace: async () => present(accepted), getWorkspaceBuild: async () => present(polled[polled.length - 1]) });
    const repository = repositoryOn(fake);
    const record = await repository.findByName('fix-login');
    expect(await repository.stop(present(record))).toMatchObject({ transition: 'stop', jobStatus: 'pending' });
    expect(await repository.findBuild(present(accepted).id)).toMatchObject({ status: 'stopped', jobStatus: 'succeeded', error: null });
  });
});
