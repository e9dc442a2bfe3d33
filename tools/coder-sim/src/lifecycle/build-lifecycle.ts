// Moves a build through pending -> running -> succeeded/failed and a started agent through connecting -> ready.
import type { SimulatedClock } from '../simulated-clock.js';
import { recordAppStatus } from '../world/app-status-recorder.js';
import { newAgentRecord } from '../world/build-record-factory.js';
import { AI_PROMPT_PARAMETER } from '../world/template-catalog.js';
import type { WorldStore } from '../world/world-store.js';
import { latestBuildOf, type BuildRecord, type WorkspaceRecord } from '../world/world-model.js';

/** Durations at speed 1 (demo pace); the clock scales them. */
export const BUILD_TIMINGS = {
  pendingMs: 600,
  startRunningMs: 2_500,
  stopRunningMs: 1_500,
  deleteRunningMs: 1_500,
  agentConnectMs: 400,
  agentReadyMs: 1_200,
} as const;

export const SIMULATED_FAILURE =
  'terraform apply: exit status 1\nError: creating Docker container: simulated provisioning failure (workspace names starting with "fail" always fail)';

export class BuildLifecycle {
  private readonly clock: SimulatedClock;

  constructor(private readonly world: WorldStore) {
    this.clock = world.clock;
  }

  /** Plays the build's job from pending to its end. */
  run(workspace: WorkspaceRecord, build: BuildRecord): void {
    this.clock.after(BUILD_TIMINGS.pendingMs, () => {
      const now = this.clock.now();
      build.jobStatus = 'running';
      build.startedAt = now;
      this.touch(workspace, build, now);
      const runningMs =
        build.transition === 'start'
          ? BUILD_TIMINGS.startRunningMs
          : build.transition === 'stop'
            ? BUILD_TIMINGS.stopRunningMs
            : BUILD_TIMINGS.deleteRunningMs;
      this.clock.after(runningMs, () => this.complete(workspace, build));
    });
  }

  private complete(workspace: WorkspaceRecord, build: BuildRecord): void {
    const now = this.clock.now();
    build.completedAt = now;
    if (build.willFail) {
      build.jobStatus = 'failed';
      build.error = SIMULATED_FAILURE;
      this.touch(workspace, build, now);
      return;
    }
    build.jobStatus = 'succeeded';
    if (build.transition === 'delete') {
      workspace.deleted = true;
      workspace.conversation?.dispose();
    }
    if (build.transition === 'start') {
      build.agent = newAgentRecord(this.world, workspace, build, now);
      this.clock.after(BUILD_TIMINGS.agentConnectMs, () => this.connectAgent(workspace, build));
    }
    this.touch(workspace, build, now);
  }

  private connectAgent(workspace: WorkspaceRecord, build: BuildRecord): void {
    const agent = build.agent;
    if (!agent || latestBuildOf(workspace) !== build) {
      return;
    }
    const now = this.clock.now();
    agent.status = 'connected';
    agent.lifecycle = 'starting';
    agent.firstConnectedAt = now;
    agent.startedAt = now;
    this.touch(workspace, build, now);
    this.clock.after(BUILD_TIMINGS.agentReadyMs, () => this.makeAgentReady(workspace, build));
  }

  private makeAgentReady(workspace: WorkspaceRecord, build: BuildRecord): void {
    const agent = build.agent;
    if (!agent || latestBuildOf(workspace) !== build) {
      return;
    }
    const now = this.clock.now();
    agent.lifecycle = 'ready';
    agent.readyAt = now;
    agent.agentApiHealth = 'healthy';
    this.touch(workspace, build, now);
    const conversation = workspace.conversation;
    if (!conversation) {
      return;
    }
    conversation.restartIfExited();
    conversation.greetIfNew();
    const prompt = this.firstPromptOf(workspace, build);
    if (!workspace.initialPromptDelivered && prompt !== '') {
      workspace.initialPromptDelivered = true;
      conversation.receiveUserMessage(prompt);
    } else {
      // Only the screen watcher of `coder exp mcp server` reports `idle` (coder/coder cli/exp_mcp.go).
      recordAppStatus(this.world, workspace, 'idle', 'Ready for a task', '');
    }
  }

  /** The first prompt the generation's templates hand to Claude Code, or '' when none reaches it. */
  private firstPromptOf(workspace: WorkspaceRecord, build: BuildRecord): string {
    switch (this.world.generation.promptDelivery) {
      case 'ai-prompt-parameter':
        // coder/registry claude-code v2/v3 (Coder 2.27): ai_prompt = data.coder_parameter.ai_prompt.value.
        return build.parameters.find((parameter) => parameter.name === AI_PROMPT_PARAMETER)?.value.trim() ?? '';
      case 'task-input':
        // coder/coder coderd/aitasks.go (v2.29–v2.36): the task's `input` is stored as its prompt and read by the
        // template through data "coder_task" (registry PR #485); a plain workspace create has no task, so no prompt.
        return workspace.pendingTaskPrompt?.trim() ?? '';
      case 'none':
        // 2.37+: no Tasks API and no coder_task prompt; the agent comes up stable with the welcome screen only.
        return '';
    }
  }

  private touch(workspace: WorkspaceRecord, build: BuildRecord, now: number): void {
    build.updatedAt = now;
    workspace.updatedAt = now;
  }
}
