// What may be done with an agent's work: give it a task, interrupt it, read its history and log.
import type { Agent, LogEntry, Page, HistoryEntry } from '@fleet/fleet-models';

export interface PageOptions {
  page?: number;
  pageSize?: number;
  signal?: AbortSignal;
}

/** A page of one agent's entries, with the agent's name as Coder spells it. */
export type AgentPage<Item> = Page<Item> & { agentName: string };

export interface TaskService {
  /** Sends a prompt to an idle agent; resolves with the agent as it is once the prompt was accepted. */
  start(agentName: string, task: string, options?: { signal?: AbortSignal }): Promise<Agent>;
  /** Interrupts a busy agent's work. */
  cancel(agentName: string, options?: { signal?: AbortSignal }): Promise<Agent>;
  /** The statuses the agent reported, newest first (default page size 20). */
  history(agentName: string, options?: PageOptions): Promise<AgentPage<HistoryEntry>>;
  /** The agent's conversation, newest first (default page size 1). */
  log(agentName: string, options?: PageOptions): Promise<AgentPage<LogEntry>>;
}
