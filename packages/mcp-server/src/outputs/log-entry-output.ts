// One turn of an agent's conversation as tools return it.
import * as z from 'zod';
import type { LogEntry } from '@fleet/fleet-models';
import { inline, multiline } from './terminal-text.js';

export const LogEntryOutputSchema = z.object({
  id: z.string(),
  type: z.enum(['input', 'output']).describe('input: what the agent was told; output: what it answered'),
  content: z.string(),
  time: z.string(),
});
export type LogEntryOutput = z.infer<typeof LogEntryOutputSchema>;

export function toLogEntryOutput(entry: LogEntry): LogEntryOutput {
  return { id: entry.id, type: entry.type, content: entry.content, time: entry.time };
}

export function describeLogEntry(entry: LogEntry): string {
  return `[${inline(entry.time)}] ${entry.type === 'input' ? 'to the agent' : 'from the agent'}:\n${multiline(entry.content)}`;
}
