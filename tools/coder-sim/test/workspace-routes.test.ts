// Workspace listing (q filter, paging, order), lookups, and creation with Coder's checks.
import type { CoderError, Template, Workspace, WorkspacesResponse } from './support/coder-shapes.js';
import { openSession, type SimulatorSession } from './support/simulator-session.js';

describe('workspace routes', () => {
  let session: SimulatorSession;
  let claudeCode: Template;
  let research: Template;

  beforeAll(async () => {
    session = await openSession();
    const templates = await session.getJson<Template[]>('/api/v2/templates');
    claudeCode = templates.find((template) => template.name === 'claude-code') as Template;
    research = templates.find((template) => template.name === 'research-agent') as Template;
  });

  afterAll(() => session.close());

  const list = (query: string): Promise<WorkspacesResponse> =>
    session.getJson<WorkspacesResponse>(`/api/v2/workspaces?q=${encodeURIComponent(query)}`);

  describe('listing with the q filter and paging', () => {
    it('owner:me shows the main user workspaces only; no filter shows the other user too', async () => {
      const mine = await list('owner:me');
      const everyone = await session.getJson<WorkspacesResponse>('/api/v2/workspaces');

      expect(mine.count).toBe(7);
      expect(new Set(mine.workspaces.map((workspace) => workspace.owner_name))).toEqual(new Set(['fleet-dev']));
      expect(everyone.count).toBe(9);
      expect(everyone.workspaces.map((workspace) => workspace.owner_name)).toContain('other-dev');
    });

    it('has-ai-task separates agents from plain workspaces', async () => {
      const agents = await list('owner:me has-ai-task:true');
      const plain = await list('owner:me has-ai-task:false');

      expect(agents.count).toBe(6);
      expect(plain.workspaces.map((workspace) => workspace.name)).toEqual(['dev-box']);
    });

    it('filters by template, status, name and free text', async () => {
      const byTemplate = await list('owner:me template:research-agent');
      const stopped = await list('owner:me status:stopped');
      const byName = await list('owner:me name:LOGIN');
      const freeText = await list('owner:me billing');

      expect(byTemplate.workspaces.every((workspace) => workspace.template_name === 'research-agent')).toBe(true);
      expect(byTemplate.count).toBeGreaterThan(0);
      expect(stopped.workspaces.map((workspace) => workspace.latest_build.status)).toEqual(['stopped']);
      expect(byName.workspaces.map((workspace) => workspace.name)).toEqual(['fix-login']);
      expect(freeText.workspaces.map((workspace) => workspace.name)).toEqual(['refactor-billing']);
    });

    it('id: takes a comma-separated list of workspace ids, and refuses one that is no UUID', async () => {
      const mine = await list('owner:me');
      const [first, second] = mine.workspaces;
      const picked = await list(`owner:me id:${first?.id ?? ''},${second?.id ?? ''}`);
      const bad = await session.call('GET', `/api/v2/workspaces?q=${encodeURIComponent('id:not-a-uuid')}`);

      expect(picked.workspaces.map((workspace) => workspace.id).sort()).toEqual([first?.id, second?.id].sort());
      expect(picked.count).toBe(2);
      expect(bad.status).toBe(400);
      expect((bad.json as CoderError).validations?.[0]?.field).toBe('id');
    });

    it('"owner/name" free text filters by both', async () => {
      const result = await list('other-dev/other');

      expect(result.workspaces.map((workspace) => workspace.name).sort()).toEqual(['other-agent', 'other-box']);
    });

    it('an unknown filter key or a bad status is a 400 with validations', async () => {
      const unknownKey = await session.call('GET', `/api/v2/workspaces?q=${encodeURIComponent('colour:blue')}`);
      const badStatus = await session.call('GET', `/api/v2/workspaces?q=${encodeURIComponent('status:sleeping')}`);

      expect(unknownKey.status).toBe(400);
      expect((unknownKey.json as CoderError).message).toBe('Invalid workspace search query.');
      expect((unknownKey.json as CoderError).validations?.[0]?.field).toBe('colour');
      expect(badStatus.status).toBe(400);
    });

    it('limit and offset page through the list while count stays the total', async () => {
      const all = await list('owner:me');
      const page = await session.getJson<WorkspacesResponse>(`/api/v2/workspaces?q=owner:me&limit=3&offset=2`);
      const pastEnd = await session.getJson<WorkspacesResponse>(`/api/v2/workspaces?q=owner:me&limit=3&offset=50`);
      const badLimit = await session.call('GET', '/api/v2/workspaces?limit=many');

      expect(page.count).toBe(all.count);
      expect(page.workspaces.map((workspace) => workspace.id)).toEqual(all.workspaces.slice(2, 5).map((workspace) => workspace.id));
      expect(pastEnd.workspaces).toEqual([]);
      expect(pastEnd.count).toBe(all.count);
      expect(badLimit.status).toBe(400);
    });

    it('running workspaces come first, as Coder sorts them', async () => {
      const all = await list('owner:me');
      const statuses = all.workspaces.map((workspace) => workspace.latest_build.status);

      expect(statuses.slice(0, statuses.lastIndexOf('running') + 1).every((status) => status === 'running')).toBe(true);
    });
  });

  describe('lookups', () => {
    it('gets a workspace by id: 400 Invalid UUID for a malformed id, 404 for an unknown one', async () => {
      const [first] = (await list('owner:me')).workspaces;
      const byId = await session.getJson<Workspace>(`/api/v2/workspaces/${first?.id ?? ''}`);
      const malformed = await session.call('GET', '/api/v2/workspaces/non-existent-id');
      const unknown = await session.call('GET', '/api/v2/workspaces/00000000-0000-4000-8000-00000000abcd');

      expect(byId.id).toBe(first?.id);
      expect(malformed.status).toBe(400);
      expect(malformed.json).toEqual({ message: 'Invalid UUID "non-existent-id".', detail: 'invalid UUID length: 15' });
      expect(unknown.status).toBe(404);
      expect((unknown.json as CoderError).message).toBe('Resource not found or you do not have access to this resource');
    });

    it('gets a workspace by owner and name, case-insensitively; 404 for an unknown name', async () => {
      const workspace = await session.getJson<Workspace>('/api/v2/users/me/workspace/FIX-LOGIN');
      const unknown = await session.call('GET', '/api/v2/users/fleet-dev/workspace/nope');

      expect(workspace.name).toBe('fix-login');
      expect(unknown.status).toBe(404);
    });
  });

  describe('creation', () => {
    it('creates a workspace with 201, its first build pending, with the preset', async () => {
      const presets = await session.getJson<{ ID: string; Name: string }[]>(
        `/api/v2/templateversions/${claudeCode.active_version_id}/presets`,
      );
      const reviewer = presets.find((preset) => preset.Name === 'Reviewer');

      const result = await session.call('POST', '/api/v2/users/me/workspaces', {
        name: 'review-pr-42',
        template_id: claudeCode.id,
        template_version_preset_id: reviewer?.ID,
        rich_parameter_values: [{ name: 'AI Prompt', value: 'Review PR 42' }],
      });

      expect(result.status).toBe(201);
      const workspace = result.json as Workspace;
      expect(workspace.name).toBe('review-pr-42');
      expect(workspace.latest_build.status).toBe('pending');
      expect(workspace.latest_build.template_version_preset_id).toBe(reviewer?.ID);
    });

    it('creates through the organization route too', async () => {
      const result = await session.call('POST', `/api/v2/organizations/${claudeCode.organization_id}/members/me/workspaces`, {
        name: 'org-route-agent',
        template_version_id: claudeCode.active_version_id,
      });

      expect(result.status).toBe(201);
    });

    it('refuses a name that breaks Coder rule with 400 and a validation on "name"', async () => {
      for (const name of ['Bad_Name', 'double--hyphen', '-leading', 'x'.repeat(33), 'new', '']) {
        const result = await session.call('POST', '/api/v2/users/me/workspaces', { name, template_id: claudeCode.id });

        expect(result.status).toBe(400);
        expect((result.json as CoderError).validations?.[0]?.field).toBe('name');
      }
    });

    it('refuses a name already taken by the owner, compared case-insensitively, with 409', async () => {
      const result = await session.call('POST', '/api/v2/users/me/workspaces', { name: 'Fix-Login', template_id: claudeCode.id });

      expect(result.status).toBe(409);
      expect(result.json).toEqual({
        message: 'Workspace "Fix-Login" already exists.',
        validations: [{ field: 'name', detail: 'This value is already in use and should be unique.' }],
      });
    });

    it('allows the same name for another owner', async () => {
      const result = await session.call('POST', '/api/v2/users/other-dev/workspaces', { name: 'fix-login', template_id: claudeCode.id });

      expect(result.status).toBe(201);
    });

    it('refuses an unknown template, an unknown version, both ids, and an unknown preset with 400', async () => {
      const unknownTemplate = await session.call('POST', '/api/v2/users/me/workspaces', {
        name: 'a1',
        template_id: '00000000-0000-4000-8000-000000000009',
      });
      const unknownVersion = await session.call('POST', '/api/v2/users/me/workspaces', {
        name: 'a2',
        template_version_id: '00000000-0000-4000-8000-000000000009',
      });
      const both = await session.call('POST', '/api/v2/users/me/workspaces', {
        name: 'a3',
        template_id: claudeCode.id,
        template_version_id: claudeCode.active_version_id,
      });
      const unknownPreset = await session.call('POST', '/api/v2/users/me/workspaces', {
        name: 'a4',
        template_id: claudeCode.id,
        template_version_preset_id: '00000000-0000-4000-8000-000000000009',
      });

      expect(unknownTemplate.status).toBe(400);
      expect((unknownTemplate.json as CoderError).validations?.[0]?.field).toBe('template_id');
      expect(unknownVersion.status).toBe(400);
      expect(both.status).toBe(400);
      expect(unknownPreset.status).toBe(400);
    });

    it('enforces a required parameter unless a preset sets it', async () => {
      const presets = await session.getJson<{ ID: string }[]>(`/api/v2/templateversions/${research.active_version_id}/presets`);

      const missing = await session.call('POST', '/api/v2/users/me/workspaces', { name: 'research-1', template_id: research.id });
      const withPreset = await session.call('POST', '/api/v2/users/me/workspaces', {
        name: 'research-2',
        template_id: research.id,
        template_version_preset_id: presets[0]?.ID,
      });

      expect(missing.status).toBe(400);
      expect((missing.json as CoderError).message).toBe('Unable to validate parameter "docs_repository"');
      expect(withPreset.status).toBe(201);
    });

    it('answers 400 for a body that is not JSON', async () => {
      const result = await session.call('POST', '/api/v2/users/me/workspaces', '{"name": ');

      expect(result.status).toBe(400);
      expect((result.json as CoderError).message).toBe('Request body must be valid JSON.');
    });
  });
});
