// One turn of an agent's conversation: what it was told (input) or what it answered (output).
import * as z from 'zod';

export const LogEntrySchema = z.object({
  id: z.string(),
  type: z.enum(['input', 'output']),
  content: z.string(),
  time: z.string(),
});
export type LogEntry = z.infer<typeof LogEntrySchema>;
