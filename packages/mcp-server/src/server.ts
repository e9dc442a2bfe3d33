// Builds the MCP server that offers the fleet's twelve tools over any transport.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { Fleet } from '@fleet/fleet-domain';
import { createSilentLogger, type Logger } from './logger.js';
import type { ToolCaller, ToolContext } from './tool-context.js';
import { registerCancelAgentTaskTool } from './tools/cancel-agent-task.js';
import { registerCreateAgentTool } from './tools/create-agent.js';
import { registerDeleteAgentTool } from './tools/delete-agent.js';
import { registerListAgentProjectsTool } from './tools/list-agent-projects.js';
import { registerListAgentRolesTool } from './tools/list-agent-roles.js';
import { registerListAgentsTool } from './tools/list-agents.js';
import { registerRestartAgentTool } from './tools/restart-agent.js';
import { registerShowAgentTool } from './tools/show-agent.js';
import { registerShowAgentLogTool } from './tools/show-agent-log.js';
import { registerShowAgentTaskHistoryTool } from './tools/show-agent-task-history.js';
import { registerStartAgentTaskTool } from './tools/start-agent-task.js';
import { registerWaitForAgentsTool } from './tools/wait-for-agents.js';

export interface FleetMcpServerOptions {
  /** Reported to clients in the initialize handshake. */
  version: string;
  /** Where tool failures are logged; nothing is logged without one. */
  logger?: Logger;
  /** Whom the calls act for. */
  caller?: ToolCaller;
}

const TOOL_REGISTRATIONS = [
  registerListAgentsTool,
  registerShowAgentTool,
  registerCreateAgentTool,
  registerDeleteAgentTool,
  registerRestartAgentTool,
  registerStartAgentTaskTool,
  registerCancelAgentTaskTool,
  registerWaitForAgentsTool,
  registerShowAgentTaskHistoryTool,
  registerShowAgentLogTool,
  registerListAgentProjectsTool,
  registerListAgentRolesTool,
] as const;

const INSTRUCTIONS = [
  'Fleet runs Claude Code agents on a Coder deployment; each agent is a Coder workspace you own.',
  'Start with list_agents to see the agents and their status. To make one: list_agent_projects, list_agent_roles, then create_agent with a first task.',
  'Give an idle agent more work with start_agent_task, wait for busy ones with wait_for_agents instead of polling, interrupt one with cancel_agent_task, and follow its work with show_agent_task_history and show_agent_log. A waiting agent asks you something: read it with show_agent_log, answer with start_agent_task.',
  'Errors come back as results with isError and a text "CODE: message"; the message says what to do.',
].join(' ');

export function createFleetMcpServer(fleet: Fleet, options: FleetMcpServerOptions): McpServer {
  const server = new McpServer(
    { name: 'fleet', title: 'Fleet', version: options.version },
    { capabilities: { tools: {} }, instructions: INSTRUCTIONS },
  );
  const context: ToolContext = { logger: options.logger ?? createSilentLogger(), ...(options.caller === undefined ? {} : { caller: options.caller }) };
  for (const register of TOOL_REGISTRATIONS) register(server, fleet, context);
  return server;
}
