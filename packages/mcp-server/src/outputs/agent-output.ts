// An agent as tools return it: snake_case fields, and a one-line reading for text.
import * as z from 'zod';
import { nullableText } from './nullable-text.js';
import { AgentStatusSchema, WorkStateSchema, type Agent } from '@fleet/fleet-models';
import { inline } from './terminal-text.js';

export const LastTaskOutputSchema = z.object({
  state: WorkStateSchema.describe('working, idle, complete or failure'),
  message: z.string(),
  at: z.string().describe('when the agent reported it (ISO 8601)'),
});

export const AgentOutputSchema = z.object({
  name: z.string(),
  status: AgentStatusSchema.describe('idle and busy are online; idle agents take tasks, busy ones can be cancelled'),
  project: z.string(),
  role: nullableText(
    'the role (preset) the agent was created with; null when it has none, and always null in list_agents on Coder 2.29–2.36 (whose light task list does not carry it): show_agent gives it',
  ),
  last_task: LastTaskOutputSchema.nullable().describe('the newest status the agent reported about its work'),
  created_at: z.string(),
  updated_at: z.string(),
});
export type AgentOutput = z.infer<typeof AgentOutputSchema>;

export function toAgentOutput(agent: Agent): AgentOutput {
  return {
    name: agent.name,
    status: agent.status,
    project: agent.project,
    role: agent.role,
    last_task: agent.lastTask === null ? null : { state: agent.lastTask.state, message: agent.lastTask.message, at: agent.lastTask.at },
    created_at: agent.createdAt,
    updated_at: agent.updatedAt,
  };
}

/** e.g. `review-api-docs: busy (Claude Code, Reviewer); last task working: "Reading the API reference"` */
export function describeAgent(agent: Agent): string {
  const placement = inline(agent.role === null ? agent.project : `${agent.project}, ${agent.role}`);
  const lastTask = agent.lastTask === null ? 'no task reported yet' : `last task ${agent.lastTask.state}: ${inline(JSON.stringify(agent.lastTask.message))}`;
  return `${agent.name}: ${agent.status} (${placement}); ${lastTask}`;
}
