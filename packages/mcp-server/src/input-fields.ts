// The argument fields tools share, built on the fleet's own rules (agent names, tasks, pages) and described for a model.
import * as z from 'zod';
import { AGENT_NAME_RULE, AgentNameSchema, ListedAgentStatusSchema, PageRequestSchema, TASK_PROMPT_RULE, TaskPromptSchema } from '@fleet/fleet-models';

/** Far beyond any real history, low enough that page arithmetic stays exact. */
export const MAX_PAGE_NUMBER = 1_000_000;
/** Coder's template and preset names are far shorter; this only stops absurd input early. */
const MAX_LOOKUP_NAME_LENGTH = 256;

export const agentNameField = AgentNameSchema.describe(
  `The agent's name, as list_agents shows it (${AGENT_NAME_RULE}).`,
);

export const newAgentNameField = AgentNameSchema.describe(
  `A name for the new agent, unique among your agents (compared case-insensitively): ${AGENT_NAME_RULE}. Example: "review-api-docs".`,
);

export const agentStatusFilterField = ListedAgentStatusSchema.describe(
  'Only agents in this status. idle = online and ready for a task; busy = online and working; waiting = online and asking you something; pending/starting = being built; stopping, stopped, failed, canceling, canceled = not running; deleting = being deleted.',
);

function lookupNameField(what: string) {
  return z
    .string()
    .trim()
    .min(1, { message: `${what} must not be empty or only whitespace` })
    .max(MAX_LOOKUP_NAME_LENGTH, { message: `${what} has at most ${MAX_LOOKUP_NAME_LENGTH} characters` });
}

export const projectField = lookupNameField('a project name').describe(
  'A project\'s name or display name, as list_agent_projects shows it (compared case-insensitively). Example: "Claude Code".',
);

export const roleField = lookupNameField('a role name').describe(
  'A role\'s name, as list_agent_roles shows it for the project. Example: "Reviewer".',
);

export const taskField = TaskPromptSchema.describe(
  `What the agent should do, written as you would prompt Claude Code: the goal, where to look, and what to report back. It is typed into the agent's terminal, so ${TASK_PROMPT_RULE}.`,
);

export const waitField = z
  .boolean()
  .default(false)
  .describe('true: return only once the agent is online or its build failed, with progress notifications on the way. false (default): return as soon as Coder accepted the build.');

export const pageField = PageRequestSchema.shape.page
  .max(MAX_PAGE_NUMBER, { message: `page must be at most ${MAX_PAGE_NUMBER}` })
  .default(1)
  .describe('Which page, from 1 (the newest entries). A page past the end is empty but still reports the total.');

export function pageSizeField(defaultSize: number) {
  return PageRequestSchema.shape.pageSize
    .default(defaultSize)
    .describe(`How many entries a page holds, 1 to 100 (default ${defaultSize}).`);
}
