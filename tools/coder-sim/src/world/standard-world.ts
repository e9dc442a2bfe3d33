// Seeds the standard world: users, the default organization, templates, and existing agents spread over states.
import { hashText } from '../deterministic-random.js';
import { WORLD_EPOCH_MS } from '../simulated-clock.js';
import type { WorldSpec } from '../simulator-types.js';
import { attachConversation } from '../lifecycle/workspace-conversation.js';
import { seededAgentName } from './agent-name-generator.js';
import { resolveBuildParameters } from './build-parameter-resolver.js';
import { newAgentRecord, newBuildRecord } from './build-record-factory.js';
import { AI_PROMPT_PARAMETER, standardTemplatesFor, type TemplateDefinition } from './template-catalog.js';
import { workItemFor } from './work-content.js';
import type { WorldStore } from './world-store.js';
import type {
  BuildRecord,
  PresetRecord,
  TemplateRecord,
  TemplateVersionRecord,
  UserRecord,
  WorkspaceRecord,
  WorkspaceTransition,
} from './world-model.js';

export const MAIN_USERNAME = 'fleet-dev';
export const OTHER_USERNAME = 'other-dev';
export const DEFAULT_AGENT_COUNT = 6;
export const DEFAULT_LONG_HISTORY_AGENT_COUNT = 1;
/** tasks in a long history: 3 statuses and 2 messages each, so 1,500 statuses and 1,001 messages */
export const LONG_HISTORY_TASKS = 500;
/** agents each team member starts with */
export const DEFAULT_AGENTS_PER_MEMBER = 2;

type SeededState = 'idle' | 'busy' | 'stopped' | 'failed';

const MINUTE_MS = 60_000;
const SMALL_WORLD_STATES: readonly SeededState[] = ['idle', 'busy', 'stopped', 'failed', 'idle', 'idle'];

interface SeededTemplate {
  template: TemplateRecord;
  version: TemplateVersionRecord;
}

function seedUsers(world: WorldStore, organizationId: string): { main: UserRecord; other: UserRecord } {
  const created = WORLD_EPOCH_MS - 120 * 24 * 60 * MINUTE_MS;
  const main: UserRecord = {
    id: world.identity('user', MAIN_USERNAME),
    username: MAIN_USERNAME,
    name: 'Fleet Developer',
    email: 'fleet-dev@example.com',
    avatarUrl: 'https://avatars.githubusercontent.com/u/95932066?v=4',
    createdAt: created,
    roles: [{ name: 'owner', displayName: 'Owner' }],
    organizationIds: [organizationId],
  };
  const other: UserRecord = {
    id: world.identity('user', OTHER_USERNAME),
    username: OTHER_USERNAME,
    name: 'Other Developer',
    email: 'other-dev@example.com',
    avatarUrl: 'https://avatars.githubusercontent.com/u/9919?v=4',
    createdAt: created + 7 * 24 * 60 * MINUTE_MS,
    roles: [],
    organizationIds: [organizationId],
  };
  world.users.push(main, other);
  return { main, other };
}

/** Team members: plain `member`s of the organization (no site role), so that they see only their own workspaces. */
function seedMembers(world: WorldStore, organizationId: string, usernames: readonly string[]): UserRecord[] {
  const created = WORLD_EPOCH_MS - 30 * 24 * 60 * MINUTE_MS;
  return usernames.map((username, position) => {
    const member: UserRecord = {
      id: world.identity('user', username),
      username,
      name: username,
      email: `${username}@example.com`,
      avatarUrl: '',
      createdAt: created + position * MINUTE_MS,
      roles: [],
      organizationIds: [organizationId],
    };
    world.users.push(member);
    return member;
  });
}

function seedTemplate(
  world: WorldStore,
  definition: TemplateDefinition,
  organizationId: string,
  author: UserRecord,
): SeededTemplate {
  const created = WORLD_EPOCH_MS - 60 * 24 * 60 * MINUTE_MS;
  const templateId = world.identity('template', definition.name);
  const versionId = world.identity('template-version', definition.name, definition.versionName);
  const presets: PresetRecord[] = definition.presets.map((preset) => ({
    id: world.identity('preset', definition.name, preset.name),
    name: preset.name,
    description: preset.description,
    icon: preset.icon,
    isDefault: preset.isDefault,
    parameters: preset.parameters,
  }));
  const version: TemplateVersionRecord = {
    id: versionId,
    templateId,
    organizationId,
    name: definition.versionName,
    message: `Update ${definition.displayName}`,
    readme: definition.readme,
    createdAt: created + 30 * 24 * 60 * MINUTE_MS,
    createdById: author.id,
    jobId: world.identity('template-version-job', definition.name, definition.versionName),
    hasAiTask: definition.hasAiTask,
    agentApiApp: definition.agentApiApp,
    parameters: definition.parameters,
    presets,
  };
  const template: TemplateRecord = {
    id: templateId,
    organizationId,
    name: definition.name,
    displayName: definition.displayName,
    description: definition.description,
    icon: definition.icon,
    activeVersionId: versionId,
    createdAt: created,
    updatedAt: version.createdAt,
    createdById: author.id,
    deprecated: false,
  };
  world.addTemplate(template, version);
  return { template, version };
}

function finishedBuild(
  world: WorldStore,
  workspace: WorkspaceRecord,
  source: {
    transition: WorkspaceTransition;
    version: TemplateVersionRecord;
    preset: PresetRecord | null;
    prompt: string;
    at: number;
  },
  owner: UserRecord,
  failed = false,
): BuildRecord {
  const previous = workspace.builds[workspace.builds.length - 1];
  const requested = source.version.agentApiApp ? [{ name: AI_PROMPT_PARAMETER, value: source.prompt }] : [];
  const build = newBuildRecord(world, workspace, {
    transition: source.transition,
    templateVersionId: source.version.id,
    presetId: source.preset?.id ?? null,
    parameters: previous
      ? previous.parameters
      : resolveBuildParameters(source.version, source.preset, requested, []),
    initiatorId: owner.id,
    createdAt: source.at,
    willFail: failed,
  });
  build.jobStatus = failed ? 'failed' : 'succeeded';
  build.startedAt = source.at + 2_000;
  build.completedAt = source.at + 38_000;
  build.updatedAt = build.completedAt;
  build.error = failed ? 'terraform apply: exit status 1\nError: creating Docker container: no space left on device' : null;
  if (source.transition === 'start' && !failed) {
    const agent = newAgentRecord(world, workspace, build, build.completedAt);
    agent.status = 'connected';
    agent.lifecycle = 'ready';
    agent.agentApiHealth = 'healthy';
    agent.firstConnectedAt = build.completedAt + 1_000;
    agent.startedAt = agent.firstConnectedAt;
    agent.readyAt = build.completedAt + 9_000;
    build.agent = agent;
  }
  workspace.builds.push(build);
  return build;
}

interface SeededWorkspaceInput {
  name: string;
  owner: UserRecord;
  seeded: SeededTemplate;
  preset: PresetRecord | null;
  state: SeededState;
  taskCount: number;
  endsAt: number;
  staleWorkingAtEnd?: boolean;
}

function seedWorkspace(world: WorldStore, input: SeededWorkspaceInput): WorkspaceRecord {
  const index = world.workspaces.length;
  const isAi = input.seeded.version.agentApiApp !== null;
  const createdAt = isAi ? input.endsAt - (input.taskCount + 1) * 7 * MINUTE_MS : input.endsAt - 3 * 24 * 60 * MINUTE_MS;
  const workspace: WorkspaceRecord = {
    index,
    id: world.identity('workspace', index),
    name: input.name,
    ownerId: input.owner.id,
    organizationId: input.seeded.template.organizationId,
    templateId: input.seeded.template.id,
    createdAt,
    updatedAt: input.endsAt,
    lastUsedAt: input.endsAt,
    deleted: false,
    builds: [],
    seededHistory: null,
    liveStatuses: [],
    conversation: null,
    initialPromptDelivered: true,
    pendingTaskPrompt: null,
    task: null,
  };
  const variant = hashText(`${world.seed}:${index}`, 0x41);
  const source = { version: input.seeded.version, preset: input.preset, prompt: workItemFor(variant, 0).prompt };
  const firstBuild = finishedBuild(world, workspace, { ...source, transition: 'start', at: createdAt }, input.owner);
  if (input.state === 'stopped' || input.state === 'failed') {
    finishedBuild(world, workspace, { ...source, transition: 'stop', at: input.endsAt + 60 * MINUTE_MS }, input.owner);
  }
  if (input.state === 'failed') {
    finishedBuild(world, workspace, { ...source, transition: 'start', at: input.endsAt + 120 * MINUTE_MS }, input.owner, true);
  }
  const lastBuild = workspace.builds[workspace.builds.length - 1] ?? firstBuild;
  workspace.updatedAt = lastBuild.updatedAt;
  if (isAi && firstBuild.agent) {
    workspace.seededHistory = {
      variant,
      taskCount: input.taskCount,
      busy: input.state === 'busy',
      endsAt: input.endsAt,
      appId: firstBuild.agent.agentApiAppId,
      agentId: firstBuild.agent.id,
      staleWorkingAtEnd: input.staleWorkingAtEnd === true && input.state === 'idle',
    };
    attachConversation(world, workspace);
  }
  // Only templates with a coder_ai_task make task records (2.37+ has none).
  if (isAi && firstBuild.agent && input.seeded.version.hasAiTask) {
    workspace.task = {
      id: world.identity('task', workspace.id),
      name: input.name,
      displayName: input.name,
      initialPrompt: firstBuild.parameters.find((parameter) => parameter.name === AI_PROMPT_PARAMETER)?.value ?? '',
      createdAt,
    };
  }
  world.addWorkspace(workspace);
  return workspace;
}

function seededStateFor(world: WorldStore, position: number): SeededState {
  const small = SMALL_WORLD_STATES[position];
  if (small) {
    return small;
  }
  const roll = hashText(`${world.seed}:state:${position}`, 0x57) % 100;
  return roll < 6 ? 'busy' : roll < 11 ? 'stopped' : roll < 14 ? 'failed' : 'idle';
}

function longHistoryPositions(states: readonly SeededState[], wanted: number): Set<number> {
  const chosen = new Set<number>();
  const byPreference = [
    ...states.flatMap((state, position) => (state === 'idle' ? [position] : [])),
    ...states.flatMap((state, position) => (state !== 'idle' ? [position] : [])),
  ];
  for (const position of byPreference.slice(0, Math.max(0, wanted))) {
    chosen.add(position);
  }
  return chosen;
}

function pickPreset(version: TemplateVersionRecord, hash: number): PresetRecord | null {
  if (version.presets.length === 0) {
    return null;
  }
  return version.presets[hash % version.presets.length] ?? null;
}

export function seedStandardWorld(world: WorldStore, spec: WorldSpec = {}): void {
  const agentCount = Math.max(0, Math.floor(spec.agents ?? DEFAULT_AGENT_COUNT));
  const longHistoryCount = Math.max(0, Math.floor(spec.longHistoryAgents ?? DEFAULT_LONG_HISTORY_AGENT_COUNT));
  const organization = {
    id: world.identity('organization', 'coder'),
    name: 'coder',
    displayName: 'Coder',
    description: 'The default organization.',
    icon: '',
    isDefault: true,
    createdAt: WORLD_EPOCH_MS - 180 * 24 * 60 * MINUTE_MS,
    updatedAt: WORLD_EPOCH_MS - 180 * 24 * 60 * MINUTE_MS,
  };
  world.organizations.push(organization);
  const { main, other } = seedUsers(world, organization.id);
  const [claudeCode, researchAgent, dockerDev, agentApiAgent] = standardTemplatesFor(world.generation).map((definition) =>
    seedTemplate(world, definition, organization.id, main),
  );
  if (!claudeCode || !researchAgent || !dockerDev || !agentApiAgent) {
    throw new Error('The standard templates are missing.');
  }

  const states = Array.from({ length: agentCount }, (_, position) => seededStateFor(world, position));
  const longHistory = longHistoryPositions(states, longHistoryCount);
  states.forEach((state, position) => {
    const hash = hashText(`${world.seed}:agent:${position}`, 0x99);
    // Position 5 (and every 7th after it) runs the bare agentapi module: slug `agentapi`, a subdomain app.
    const seeded = position % 5 === 4 ? researchAgent : position % 7 === 5 ? agentApiAgent : claudeCode;
    seedWorkspace(world, {
      name: seededAgentName(position),
      owner: main,
      seeded,
      preset: pickPreset(seeded.version, hash),
      state,
      taskCount: longHistory.has(position) ? LONG_HISTORY_TASKS : 60 + (hash % 21),
      endsAt: state === 'busy' ? WORLD_EPOCH_MS : WORLD_EPOCH_MS - (3 + (hash % 50)) * MINUTE_MS - 3 * 60 * MINUTE_MS,
      // Agent 4 (idle) ends on a stale `working` self-report although AgentAPI is stable: app statuses are not the truth.
      staleWorkingAtEnd: position === 4,
    });
  });

  const endsAt = WORLD_EPOCH_MS - 5 * 60 * MINUTE_MS;
  seedWorkspace(world, { name: 'dev-box', owner: main, seeded: dockerDev, preset: null, state: 'idle', taskCount: 0, endsAt });
  seedWorkspace(world, {
    name: 'other-agent',
    owner: other,
    seeded: claudeCode,
    preset: pickPreset(claudeCode.version, 0),
    state: 'idle',
    taskCount: 8,
    endsAt,
  });
  seedWorkspace(world, { name: 'other-box', owner: other, seeded: dockerDev, preset: null, state: 'stopped', taskCount: 0, endsAt });

  // Seeded last, so that a world without members is the same as before members existed.
  const agentsPerMember = Math.max(0, Math.floor(spec.agentsPerMember ?? DEFAULT_AGENTS_PER_MEMBER));
  for (const member of seedMembers(world, organization.id, spec.members ?? [])) {
    for (let position = 0; position < agentsPerMember; position += 1) {
      seedWorkspace(world, {
        name: `${member.username}-${seededAgentName(position)}`.slice(0, 32).replace(/-+$/, ''),
        owner: member,
        seeded: claudeCode,
        preset: pickPreset(claudeCode.version, position),
        state: 'idle',
        taskCount: 3,
        endsAt,
      });
    }
  }
}
