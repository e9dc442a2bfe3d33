// Gives a workspace of an AI template its AgentAPI conversation, wired to record the app statuses it reports.
import { recordAppStatus } from '../world/app-status-recorder.js';
import type { WorldStore } from '../world/world-store.js';
import type { WorkspaceRecord } from '../world/world-model.js';
import { AgentApiConversation } from './agent-api-conversation.js';

export function attachConversation(world: WorldStore, workspace: WorkspaceRecord): void {
  workspace.conversation = new AgentApiConversation({
    clock: world.clock,
    random: world.random,
    seededHistory: workspace.seededHistory,
    reportStatus: (state, message, uri) => recordAppStatus(world, workspace, state, message, uri),
  });
}
