// A task history entry (a status the agent reported) as tools return it.
import * as z from 'zod';
import { nullableText } from './nullable-text.js';
import { WorkStateSchema, type HistoryEntry } from '@fleet/fleet-models';
import { inline } from './terminal-text.js';

export const TaskOutputSchema = z.object({
  id: z.string(),
  state: WorkStateSchema,
  message: z.string(),
  uri: nullableText('a link the agent gave with this status (a pull request, a file), or null'),
  needs_user_attention: z.boolean(),
  created_at: z.string(),
});
export type TaskOutput = z.infer<typeof TaskOutputSchema>;

export function toTaskOutput(task: HistoryEntry): TaskOutput {
  return {
    id: task.id,
    state: task.state,
    message: task.message,
    uri: task.uri,
    needs_user_attention: task.needsUserAttention,
    created_at: task.createdAt,
  };
}

export function describeTask(task: HistoryEntry): string {
  const attention = task.needsUserAttention ? ' [needs your attention]' : '';
  return inline(`${task.createdAt} ${task.state}: ${task.message}${attention}`);
}
