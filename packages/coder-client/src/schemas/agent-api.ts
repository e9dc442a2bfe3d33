// AgentAPI's answers, reached through Coder's app proxy (coder/agentapi openapi.json v0.12.1).
import * as z from 'zod';
import { openEnum } from './open-enum.js';

export const agentApiStatuses = ['running', 'stable'] as const;
export const AgentApiStatusSchema = openEnum(agentApiStatuses);
export type AgentApiStatus = z.infer<typeof AgentApiStatusSchema>;

/** GET status: `running` while the agent works on a message, `stable` when it waits for input. */
export const AgentApiStatusResponseSchema = z.looseObject({
  status: AgentApiStatusSchema,
  agent_type: z.string().optional(),
  transport: z.string().optional(),
});
export type AgentApiStatusResponse = z.infer<typeof AgentApiStatusResponseSchema>;

export const conversationRoles = ['user', 'agent'] as const;

export const AgentMessageSchema = z.looseObject({
  id: z.number(),
  role: openEnum(conversationRoles),
  content: z.string(),
  time: z.string(),
});
export type AgentMessage = z.infer<typeof AgentMessageSchema>;

/** GET messages: the whole conversation, oldest first. */
export const AgentMessagesResponseSchema = z.looseObject({
  messages: z.array(AgentMessageSchema).nullable().transform((messages) => messages ?? []),
});
export type AgentMessagesResponse = z.infer<typeof AgentMessagesResponseSchema>;

/** POST message: whether AgentAPI took the message. */
export const AgentMessageResponseSchema = z.looseObject({
  ok: z.boolean(),
});
export type AgentMessageResponse = z.infer<typeof AgentMessageResponseSchema>;

export const agentMessageTypes = ['user', 'raw'] as const;
export type AgentMessageType = (typeof agentMessageTypes)[number];
