// Renders a workspace agent (codersdk.WorkspaceAgent) with its apps, scripts and log sources, as a real template has them.
import type { WorldStore } from '../world/world-store.js';
import type { AgentApiAppDefinition, AgentRecord, AppHealth, BuildRecord, WorkspaceRecord } from '../world/world-model.js';
import { appStatusesPayload } from './app-status-payload.js';
import { isoTime } from './iso-time.js';

export const AGENT_API_APP_SLUG = 'ccw';

/**
 * // coder/coder coderd/workspaceapps/appurl/appurl.go (v2.34.3): ApplicationURL.String() is
 * // `{app}--{agent}--{workspace}--{user}` (the agent part is kept in what Coder builds); subdomain_name is that prefix.
 */
export function subdomainNameOf(world: WorldStore, workspace: WorkspaceRecord, agent: AgentRecord, slug: string): string {
  const owner = world.findUserById(workspace.ownerId);
  return `${slug}--${agent.name}--${workspace.name}--${owner.username}`.toLowerCase();
}

const CLAUDE_INSTALL_SCRIPT = `#!/bin/bash
set -euo pipefail
BOLD='\\033[0;1m'
echo -e "\${BOLD}Installing Claude Code..."
if ! command -v claude >/dev/null 2>&1; then
  npm install -g @anthropic-ai/claude-code@latest
fi
mkdir -p "$HOME/.claude"
if [ -n "\${CODER_MCP_CLAUDE_SYSTEM_PROMPT:-}" ]; then
  echo "\${CODER_MCP_CLAUDE_SYSTEM_PROMPT}" > "$HOME/.claude/system-prompt.md"
fi
coder exp mcp configure claude-code "$HOME/project" --ai-agentapi-url http://localhost:3284 --app-status-slug ccw
echo -e "\${BOLD}Starting AgentAPI on port 3284..."
nohup agentapi server --type claude --port 3284 -- claude --dangerously-skip-permissions > "$HOME/.agentapi.log" 2>&1 &
for i in $(seq 1 60); do
  if curl -fsS http://localhost:3284/status >/dev/null; then
    echo "AgentAPI is ready"; exit 0
  fi
  sleep 1
done
echo "AgentAPI did not become ready in time" >&2
exit 1
`;

const CODE_SERVER_SCRIPT = `#!/usr/bin/env sh
set -eu
printf "Installing code-server...\\n"
curl -fsSL https://code-server.dev/install.sh | sh -s -- --method=standalone --prefix=/tmp/code-server
/tmp/code-server/bin/code-server --auth none --port 13337 >/tmp/code-server.log 2>&1 &
`;

function agentHealth(agent: AgentRecord, current: boolean): Record<string, unknown> {
  if (!current) {
    return { healthy: false, reason: 'agent has lost connection' };
  }
  if (agent.status !== 'connected') {
    return { healthy: false, reason: 'agent is not running' };
  }
  return { healthy: true };
}

function appHealth(agent: AgentRecord, current: boolean, health: AppHealth): AppHealth {
  if (!current) {
    return 'unhealthy';
  }
  return agent.lifecycle === 'ready' ? health : 'initializing';
}

function appsPayload(
  world: WorldStore,
  workspace: WorkspaceRecord,
  agent: AgentRecord,
  current: boolean,
  agentApiApp: AgentApiAppDefinition | null,
) {
  const apps: Record<string, unknown>[] = [];
  if (agentApiApp) {
    // AgentAPI gone (Claude Code exited): the healthcheck on /status fails, the app turns unhealthy.
    const exited = workspace.conversation?.exited === true;
    apps.push({
      id: agent.agentApiAppId,
      url: 'http://localhost:3284/',
      external: false,
      slug: agentApiApp.slug,
      display_name: agentApiApp.displayName,
      icon: agentApiApp.icon,
      subdomain: agentApiApp.subdomain,
      ...(agentApiApp.subdomain ? { subdomain_name: subdomainNameOf(world, workspace, agent, agentApiApp.slug) } : {}),
      sharing_level: 'owner',
      healthcheck: { url: 'http://localhost:3284/status', interval: 3, threshold: 20 },
      health: exited && current ? 'unhealthy' : appHealth(agent, current, agent.agentApiHealth),
      hidden: false,
      open_in: 'slim-window',
      statuses: appStatusesPayload(world, workspace, agent.agentApiAppId),
    });
  }
  apps.push(
    {
      id: agent.codeServerAppId,
      url: 'http://localhost:13337/?folder=/home/coder/project',
      external: false,
      slug: 'code-server',
      display_name: 'VS Code Web',
      icon: '/icon/code.svg',
      subdomain: false,
      sharing_level: 'owner',
      healthcheck: { url: 'http://localhost:13337/healthz', interval: 5, threshold: 6 },
      health: appHealth(agent, current, 'healthy'),
      hidden: false,
      open_in: 'slim-window',
      statuses: appStatusesPayload(world, workspace, agent.codeServerAppId),
    },
    {
      id: agent.previewAppId,
      url: 'http://localhost:3000',
      external: false,
      slug: 'preview',
      display_name: 'Preview',
      icon: '/emojis/1f50e.png',
      subdomain: false,
      sharing_level: 'owner',
      healthcheck: { url: '', interval: 0, threshold: 0 },
      health: 'disabled',
      hidden: false,
      open_in: 'tab',
      statuses: appStatusesPayload(world, workspace, agent.previewAppId),
    },
  );
  return apps;
}

export function workspaceAgentPayload(
  world: WorldStore,
  workspace: WorkspaceRecord,
  build: BuildRecord,
  agent: AgentRecord,
  current: boolean,
): Record<string, unknown> {
  const version = world.requireTemplateVersion(build.templateVersionId);
  const owner = world.findUserById(workspace.ownerId);
  const scriptsSourceId = world.identity('log-source', agent.id, 'claude');
  const codeServerSourceId = world.identity('log-source', agent.id, 'code-server');
  const updatedAt = agent.readyAt ?? agent.firstConnectedAt ?? agent.createdAt;
  const payload: Record<string, unknown> = {
    id: agent.id,
    parent_id: null,
    created_at: isoTime(agent.createdAt),
    updated_at: isoTime(updatedAt),
  };
  if (agent.firstConnectedAt !== null) {
    payload['first_connected_at'] = isoTime(agent.firstConnectedAt);
    payload['last_connected_at'] = isoTime(current ? Math.max(updatedAt, agent.firstConnectedAt) : agent.firstConnectedAt);
  }
  Object.assign(payload, {
    status: current ? agent.status : 'disconnected',
    lifecycle_state: current ? agent.lifecycle : 'off',
    name: agent.name,
    resource_id: build.containerResourceId,
    instance_id: '',
    architecture: 'amd64',
    environment_variables: {
      GIT_AUTHOR_NAME: owner.name,
      GIT_AUTHOR_EMAIL: owner.email,
      GIT_COMMITTER_NAME: owner.name,
      GIT_COMMITTER_EMAIL: owner.email,
      CODER_MCP_APP_STATUS_SLUG: version.agentApiApp?.slug ?? AGENT_API_APP_SLUG,
      CODER_MCP_AI_AGENTAPI_URL: 'http://localhost:3284',
    },
    operating_system: 'linux',
    logs_length: 1_842,
    logs_overflowed: false,
    directory: '/home/coder/project',
    expanded_directory: '/home/coder/project',
    version: world.generation.version,
    api_version: '2.6',
    apps: appsPayload(world, workspace, agent, current, version.agentApiApp),
    latency: current && agent.status === 'connected' ? { Frankfurt: { latency_ms: 14.2, preferred: true } } : {},
    connection_timeout_seconds: 120,
    troubleshooting_url: 'https://coder.com/docs/admin/templates/troubleshooting',
    subsystems: ['envbox'],
    health: agentHealth(agent, current),
    display_apps: ['vscode', 'vscode_insiders', 'web_terminal', 'ssh_helper', 'port_forwarding_helper'],
    log_sources: [
      {
        workspace_agent_id: agent.id,
        id: scriptsSourceId,
        created_at: isoTime(agent.createdAt),
        display_name: 'Claude Code',
        icon: '/icon/claude.svg',
      },
      {
        workspace_agent_id: agent.id,
        id: codeServerSourceId,
        created_at: isoTime(agent.createdAt),
        display_name: 'code-server',
        icon: '/icon/code.svg',
      },
    ],
    scripts: [
      {
        id: world.identity('script', agent.id, 'claude'),
        log_source_id: scriptsSourceId,
        log_path: '/tmp/coder-script-claude.log',
        script: CLAUDE_INSTALL_SCRIPT,
        cron: '',
        run_on_start: true,
        run_on_stop: false,
        start_blocks_login: false,
        timeout: 0,
        display_name: 'Claude Code',
      },
      {
        id: world.identity('script', agent.id, 'code-server'),
        log_source_id: codeServerSourceId,
        log_path: '/tmp/coder-script-code-server.log',
        script: CODE_SERVER_SCRIPT,
        cron: '',
        run_on_start: true,
        run_on_stop: false,
        start_blocks_login: false,
        timeout: 0,
        display_name: 'code-server',
      },
    ],
    startup_script_behavior: 'non-blocking',
  });
  if (agent.startedAt !== null) {
    payload['started_at'] = isoTime(agent.startedAt);
  }
  if (agent.readyAt !== null) {
    payload['ready_at'] = isoTime(agent.readyAt);
  }
  return payload;
}

export function agentHealthPayload(agent: AgentRecord): Record<string, unknown> {
  return agentHealth(agent, true);
}
