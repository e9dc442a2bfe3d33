// One agent in full as show_agent, create_agent and restart_agent return it, with a short reading for text.
import * as z from 'zod';
import { nullableText } from './nullable-text.js';
import type { AgentDetails } from '@fleet/fleet-models';
import { AgentOutputSchema, describeAgent, toAgentOutput } from './agent-output.js';
import { inline } from './terminal-text.js';

export const AgentDetailsOutputSchema = AgentOutputSchema.extend({
  workspace_id: z.string(),
  url: z.string().describe("the workspace's page in Coder"),
  owner: z.string(),
  build: z.object({
    id: z.string(),
    number: z.number().int(),
    transition: z.string().describe('start, stop or delete'),
    status: z.string(),
    job_status: z.string(),
    error: nullableText("the build's error, or null when it has none"),
  }),
  template_version_id: z.string(),
  template_version_name: nullableText('the name of the template version, or null where Coder does not say'),
  parameters: z.array(z.object({ name: z.string(), value: z.string() })).describe('the parameters the workspace was built with'),
  health: z.object({
    healthy: z.boolean(),
    agent_status: nullableText('the workspace agent\'s connection (connected, connecting, disconnected, timeout), or null when it has none'),
    lifecycle_state: nullableText('the workspace agent\'s lifecycle (e.g. starting, ready), or null when it has none'),
    reason: nullableText('why the agent is unhealthy, or null when it is healthy'),
  }),
});
export type AgentDetailsOutput = z.infer<typeof AgentDetailsOutputSchema>;

export function toAgentDetailsOutput(agent: AgentDetails): AgentDetailsOutput {
  return {
    ...toAgentOutput(agent),
    workspace_id: agent.workspaceId,
    url: agent.url,
    owner: agent.owner,
    build: {
      id: agent.build.id,
      number: agent.build.number,
      transition: agent.build.transition,
      status: agent.build.status,
      job_status: agent.build.jobStatus,
      error: agent.build.error,
    },
    template_version_id: agent.templateVersionId,
    template_version_name: agent.templateVersionName,
    parameters: agent.parameters.map((parameter) => ({ name: parameter.name, value: parameter.value })),
    health: {
      healthy: agent.health.healthy,
      agent_status: agent.health.agentStatus,
      lifecycle_state: agent.health.lifecycleState,
      reason: agent.health.reason,
    },
  };
}

export function describeAgentDetails(agent: AgentDetails): string {
  const build = `build #${agent.build.number} ${agent.build.transition} ${agent.build.status}${agent.build.error === null ? '' : `: ${agent.build.error}`}`;
  const health = agent.health.healthy ? 'healthy' : `unhealthy${agent.health.reason === null ? '' : `: ${agent.health.reason}`}`;
  return `${describeAgent(agent)}\n${inline(`${build}; ${health}; ${agent.url}`)}`;
}
