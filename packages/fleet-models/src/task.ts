// A task history entry: one status the agent reported about its work (a Coder app status).
import { z } from 'zod';

export const TASK_STATES = ['working', 'idle', 'complete', 'failure'] as const;
export const TaskStateSchema = z.enum(TASK_STATES);
export type TaskState = z.infer<typeof TaskStateSchema>;

export const TaskSchema = z.object({
  id: z.string(),
  state: TaskStateSchema,
  message: z.string(),
  uri: z.string().nullable(),
  needsUserAttention: z.boolean(),
  createdAt: z.string(),
});
export type Task = z.infer<typeof TaskSchema>;

/** A prompt for an agent: anything but empty or blank. */
export const TaskPromptSchema = z
  .string()
  .refine((value) => value.trim().length > 0, { message: 'a task must not be empty or only whitespace: write what the agent should do' });
