// The simulator's in-memory Coder database: users, organizations, templates, workspaces and builds, with lookups.
import type { CoderGeneration } from '../coder-generation.js';
import { SeededRandom, deterministicUuid } from '../deterministic-random.js';
import type { SimulatedClock } from '../simulated-clock.js';
import type {
  BuildRecord,
  OrganizationRecord,
  TemplateRecord,
  TemplateVersionRecord,
  UserRecord,
  WorkspaceRecord,
} from './world-model.js';

export interface BuildLocation {
  workspace: WorkspaceRecord;
  build: BuildRecord;
}

export class WorldStore {
  readonly users: UserRecord[] = [];
  readonly organizations: OrganizationRecord[] = [];
  readonly templates: TemplateRecord[] = [];
  /** every workspace ever created, deleted ones included, in creation order */
  readonly workspaces: WorkspaceRecord[] = [];
  readonly random: SeededRandom;
  readonly deploymentId: string;
  private readonly templateVersions = new Map<string, TemplateVersionRecord>();
  private readonly workspacesById = new Map<string, WorkspaceRecord>();
  private readonly buildsById = new Map<string, BuildLocation>();
  private buildOrdinal = 0;

  constructor(
    readonly seed: number,
    readonly clock: SimulatedClock,
    readonly generation: CoderGeneration,
  ) {
    this.random = new SeededRandom(seed ^ 0x5eed1e55);
    this.deploymentId = deterministicUuid(seed, 'deployment');
  }

  /** Ids hang off stable labels, so the same seed and the same requests give the same ids. */
  identity(...labelParts: readonly (string | number)[]): string {
    return deterministicUuid(this.seed, ...labelParts);
  }

  nextBuildOrdinal(): number {
    this.buildOrdinal += 1;
    return this.buildOrdinal;
  }

  addTemplate(template: TemplateRecord, version: TemplateVersionRecord): void {
    this.templates.push(template);
    this.templateVersions.set(version.id, version);
  }

  addWorkspace(workspace: WorkspaceRecord): void {
    this.workspaces.push(workspace);
    this.workspacesById.set(workspace.id, workspace);
    for (const build of workspace.builds) {
      this.buildsById.set(build.id, { workspace, build });
    }
  }

  addBuild(workspace: WorkspaceRecord, build: BuildRecord): void {
    workspace.builds.push(build);
    this.buildsById.set(build.id, { workspace, build });
  }

  /** 'me', a user id or a username (case-insensitive), as Coder's {user} path parameter. */
  findUser(reference: string, requester: UserRecord): UserRecord | undefined {
    if (reference === 'me') {
      return requester;
    }
    const lowered = reference.toLowerCase();
    return this.users.find((user) => user.id === lowered || user.username.toLowerCase() === lowered);
  }

  /** An organization id, its name, or 'default'. */
  findOrganization(reference: string): OrganizationRecord | undefined {
    const lowered = reference.toLowerCase();
    if (lowered === 'default') {
      return this.organizations.find((organization) => organization.isDefault);
    }
    return this.organizations.find(
      (organization) => organization.id === lowered || organization.name.toLowerCase() === lowered,
    );
  }

  findOrganizationById(id: string): OrganizationRecord {
    const organization = this.organizations.find((candidate) => candidate.id === id);
    if (!organization) {
      throw new Error(`Unknown organization ${id}.`);
    }
    return organization;
  }

  findUserById(id: string): UserRecord {
    const user = this.users.find((candidate) => candidate.id === id);
    if (!user) {
      throw new Error(`Unknown user ${id}.`);
    }
    return user;
  }

  findTemplate(id: string): TemplateRecord | undefined {
    return this.templates.find((template) => template.id === id);
  }

  requireTemplate(id: string): TemplateRecord {
    const template = this.findTemplate(id);
    if (!template) {
      throw new Error(`Unknown template ${id}.`);
    }
    return template;
  }

  findTemplateByName(organizationId: string, name: string): TemplateRecord | undefined {
    const lowered = name.toLowerCase();
    return this.templates.find(
      (template) => template.organizationId === organizationId && template.name.toLowerCase() === lowered,
    );
  }

  findTemplateVersion(id: string): TemplateVersionRecord | undefined {
    return this.templateVersions.get(id);
  }

  requireTemplateVersion(id: string): TemplateVersionRecord {
    const version = this.templateVersions.get(id);
    if (!version) {
      throw new Error(`Unknown template version ${id}.`);
    }
    return version;
  }

  findWorkspace(id: string): WorkspaceRecord | undefined {
    return this.workspacesById.get(id);
  }

  /** Names are unique per owner among workspaces that are not deleted, compared case-insensitively. */
  findWorkspaceByOwnerAndName(ownerId: string, name: string): WorkspaceRecord | undefined {
    const lowered = name.toLowerCase();
    return this.workspaces.find(
      (workspace) => !workspace.deleted && workspace.ownerId === ownerId && workspace.name.toLowerCase() === lowered,
    );
  }

  findBuild(id: string): BuildLocation | undefined {
    return this.buildsById.get(id);
  }

  liveWorkspaces(): WorkspaceRecord[] {
    return this.workspaces.filter((workspace) => !workspace.deleted);
  }

  dispose(): void {
    for (const workspace of this.workspaces) {
      workspace.conversation?.dispose();
    }
  }
}
