// An in-memory Fleet for the server's tests: realistic agents, the fleet's rules, a record of every call, and failures on demand.
import type { AgentListRequest, AgentService, CreateAgentRequest, Fleet, FleetConnection, PageOptions, ProjectService, TaskService, WaitOptions } from '@fleet/fleet-domain';
import { countAgents, FleetError, isOnline, toPage, type Agent, type AgentDetails, type AgentProgress, type LogEntry, type Page, type Project, type Role, type HistoryEntry } from '@fleet/fleet-models';

export type FakeFleetMethod =
  | 'checkConnection'
  | 'whoAmI'
  | 'agents.list'
  | 'agents.waitFor'
  | 'agents.show'
  | 'agents.create'
  | 'agents.delete'
  | 'agents.restart'
  | 'tasks.start'
  | 'tasks.cancel'
  | 'tasks.history'
  | 'tasks.log'
  | 'projects.list'
  | 'projects.roles';

export interface FakeFleetCall {
  method: FakeFleetMethod;
  args: unknown[];
}

const ORGANIZATION_ID = '5d7ba5e3-7f4d-4b39-9f6a-0d5c2f0b1c11';
const TEMPLATE_ID = '0f0a3c8e-1b2d-4e5f-8a9b-1c2d3e4f5a6b';
const ACTIVE_VERSION_ID = 'a4e7d1b2-3c4d-4e5f-9a0b-7c8d9e0f1a2b';

export const PROJECTS: Project[] = [
  {
    name: 'claude-code',
    displayName: 'Claude Code',
    description: 'A workspace with Claude Code behind AgentAPI',
    templateId: TEMPLATE_ID,
    activeVersionId: ACTIVE_VERSION_ID,
    organizationId: ORGANIZATION_ID,
  },
];

export const ROLES: Role[] = [
  {
    name: 'Reviewer',
    project: 'claude-code',
    description: 'Reviews changes and reports problems, without editing',
    isDefault: true,
    presetId: '8b0e6c2d-4f1a-4c3b-9d2e-3f4a5b6c7d8e',
    systemPrompt: 'You are a careful code reviewer. Report problems; do not edit files.',
  },
  {
    name: 'Developer',
    project: 'claude-code',
    description: 'Implements changes and runs the tests',
    isDefault: false,
    presetId: '9c1f7d3e-5a2b-4d4c-8e3f-4a5b6c7d8e9f',
    systemPrompt: null,
  },
];

const CREATED_AT = '2025-10-21T09:14:02.511Z';

function details(agent: Agent, overrides: Partial<AgentDetails> = {}): AgentDetails {
  const running = isOnline(agent.status);
  return {
    ...agent,
    workspaceId: agent.id,
    url: `https://coder.example.com/@alice/${agent.name}`,
    owner: 'alice',
    build: {
      id: `build-${agent.id}`,
      number: 3,
      transition: agent.status === 'stopped' ? 'stop' : 'start',
      status: agent.status === 'idle' || agent.status === 'busy' ? 'running' : agent.status,
      jobStatus: agent.status === 'failed' ? 'failed' : 'succeeded',
      error: agent.status === 'failed' ? 'terraform apply: docker image "claude-code:latest" not found' : null,
    },
    templateVersionId: ACTIVE_VERSION_ID,
    templateVersionName: 'clever-hopper3',
    parameters: [
      { name: 'AI Prompt', value: agent.lastTask?.message ?? '' },
      { name: 'system_prompt', value: ROLES.find((role) => role.name === agent.role)?.systemPrompt ?? '' },
    ],
    health: running
      ? { healthy: true, agentStatus: 'connected', lifecycleState: 'ready', reason: null }
      : { healthy: false, agentStatus: 'disconnected', lifecycleState: 'off', reason: 'the workspace is not running' },
    ...overrides,
  };
}

function historyOf(agentName: string, count: number): HistoryEntry[] {
  const messages = [
    'Reading the API reference for workspaces',
    'Comparing docs/reference/api/workspaces.md with swagger.json',
    'Found 3 endpoints whose examples are out of date',
    'Writing the review summary',
  ];
  const tasks: HistoryEntry[] = [];
  for (let index = 0; index < count; index += 1) {
    const minutesAgo = index * 3;
    tasks.push({
      id: `${agentName}-status-${count - index}`,
      state: index === 0 ? 'working' : index % 7 === 0 ? 'complete' : 'working',
      message: messages[index % messages.length] ?? 'Working',
      uri: index % 5 === 0 ? 'https://github.com/coder/coder/blob/main/docs/reference/api/workspaces.md' : null,
      needsUserAttention: index === 3,
      createdAt: new Date(Date.parse('2025-10-21T12:00:00.000Z') - minutesAgo * 60_000).toISOString(),
    });
  }
  return tasks;
}

function conversationOf(agentName: string): LogEntry[] {
  return [
    { id: `${agentName}-4`, type: 'output', content: 'I found 3 endpoints whose examples are out of date: GET /workspaces, POST /workspacebuilds, GET /templates/{id}. Shall I open a pull request?', time: '2025-10-21T11:58:40.000Z' },
    { id: `${agentName}-3`, type: 'input', content: 'Also check the examples against swagger.json.', time: '2025-10-21T11:40:12.000Z' },
    { id: `${agentName}-2`, type: 'output', content: 'Reviewed docs/reference/api/workspaces.md: the filters section misses has-ai-task.', time: '2025-10-21T11:39:55.000Z' },
    { id: `${agentName}-1`, type: 'input', content: 'Review docs/reference/api/workspaces.md for accuracy.', time: '2025-10-21T09:15:30.000Z' },
  ];
}

function initialAgents(): Agent[] {
  return [
    {
      id: '3f5c2a1e-9b7d-4c2e-8f1a-2b3c4d5e6f70',
      name: 'review-api-docs',
      status: 'busy',
      project: 'Claude Code',
      role: 'Reviewer',
      lastTask: { state: 'working', message: 'Comparing docs/reference/api/workspaces.md with swagger.json', at: '2025-10-21T12:00:00.000Z' },
      createdAt: CREATED_AT,
      updatedAt: '2025-10-21T12:00:00.000Z',
    },
    {
      id: '4a6d3b2f-0c8e-4d3f-9a2b-3c4d5e6f7081',
      name: 'fix-login-bug',
      status: 'idle',
      project: 'Claude Code',
      role: 'Developer',
      lastTask: { state: 'complete', message: 'Fixed the redirect loop after login; tests pass', at: '2025-10-21T10:30:00.000Z' },
      createdAt: CREATED_AT,
      updatedAt: '2025-10-21T10:30:00.000Z',
    },
    {
      id: '5b7e4c3a-1d9f-4e4a-8b3c-4d5e6f708192',
      name: 'triage-issues',
      status: 'stopped',
      project: 'Claude Code',
      role: null,
      lastTask: null,
      createdAt: CREATED_AT,
      updatedAt: '2025-10-20T18:00:00.000Z',
    },
  ];
}

/** The fleet as the tests see it: agents by name, calls made, failures to throw. */
export class FakeFleet implements Fleet {
  readonly calls: FakeFleetCall[] = [];
  readonly agentsByName = new Map<string, Agent>();
  readonly histories = new Map<string, HistoryEntry[]>();
  readonly conversations = new Map<string, LogEntry[]>();
  /** Thrown by the next calls to a method, until deleted. */
  readonly failures = new Map<FakeFleetMethod, unknown>();
  /** The steps a waiting create or restart reports. */
  progressSteps: AgentProgress[] = [
    { step: 'build_queued', progress: 1, total: 4, message: 'Coder queued the build' },
    { step: 'build_running', progress: 2, total: 4, message: 'The workspace is being built' },
    { step: 'agent_connecting', progress: 3, total: 4, message: 'Waiting for the workspace agent to connect' },
    { step: 'ready', progress: 4, total: 4, message: 'The agent is online' },
  ];
  connection: FleetConnection = { username: 'alice', coderVersion: 'v2.27.1+230b55b' };

  constructor() {
    for (const agent of initialAgents()) {
      this.agentsByName.set(agent.name, agent);
      this.conversations.set(agent.name, conversationOf(agent.name));
    }
    this.histories.set('review-api-docs', historyOf('review-api-docs', 45));
    this.histories.set('fix-login-bug', historyOf('fix-login-bug', 6));
    this.histories.set('triage-issues', []);
  }

  callsTo(method: FakeFleetMethod): FakeFleetCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  /** Calls that reached a service (the start-up check is not one). */
  get serviceCallCount(): number {
    return this.calls.filter((call) => call.method !== 'checkConnection' && call.method !== 'whoAmI').length;
  }

  private enter(method: FakeFleetMethod, ...args: unknown[]): void {
    this.calls.push({ method, args });
    if (this.failures.has(method)) throw this.failures.get(method);
  }

  private find(name: string): Agent {
    const agent = [...this.agentsByName.values()].find((candidate) => candidate.name.toLowerCase() === name.toLowerCase());
    if (agent === undefined) {
      throw new FleetError('NOT_FOUND', `no agent named "${name}"; the agents are ${[...this.agentsByName.keys()].join(', ')}`);
    }
    return agent;
  }

  private update(agent: Agent, changes: Partial<Agent>): Agent {
    const updated = { ...agent, ...changes, updatedAt: '2025-10-21T12:30:00.000Z' };
    this.agentsByName.set(updated.name, updated);
    return updated;
  }

  private findProject(name: string): Project {
    const project = PROJECTS.find((candidate) => [candidate.name, candidate.displayName].some((label) => label.toLowerCase() === name.toLowerCase()));
    if (project === undefined) {
      throw new FleetError('NOT_FOUND', `no project named "${name}"; the projects are ${PROJECTS.map((candidate) => candidate.displayName).join(', ')}`);
    }
    return project;
  }

  readonly agents: AgentService = {
    list: async (request: AgentListRequest = {}, options = {}) => {
      this.enter('agents.list', request, options);
      const project = request.project === undefined ? undefined : this.findProject(request.project);
      const ofProject = [...this.agentsByName.values()].filter((agent) => project === undefined || agent.project === project.displayName);
      const matching = ofProject.filter((agent) => request.status === undefined || agent.status === request.status);
      return { page: slice(matching, request.page ?? 1, request.pageSize ?? 20), counts: countAgents(ofProject.map((agent) => agent.status)) };
    },
    waitFor: async (request, options = {}) => {
      this.enter('agents.waitFor', request, options);
      const agents = (request.names ?? []).map((name) => this.find(name));
      const targets = agents.map((agent) => ({ name: agent.name, status: agent.status, stillWorking: agent.status === "busy", lastMessage: agent.lastTask?.message ?? null }));
      return { agents: targets, met: targets.some((target) => !target.stillWorking), polls: 0, pollIntervalMs: 0 };
    },
    show: async (name, options = {}) => {
      this.enter('agents.show', name, options);
      return details(this.find(name));
    },
    create: async (request: CreateAgentRequest, options: WaitOptions = {}) => {
      this.enter('agents.create', request, options);
      if ([...this.agentsByName.keys()].some((name) => name.toLowerCase() === request.name.toLowerCase())) {
        throw new FleetError('CONFLICT', `an agent named "${request.name}" exists already; choose another name or delete_agent it first`);
      }
      const project = this.findProject(request.project);
      const role = request.role === undefined ? ROLES.find((candidate) => candidate.isDefault) : ROLES.find((candidate) => candidate.name.toLowerCase() === request.role?.toLowerCase());
      if (role === undefined) {
        throw new FleetError('NOT_FOUND', `no role named "${request.role ?? ''}" in ${project.displayName}; the roles are ${ROLES.map((candidate) => candidate.name).join(', ')}`);
      }
      if (options.wait === true) for (const step of this.progressSteps) options.onProgress?.(step);
      const agent: Agent = {
        id: '6c8f5d4b-2e0a-4f5b-9c4d-5e6f708192a3',
        name: request.name,
        status: options.wait === true ? 'busy' : 'starting',
        project: project.displayName,
        role: role.name,
        lastTask: options.wait === true ? { state: 'working', message: request.task, at: '2025-10-21T12:30:00.000Z' } : null,
        createdAt: '2025-10-21T12:29:00.000Z',
        updatedAt: '2025-10-21T12:30:00.000Z',
      };
      this.agentsByName.set(agent.name, agent);
      return { agent: details(agent), firstTask: 'handed_to_coder' };
    },
    delete: async (name, options = {}) => {
      this.enter('agents.delete', name, options);
      const agent = this.find(name);
      this.agentsByName.delete(agent.name);
      return { ...agent, status: 'deleting' };
    },
    restart: async (name, options: WaitOptions = {}) => {
      this.enter('agents.restart', name, options);
      const agent = this.find(name);
      if (options.wait === true) for (const step of this.progressSteps) options.onProgress?.(step);
      return details(this.update(agent, { status: options.wait === true ? 'idle' : 'starting' }));
    },
  };

  readonly tasks: TaskService = {
    start: async (agentName, task, options = {}) => {
      this.enter('tasks.start', agentName, task, options);
      const agent = this.find(agentName);
      if (agent.status === 'busy') throw new FleetError('AGENT_BUSY', `${agent.name} is busy with a task; wait until it is idle or cancel_agent_task it`);
      if (!isOnline(agent.status)) throw new FleetError('AGENT_OFFLINE', `${agent.name} is ${agent.status}, not online; restart_agent starts it`);
      return this.update(agent, { status: 'busy', lastTask: { state: 'working', message: task, at: '2025-10-21T12:30:00.000Z' } });
    },
    cancel: async (agentName, options = {}) => {
      this.enter('tasks.cancel', agentName, options);
      const agent = this.find(agentName);
      if (!isOnline(agent.status)) throw new FleetError('AGENT_OFFLINE', `${agent.name} is ${agent.status}, not online`);
      if (agent.status !== 'busy') throw new FleetError('INVALID_STATE', `${agent.name} is ${agent.status}, not busy: there is nothing to cancel`);
      return this.update(agent, { status: 'idle' });
    },
    history: async (agentName, options: PageOptions = {}) => {
      this.enter('tasks.history', agentName, options);
      const agent = this.find(agentName);
      return { agentName: agent.name, ...slice(this.histories.get(agent.name) ?? [], options.page ?? 1, options.pageSize ?? 20) };
    },
    log: async (agentName, options: PageOptions = {}) => {
      this.enter('tasks.log', agentName, options);
      const agent = this.find(agentName);
      return { agentName: agent.name, ...slice(this.conversations.get(agent.name) ?? [], options.page ?? 1, options.pageSize ?? 1) };
    },
  };

  readonly projects: ProjectService = {
    list: async (options = {}) => {
      this.enter('projects.list', options);
      return PROJECTS;
    },
    roles: async (project, options = {}) => {
      this.enter('projects.roles', project, options);
      this.findProject(project);
      return ROLES;
    },
  };

  async checkConnection(options: { signal?: AbortSignal } = {}): Promise<FleetConnection> {
    this.enter('checkConnection', options);
    return this.connection;
  }

  async whoAmI(options: { signal?: AbortSignal } = {}): Promise<string> {
    this.enter('whoAmI', options);
    return this.connection.username;
  }
}

function slice<Item>(items: Item[], page: number, pageSize: number): Page<Item> {
  return toPage(items.slice((page - 1) * pageSize, page * pageSize), items.length, { page, pageSize });
}
