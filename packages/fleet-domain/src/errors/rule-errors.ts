// The errors of the fleet's rules, each naming what was wrong and what to do about it.
import { AGENT_NAME_RULE, FleetError, type AgentStatus, type Project } from '@fleet/fleet-models';

export function invalidAgentName(name: string, problem: string): FleetError {
  return new FleetError(
    'INVALID_INPUT',
    `${JSON.stringify(name)} is not a valid agent name: ${problem}. Agent names follow Coder's workspace name rule: ${AGENT_NAME_RULE}.`,
  );
}

export function agentNotFound(name: string): FleetError {
  return agentsNotFound([name]);
}

export function agentsNotFound(names: readonly string[]): FleetError {
  const quoted = names.map((name) => `"${name}"`).join(', ');
  return new FleetError('NOT_FOUND', `There is no agent named ${quoted}. list_agents shows the agents there are.`);
}

export function workspaceIsNoAgent(name: string): FleetError {
  return new FleetError(
    'NOT_FOUND',
    `"${name}" is a Coder workspace that runs no AgentAPI app, not an agent of the fleet. list_agents shows the agents there are.`,
  );
}

export function agentGone(name: string): FleetError {
  return new FleetError(
    'NOT_FOUND',
    `Agent "${name}" no longer exists: it was probably deleted meanwhile. list_agents shows the agents there are.`,
  );
}

export function agentNameTaken(name: string, existing: { status: AgentStatus; runsAgent: boolean } | undefined): FleetError {
  const what = existing === undefined ? 'a workspace' : existing.runsAgent ? `an agent (${existing.status})` : 'a workspace without an agent';
  return new FleetError(
    'CONFLICT',
    `The name "${name}" is taken by ${what}: choose another name, or delete_agent "${name}" first if it is an agent you no longer need.`,
  );
}

export function invalidTask(problem: string): FleetError {
  return new FleetError('INVALID_INPUT', `The task cannot be sent: ${problem}.`);
}

export function projectNotFound(requested: string, projects: readonly Project[]): FleetError {
  return new FleetError('NOT_FOUND', `There is no project "${requested}". ${projectsThatExist(projects)}`);
}

export function projectCannotRunAgents(project: Project, projects: readonly Project[]): FleetError {
  return new FleetError(
    'INVALID_INPUT',
    `Project "${project.displayName}" cannot run an agent: the active version of its template has no app served by AgentAPI (an app on port 3284 or with a /status healthcheck, as Coder's claude-code v4 and agentapi modules make) and is not a coder_ai_task template. ${projectsThatExist(projects)}`,
  );
}

export function roleNotFound(requested: string, project: Project, roles: readonly string[]): FleetError {
  const known = roles.length === 0 ? `Project "${project.displayName}" has no roles: leave the role out.` : `Its roles are: ${roles.join(', ')}.`;
  return new FleetError('NOT_FOUND', `Project "${project.displayName}" has no role "${requested}". ${known}`);
}

export function agentBusy(name: string): FleetError {
  return new FleetError(
    'AGENT_BUSY',
    `Agent "${name}" is busy with a task: wait until it is idle (show_agent tells), or interrupt it with cancel_agent_task first.`,
    { retryable: true },
  );
}

export function agentOffline(name: string, status: AgentStatus, purpose: string): FleetError {
  return new FleetError('AGENT_OFFLINE', `Agent "${name}" is ${status}, not online, so ${purpose}. ${adviceFor(status)}`, {
    retryable: status === 'pending' || status === 'starting',
  });
}

export function agentApiUnknown(name: string): FleetError {
  return new FleetError(
    'AGENT_OFFLINE',
    `Agent "${name}" has no app served by AgentAPI on its latest build (none on port 3284 or with a /status healthcheck); it may still be starting. Try again shortly; restart_agent helps if it stays so.`,
    { retryable: true },
  );
}

export function nothingToCancel(name: string, status: AgentStatus): FleetError {
  const advice = status === 'idle' ? 'It has no task in progress.' : adviceFor(status);
  return new FleetError('INVALID_STATE', `Agent "${name}" is ${status}, not busy, so there is nothing to cancel. ${advice}`);
}

export function buildInProgress(name: string, status: AgentStatus | string, action: string): FleetError {
  return new FleetError(
    'INVALID_STATE',
    `Agent "${name}" cannot ${action} now: a build of its workspace is in progress (status ${status}). Wait until it is done (show_agent tells), then try again.`,
    { retryable: true },
  );
}

export function invalidInput(problem: string): FleetError {
  return new FleetError('INVALID_INPUT', problem);
}

function adviceFor(status: AgentStatus): string {
  switch (status) {
    case 'pending':
    case 'starting':
      return 'It is still starting: wait until it is idle (show_agent tells; create_agent and restart_agent can wait for it).';
    case 'deleting':
    case 'deleted':
      return 'It is being deleted: create a new agent instead.';
    case 'stopping':
      return 'It is stopping: once it is stopped, restart_agent starts it again.';
    default:
      return 'Start it again with restart_agent.';
  }
}

function projectsThatExist(projects: readonly Project[]): string {
  if (projects.length === 0) {
    return "No project can run agents on this Coder: a template whose workspaces run AgentAPI (Coder's claude-code v4 or agentapi module) is needed.";
  }
  const names = projects.map((project) =>
    project.displayName === project.name ? project.name : `${project.displayName} (${project.name})`,
  );
  return `The projects are: ${names.join(', ')}.`;
}
