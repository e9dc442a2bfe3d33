// An agent: one Coder workspace running Claude Code, as the fleet sees it.
import * as z from 'zod';
import { AgentStatusSchema } from './agent-status.js';
import { WorkStateSchema } from './history-entry.js';

export const LastTaskSchema = z.object({
  state: WorkStateSchema,
  message: z.string(),
  at: z.string(),
});
export type LastTask = z.infer<typeof LastTaskSchema>;

export const AgentSchema = z.object({
  id: z.string(),
  name: z.string(),
  status: AgentStatusSchema,
  project: z.string(),
  role: z.string().nullable(),
  lastTask: LastTaskSchema.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Agent = z.infer<typeof AgentSchema>;

export const AgentHealthSchema = z.object({
  healthy: z.boolean(),
  agentStatus: z.string().nullable(),
  lifecycleState: z.string().nullable(),
  reason: z.string().nullable(),
});
export type AgentHealth = z.infer<typeof AgentHealthSchema>;

export const AgentDetailsSchema = AgentSchema.extend({
  workspaceId: z.string(),
  url: z.string(),
  owner: z.string(),
  build: z.object({
    id: z.string(),
    number: z.number().int(),
    transition: z.string(),
    status: z.string(),
    jobStatus: z.string(),
    error: z.string().nullable(),
  }),
  templateVersionId: z.string(),
  templateVersionName: z.string().nullable(),
  parameters: z.array(z.object({ name: z.string(), value: z.string() })),
  health: AgentHealthSchema,
});
export type AgentDetails = z.infer<typeof AgentDetailsSchema>;

/**
 * How an agent's first task reached it: handed to Coder with the workspace (a Coder task's input,
 * or the `AI Prompt` parameter of 2.27), sent by Fleet through AgentAPI once the agent was ready
 * (where Coder has no prompt channel), or not delivered yet (the agent was not ready in time).
 */
export const FIRST_TASK_DELIVERIES = ['handed_to_coder', 'sent', 'not_delivered'] as const;
export const FirstTaskDeliverySchema = z.enum(FIRST_TASK_DELIVERIES);
export type FirstTaskDelivery = z.infer<typeof FirstTaskDeliverySchema>;

export const CreatedAgentSchema = z.object({
  agent: AgentDetailsSchema,
  firstTask: FirstTaskDeliverySchema,
});
export type CreatedAgent = z.infer<typeof CreatedAgentSchema>;
