// A task's conversation as the Tasks API gives it (codersdk.TaskLogEntry, codersdk.TaskLogsResponse).
import * as z from 'zod';
import { listOf } from './list-of.js';
import { openEnum } from './open-enum.js';

export const taskLogTypes = ['input', 'output'] as const;

export const TaskLogEntrySchema = z.looseObject({
  id: z.number(),
  content: z.string(),
  type: openEnum(taskLogTypes),
  time: z.string(),
});
export type TaskLogEntry = z.infer<typeof TaskLogEntrySchema>;

export const TaskLogsResponseSchema = z.looseObject({
  logs: listOf(TaskLogEntrySchema),
  snapshot: z.boolean().optional(),
  snapshot_at: z.string().nullish(),
});
export type TaskLogsResponse = z.infer<typeof TaskLogsResponseSchema>;
