// The cases the script records for one server: every client method, its errors, paging and retries.
import {
  CoderClient,
  CoderError,
  findAgentApiApp,
  resourcesServeAgentApi,
  type AgentApiAppLocation,
  type Preset,
  type Template,
  type TemplateVersionParameter,
  type Workspace,
  type WorkspaceBuild,
} from '@fleet/coder-client';
import type { SimulatorControl } from '@fleet/coder-sim';
import type { Recorder } from './recorder.js';
import { pollUntil } from '@fleet/tool-support';

/** The parameter that carries a Claude Code agent's prompt on templates built with coder_ai_task. */
const promptParameterName = 'AI Prompt';
/** A token that no server accepts, for the 401 recording. Not a secret, but stripped like one. */
export const invalidToken = 'fleet-recording-invalid-token-0000';
/** A well-formed id that names nothing. */
const unknownId = '00000000-0000-4000-8000-000000000000';

export interface RecordTarget {
  url: string;
  token: string;
  source: 'simulator' | 'coder';
  /** The simulator's fault control; absent for a real Coder, where faults cannot be provoked. */
  faults?: SimulatorControl | undefined;
  /** Name of the workspace the script creates (and deletes at the end). */
  workspaceName: string;
  taskName: string;
  pollIntervalMs: number;
  waitTimeoutMs: number;
  log: (line: string) => void;
}

interface AgentTemplate {
  template: Template;
  parameters: TemplateVersionParameter[];
  preset: Preset | undefined;
}

interface CreatedThings {
  workspace?: Workspace | undefined;
  taskId?: string | undefined;
}

/** Awaits an operation that should fail and returns its error; a success is reported as a problem. */
async function expectFailure(operation: Promise<unknown>, description: string, problems: string[]): Promise<unknown> {
  try {
    await operation;
  } catch (error) {
    return error;
  }
  problems.push(`expected ${description} to fail, but it succeeded`);
  return undefined;
}

function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

export class CaseRecorder {
  readonly #target: RecordTarget;
  readonly #recorder: Recorder;
  readonly #client: CoderClient;
  readonly #created: CreatedThings = {};
  readonly problems: string[] = [];

  constructor(target: RecordTarget, recorder: Recorder) {
    this.#target = target;
    this.#recorder = recorder;
    this.#client = this.#newClient(target.token);
  }

  #newClient(token: string, timeoutMs = 30_000): CoderClient {
    // Short retry waits keep recording fast; the recordings hold the answers, not the waits.
    return new CoderClient({ url: this.#target.url, token, timeoutMs, retry: { limit: 2, maxRetryDelayMs: 200 } });
  }

  /** Records every case, then deletes whatever the script created, even after a failure. */
  async recordAll(): Promise<void> {
    try {
      await this.#recordGeneral();
      const agentTemplate = await this.#recordTemplates();
      await this.#recordWorkspaces();
      await this.#recordNaturalErrors(agentTemplate);
      await this.#recordWorkspaceLifecycle(agentTemplate);
      await this.#recordTasks(agentTemplate);
      if (this.#target.faults) {
        await this.#recordFaults(this.#target.faults);
      }
    } finally {
      await this.#cleanUp();
    }
  }

  async #recordGeneral(): Promise<void> {
    await this.#recorder.record('general', async () => {
      await this.#client.getBuildInfo();
      await this.#client.getAuthenticatedUser();
      await this.#client.getOrganizations();
      await this.#client.getApplicationsHost();
    });
  }

  async #recordTemplates(): Promise<AgentTemplate> {
    let found: AgentTemplate | undefined;
    await this.#recorder.record('templates', async () => {
      const templates = await this.#client.getTemplates();
      const first = templates[0];
      if (first) {
        await this.#client.getTemplates({ organization: first.organization_id });
        await this.#client.getTemplate(first.id);
        await this.#client.getTemplateByName(first.organization_id, first.name);
      }
      for (const template of templates) {
        await this.#client.getTemplateVersion(template.active_version_id);
        const parameters = await this.#client.getTemplateVersionRichParameters(template.active_version_id);
        const presets = await this.#client.getTemplateVersionPresets(template.active_version_id);
        const resources = await this.#client.getTemplateVersionResources(template.active_version_id);
        // An agent template runs AgentAPI (port 3284 or a /status healthcheck); the first one with roles is the richest to record.
        if (!found && resourcesServeAgentApi(resources) && presets.length > 0) {
          found = { template, parameters, preset: presets.find((preset) => preset.Default) ?? presets[0] };
        }
      }
    });
    if (!found) {
      throw new Error('No template with presets runs an AgentAPI app (port 3284 or a /status healthcheck): cannot record agent cases');
    }
    this.#target.log(`using template ${found.template.name}, preset ${found.preset?.Name ?? '(none)'}`);
    return found;
  }

  async #recordWorkspaces(): Promise<void> {
    await this.#recorder.record('workspaces', async () => {
      const page = await this.#client.getWorkspaces({ q: 'owner:me', limit: 5, offset: 0 });
      const first = page.workspaces[0];
      if (first) {
        await this.#client.getWorkspace(first.id);
        await this.#client.getWorkspaceByOwnerAndName(first.owner_name, first.name);
      }
    });
    await this.#recorder.record('workspace-paging', async () => {
      let seen = 0;
      for await (const workspace of this.#client.iterateWorkspaces({ q: 'owner:me', pageSize: 2 })) {
        seen += workspace.name.length > 0 ? 1 : 0;
      }
      this.#target.log(`paged through ${seen} workspaces`);
    });
  }

  async #recordNaturalErrors(agentTemplate: AgentTemplate): Promise<void> {
    await this.#recorder.record('errors', async () => {
      await expectFailure(this.#client.getWorkspace('not-a-uuid'), 'a malformed workspace id', this.problems);
      await expectFailure(this.#client.getWorkspace(unknownId), 'an unknown workspace id', this.problems);
      await expectFailure(
        this.#client.createWorkspace(agentTemplate.template.organization_id, 'me', {
          name: 'Not A Valid Name!',
          template_id: agentTemplate.template.id,
        }),
        'a workspace with an invalid name',
        this.problems,
      );
      await expectFailure(this.#newClient(invalidToken).getAuthenticatedUser(), 'a wrong token', this.problems);
    });
  }

  #createRequestFor(agentTemplate: AgentTemplate, name: string, prompt: string) {
    const hasPrompt = agentTemplate.parameters.some((parameter) => parameter.name === promptParameterName);
    return {
      name,
      template_version_id: agentTemplate.template.active_version_id,
      ...(agentTemplate.preset ? { template_version_preset_id: agentTemplate.preset.ID } : {}),
      ...(hasPrompt ? { rich_parameter_values: [{ name: promptParameterName, value: prompt }] } : {}),
    };
  }

  async #waitForBuild(build: WorkspaceBuild): Promise<WorkspaceBuild> {
    return pollUntil(
      async () => {
        const current = await this.#client.getWorkspaceBuild(build.id);
        return ['succeeded', 'failed', 'canceled'].includes(current.job.status) ? current : undefined;
      },
      { description: `build ${build.id} to finish`, intervalMs: this.#target.pollIntervalMs, timeoutMs: this.#target.waitTimeoutMs },
    );
  }

  async #waitForAgentApp(workspaceId: string): Promise<AgentApiAppLocation> {
    return pollUntil(
      async () => {
        const workspace = await this.#client.getWorkspace(workspaceId);
        const agents = workspace.latest_build.resources.flatMap((resource) => resource.agents);
        const ready = agents.length > 0 && agents.every((agent) => agent.lifecycle_state === 'ready');
        return ready ? findAgentApiApp(workspace) : undefined;
      },
      { description: 'the agent and its AgentAPI app', intervalMs: this.#target.pollIntervalMs, timeoutMs: this.#target.waitTimeoutMs },
    );
  }

  async #waitForAgentStable(app: AgentApiAppLocation): Promise<void> {
    await pollUntil(
      async () => {
        try {
          return (await this.#client.getAgentApiStatus(app)).status === 'stable' ? true : undefined;
        } catch (error) {
          if (error instanceof CoderError && error.retryable) {
            return undefined;
          }
          throw error;
        }
      },
      { description: 'AgentAPI to be stable', intervalMs: this.#target.pollIntervalMs, timeoutMs: this.#target.waitTimeoutMs },
    );
  }

  async #recordWorkspaceLifecycle(agentTemplate: AgentTemplate): Promise<void> {
    const { organization_id: organization } = agentTemplate.template;
    const request = this.#createRequestFor(agentTemplate, this.#target.workspaceName, 'Say hello, then wait.');

    await this.#recorder.record('workspace-create', async () => {
      const workspace = await this.#client.createWorkspace(organization, 'me', request);
      this.#created.workspace = workspace;
      await this.#waitForBuild(workspace.latest_build);
      await this.#client.getWorkspace(workspace.id);
    });
    const workspace = this.#created.workspace;
    if (!workspace) {
      return;
    }

    await this.#recorder.record('workspace-conflict', async () => {
      // Through the other create endpoint, so that both are recorded; names compare case-insensitively.
      const duplicate = { name: workspace.name.toUpperCase(), template_version_id: request.template_version_id };
      const error = await expectFailure(this.#client.createUserWorkspace('me', duplicate), 'a taken workspace name', this.problems);
      this.#target.log(`taken name: ${describeError(error)}`);
    });

    await this.#recorder.record('workspace-builds', async () => {
      const stop = await this.#client.stopWorkspace(workspace.id);
      await this.#waitForBuild(stop);
      const start = await this.#client.startWorkspace(workspace.id, request.template_version_id);
      await this.#waitForBuild(start);
      await this.#client.getWorkspaceBuilds(workspace.id);
      await this.#client.getWorkspaceBuildLogs(start.id);
      await this.#client.getWorkspaceBuildParameters(start.id);
    });

    await this.#recorder.record('agent-api', async () => {
      const app = await this.#waitForAgentApp(workspace.id);
      await this.#waitForAgentStable(app);
      await this.#client.getAgentApiMessages(app);
      await this.#client.sendAgentApiMessage(app, { content: 'List the files in this folder.', type: 'user' });
      const busy = await expectFailure(
        this.#client.sendAgentApiMessage(app, { content: 'And now something else.', type: 'user' }),
        'a prompt to a running agent',
        this.problems,
      );
      this.#target.log(`prompt while running: ${describeError(busy)}`);
      await this.#client.interruptAgentApi(app);
      await this.#waitForAgentStable(app);
      await this.#client.getAgentApiMessages(app);
    });

    await this.#recorder.record('workspace-delete', async () => {
      const deletion = await this.#client.deleteWorkspace(workspace.id);
      await this.#waitForBuild(deletion);
      this.#created.workspace = undefined;
      const gone = await expectFailure(this.#client.getWorkspace(workspace.id), 'reading a deleted workspace', this.problems);
      this.#target.log(`deleted workspace: ${describeError(gone)}`);
    });
  }

  async #recordTasks(agentTemplate: AgentTemplate): Promise<void> {
    await this.#recorder.record('tasks', async () => {
      const api = await this.#client.getTasksApi();
      this.#target.log(`Tasks API: ${api}`);
      if (api === 'none') {
        await expectFailure(this.#client.getTasks({ q: 'owner:me' }), 'listing tasks without a Tasks API', this.problems);
        return;
      }
      await this.#client.getTasks({ q: 'owner:me' });
      // 2.27's experimental list pages; later releases answer every task whatever the paging asks.
      await this.#client.getTasks({ q: 'owner:me', limit: 2, offset: 0 });
      const task = await this.#client.createTask('me', {
        template_version_id: agentTemplate.template.active_version_id,
        ...(agentTemplate.preset ? { template_version_preset_id: agentTemplate.preset.ID } : {}),
        input: 'Write a haiku about fleets.',
        name: this.#target.taskName,
      });
      this.#created.taskId = task.id;
      // App statuses may end on a forced `working` self-report (coder exp mcp), so AgentAPI says when the agent waits.
      await this.#client.getTask('me', task.id);
      const app = await this.#waitForAgentApp(task.workspace_id ?? task.id);
      await this.#waitForAgentStable(app);
      await this.#client.getTask('me', task.id);
      await this.#client.getTaskLogs('me', task.id);
      await this.#client.sendTaskInput('me', task.id, 'Now one about stars.');
      await this.#client.deleteTask('me', task.id);
      this.#created.taskId = undefined;
    });
  }

  async #recordFaults(faults: SimulatorControl): Promise<void> {
    const withFaults = async (caseName: string, rules: Parameters<SimulatorControl['setFaults']>[0], scenario: () => Promise<void>) => {
      faults.setFaults(rules);
      try {
        await this.#recorder.record(caseName, scenario);
      } finally {
        faults.clearFaults();
      }
    };

    await withFaults('server-error', [{ method: 'GET', path: '^/api/v2/workspaces$', status: 500 }], async () => {
      await expectFailure(this.#client.getWorkspaces({ q: 'owner:me' }), 'a list answered 500 every time', this.problems);
    });
    await withFaults('retry-503-then-200', [{ method: 'GET', path: '^/api/v2/users/me$', status: 503, retryAfterSeconds: 1, times: 1 }], async () => {
      await this.#client.getAuthenticatedUser();
    });
    await withFaults('retry-429-then-200', [{ method: 'GET', path: '^/api/v2/organizations$', status: 429, retryAfterSeconds: 1, times: 1 }], async () => {
      await this.#client.getOrganizations();
      await this.#client.getApplicationsHost();
    });
    await withFaults('post-503-not-retried', [{ method: 'POST', path: '/builds$', status: 503, times: 1 }], async () => {
      await expectFailure(this.#client.stopWorkspace(unknownId), 'a build answered 503', this.problems);
    });
    await withFaults('malformed-body', [{ method: 'GET', path: '^/api/v2/users/me$', malformedBody: true, times: 1 }], async () => {
      await expectFailure(this.#client.getAuthenticatedUser(), 'a malformed body', this.problems);
    });
    await withFaults('slow-answer', [{ method: 'GET', path: '^/api/v2/buildinfo$', delayMs: 400, times: 1 }], async () => {
      await this.#newClient(this.#target.token, 10_000).getBuildInfo();
    });
  }

  async #cleanUp(): Promise<void> {
    const { workspace, taskId } = this.#created;
    if (taskId) {
      await this.#client.deleteTask('me', taskId).catch((error: unknown) => this.problems.push(`could not delete task ${taskId}: ${describeError(error)}`));
    }
    if (workspace) {
      await this.#client
        .deleteWorkspace(workspace.id)
        .catch((error: unknown) => this.problems.push(`could not delete workspace ${workspace.name}: ${describeError(error)}`));
    }
  }
}
