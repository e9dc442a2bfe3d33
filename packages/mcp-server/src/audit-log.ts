// One line per call that changes something: who, which tool, which agent, how it ended, under which request id.
import type { Logger } from './logger.js';

export interface AuditRecord {
  /** The Coder user the call ran as; null when unknown. */
  user: string | null;
  tool: string;
  /** The agent the call named, as given (clipped); null for none. */
  agent: string | null;
  /** `ok`, or the error code the caller got. */
  outcome: string;
  requestId: string;
}

/** A name is at most 32 characters; a longer value is hostile input and is clipped, not quoted whole. */
const MAX_AGENT_LENGTH = 64;

/** Never the input itself: a task's text is the user's, and stays out of the log. */
export function writeAuditLine(logger: Logger, record: AuditRecord): void {
  logger.info(`audit: ${record.tool} by ${record.user ?? 'unknown user'}: ${record.outcome}`, {
    audit: true,
    user: record.user,
    tool: record.tool,
    agent: record.agent,
    outcome: record.outcome,
    request_id: record.requestId,
  });
}

/** The agent a tool's raw arguments name: `agent_name`, or `name` for create_agent. */
export function agentNamed(args: unknown): string | null {
  if (typeof args !== 'object' || args === null) return null;
  const fields = args as Record<string, unknown>;
  const name = typeof fields['agent_name'] === 'string' ? fields['agent_name'] : fields['name'];
  return typeof name === 'string' ? name.slice(0, MAX_AGENT_LENGTH) : null;
}
