// A task history entry: one status the agent reported about its work (a Coder app status), and the states of work.
import * as z from 'zod';

/** What an agent reports about its work; Coder's app statuses say `failure` (the Tasks API's `failed` reads as it). */
export const WORK_STATES = ['working', 'idle', 'complete', 'failure'] as const;
export const WorkStateSchema = z.enum(WORK_STATES);
export type WorkState = z.infer<typeof WorkStateSchema>;

export const HistoryEntrySchema = z.object({
  id: z.string(),
  state: WorkStateSchema,
  message: z.string(),
  uri: z.string().nullable(),
  needsUserAttention: z.boolean(),
  createdAt: z.string(),
});
export type HistoryEntry = z.infer<typeof HistoryEntrySchema>;
