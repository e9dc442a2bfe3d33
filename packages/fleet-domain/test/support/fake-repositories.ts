// In-memory repositories for the services' tests, holding agents and projects read from the recordings.
import type { AgentApiAppLocation, Workspace, WorkspaceBuild } from '@fleet/coder-client';
import type { LogEntry, Project, Role, Task } from '@fleet/fleet-models';
import { agentRecordFromWorkspace, historyOfWorkspace } from '../../src/repositories/agent-from-workspace.js';
import { summaryOf, type AgentRecord, type ListedAgent } from '../../src/repositories/agent-record.js';
import type { AgentRepository, BuildProgress, NewAgent, RepositoryCallOptions } from '../../src/repositories/agent-repository.js';
import type { ProjectCandidate, ProjectRepository } from '../../src/repositories/project-repository.js';
import type { TaskRepository } from '../../src/repositories/task-repository.js';
import type { WaitClock } from '../../src/waiting/wait-clock.js';
import { recordedBuildParameters, recordedPresets, recordedRichParameters, recordedTemplates, recordedWorkspaces } from './recorded-coder-data.js';
import type { RecordedGeneration } from './recorded-traffic.js';

export const CODER_URL = 'https://coder.example.com';

/** A recorded workspace as the repositories turn it into an agent. */
export function recordOfWorkspace(generation: RecordedGeneration, workspace: Workspace): AgentRecord {
  const build = workspace.latest_build;
  const preset = build.template_version_preset_id
    ? recordedPresets(generation, build.template_version_id).find((candidate) => candidate.ID === build.template_version_preset_id)
    : undefined;
  return agentRecordFromWorkspace(workspace, { coderUrl: CODER_URL, preset });
}

/** The same workspace with another latest build, as Coder shows it while that build runs. */
export function withBuild(generation: RecordedGeneration, record: AgentRecord, build: WorkspaceBuild): AgentRecord {
  return recordOfWorkspace(generation, { ...record.workspace, latest_build: build });
}

export function progressOfBuild(build: WorkspaceBuild): BuildProgress {
  return { id: build.id, transition: build.transition, status: build.status, jobStatus: build.job.status, error: build.job.error || null };
}

/** Every call a fake repository got, in order, as `method name`. */
export type CallLog = string[];

export class FakeAgentRepository implements AgentRepository {
  readonly calls: CallLog;
  readonly records = new Map<string, AgentRecord>();
  /** Answers of `findById`, in order; the last one repeats. */
  refreshed: AgentRecord[] = [];
  /** Answers of `findBuild`, in order; the last one repeats. */
  builds: BuildProgress[] = [];
  findByNameAnswer: ((name: string, options: RepositoryCallOptions) => Promise<AgentRecord | undefined>) | undefined;
  createAnswer: (agent: NewAgent) => Promise<AgentRecord> = () => Promise.reject(new Error('create was not expected'));
  deleteAnswer: (record: AgentRecord) => Promise<void> = () => Promise.resolve();
  stopAnswer: (record: AgentRecord) => Promise<BuildProgress> = () => Promise.reject(new Error('stop was not expected'));
  startAnswer: (record: AgentRecord) => Promise<AgentRecord> = () => Promise.reject(new Error('start was not expected'));
  listAnswer: (() => Promise<ListedAgent[]>) | undefined;

  constructor(readonly generation: RecordedGeneration, calls: CallLog = []) {
    this.calls = calls;
    for (const workspace of recordedWorkspaces(generation)) {
      this.records.set(workspace.name, recordOfWorkspace(generation, workspace));
    }
  }

  record(name: string): AgentRecord {
    const found = this.records.get(name);
    if (!found) {
      throw new Error(`No recorded agent ${name}`);
    }
    return found;
  }

  async findByName(name: string, options: RepositoryCallOptions = {}): Promise<AgentRecord | undefined> {
    this.calls.push('agents.findByName');
    return this.findByNameAnswer ? this.findByNameAnswer(name, options) : this.records.get(name);
  }

  async findById(): Promise<AgentRecord> {
    this.calls.push('agents.findById');
    const answer = this.refreshed.length > 1 ? this.refreshed.shift() : this.refreshed[0];
    if (!answer) {
      throw new Error('findById was not expected');
    }
    return answer;
  }

  async list(): Promise<ListedAgent[]> {
    this.calls.push('agents.list');
    if (this.listAnswer) {
      return this.listAnswer();
    }
    return [...this.records.values()]
      .filter((record) => record.runsAgent)
      .map((record) => ({ agent: summaryOf(record.details), templateId: record.workspace.template_id, templateName: record.workspace.template_name }));
  }

  async create(agent: NewAgent): Promise<AgentRecord> {
    this.calls.push('agents.create');
    return this.createAnswer(agent);
  }

  async delete(record: AgentRecord): Promise<void> {
    this.calls.push('agents.delete');
    return this.deleteAnswer(record);
  }

  async stop(record: AgentRecord): Promise<BuildProgress> {
    this.calls.push('agents.stop');
    return this.stopAnswer(record);
  }

  async start(record: AgentRecord): Promise<AgentRecord> {
    this.calls.push('agents.start');
    return this.startAnswer(record);
  }

  async buildParameters(): Promise<{ name: string; value: string }[]> {
    this.calls.push('agents.buildParameters');
    return recordedBuildParameters(this.generation);
  }

  async findBuild(): Promise<BuildProgress> {
    this.calls.push('agents.findBuild');
    const answer = this.builds.length > 1 ? this.builds.shift() : this.builds[0];
    if (!answer) {
      throw new Error('findBuild was not expected');
    }
    return answer;
  }
}

export class FakeTaskRepository implements TaskRepository {
  readonly calls: CallLog;
  sendPromptAnswer: (app: AgentApiAppLocation, prompt: string) => Promise<boolean> = () => Promise.resolve(true);
  interruptAnswer: (app: AgentApiAppLocation) => Promise<boolean> = () => Promise.resolve(true);
  logAnswer: (record: AgentRecord) => Promise<LogEntry[] | undefined> = () => Promise.resolve([]);
  isWorkingAnswer: (app: AgentApiAppLocation) => Promise<boolean> = () => Promise.resolve(false);

  constructor(calls: CallLog = []) {
    this.calls = calls;
  }

  history(record: AgentRecord): Task[] {
    this.calls.push('tasks.history');
    return historyOfWorkspace(record.workspace);
  }

  async locateAgentApi(record: AgentRecord): Promise<AgentApiAppLocation | undefined> {
    this.calls.push('tasks.locateAgentApi');
    return record.app;
  }

  async sendPrompt(app: AgentApiAppLocation, prompt: string): Promise<boolean> {
    this.calls.push('tasks.sendPrompt');
    return this.sendPromptAnswer(app, prompt);
  }

  async interrupt(app: AgentApiAppLocation): Promise<boolean> {
    this.calls.push('tasks.interrupt');
    return this.interruptAnswer(app);
  }

  async isWorking(app: AgentApiAppLocation): Promise<boolean> {
    this.calls.push('tasks.isWorking');
    return this.isWorkingAnswer(app);
  }

  async log(record: AgentRecord): Promise<LogEntry[] | undefined> {
    this.calls.push('tasks.log');
    return this.logAnswer(record);
  }
}

export class FakeProjectRepository implements ProjectRepository {
  readonly calls: CallLog;
  readonly candidates: ProjectCandidate[];

  constructor(readonly generation: RecordedGeneration, calls: CallLog = []) {
    this.calls = calls;
    this.candidates = recordedTemplates(generation).map((template) => ({
      project: {
        name: template.name,
        displayName: template.display_name || template.name,
        description: template.description ?? '',
        templateId: template.id,
        activeVersionId: template.active_version_id,
        organizationId: template.organization_id,
      },
      runsAgents: recordedRichParameters(generation, template.active_version_id).some((parameter) => parameter.name === 'AI Prompt'),
      deprecated: template.deprecated ?? false,
    }));
  }

  project(name: string): Project {
    const found = this.candidates.find((candidate) => candidate.project.name === name);
    if (!found) {
      throw new Error(`No recorded project ${name}`);
    }
    return found.project;
  }

  async list(): Promise<ProjectCandidate[]> {
    this.calls.push('projects.list');
    return this.candidates;
  }

  async roles(project: Project): Promise<Role[]> {
    this.calls.push('projects.roles');
    return recordedPresets(this.generation, project.activeVersionId).map((preset) => ({
      name: preset.Name,
      project: project.displayName,
      description: preset.Description ?? '',
      isDefault: preset.Default ?? false,
      presetId: preset.ID,
      systemPrompt: preset.Parameters.find((parameter) => parameter.Name === 'system_prompt')?.Value ?? null,
    }));
  }
}

/** A clock whose sleeps pass at once, moving its time on: waits run without waiting. */
export class FakeClock implements WaitClock {
  time = 0;
  readonly sleeps: number[] = [];

  now(): number {
    return this.time;
  }

  async sleep(milliseconds: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) {
      throw signal.reason;
    }
    this.sleeps.push(milliseconds);
    this.time += milliseconds;
  }
}
