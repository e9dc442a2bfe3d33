// An agent: one Coder workspace running Claude Code, as the fleet sees it.
import { z } from 'zod';
import { AgentStatusSchema } from './agent-status.js';
import { TaskStateSchema } from './task.js';

export const LastTaskSchema = z.object({
  state: TaskStateSchema,
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
