// Projects and roles on a fake repository: which templates count, and lookups by name or display name.
import { FleetProjectService } from '../../src/services/fleet-project-service.js';
import { FakeProjectRepository } from '../support/fake-repositories.js';
import { fleetErrorOf } from '../support/fleet-error-of.js';

describe('FleetProjectService', () => {
  const service = () => new FleetProjectService(new FakeProjectRepository('v2.37.0'));

  it('lists the templates that can run an agent, and only those', async () => {
    expect((await service().list()).map((project) => project.name)).toEqual(['claude-code', 'research-agent']);
  });

  it('lists the roles of a project named by display name, in any case', async () => {
    const roles = await service().roles('research AGENT');
    expect(roles.map((role) => role.name)).toEqual(['Researcher', 'Writer']);
    expect(roles.every((role) => role.project === 'Research Agent')).toBe(true);
  });

  it('refuses an unknown project with NOT_FOUND listing the projects there are', async () => {
    const error = await fleetErrorOf(service().roles('terraform'));
    expect([error.code, error.message]).toEqual(['NOT_FOUND', expect.stringContaining('Claude Code (claude-code)')]);
  });

  it('refuses a template that cannot run an agent with INVALID_INPUT naming what it lacks', async () => {
    const error = await fleetErrorOf(service().roles('docker-dev'));
    expect([error.code, error.message]).toEqual(['INVALID_INPUT', expect.stringContaining('"AI Prompt"')]);
  });

  it('refuses an empty project with INVALID_INPUT', async () => {
    expect((await fleetErrorOf(service().roles('  '))).code).toBe('INVALID_INPUT');
  });
});
