// Body of AgentAPI's POST message (MessageRequestBody).
import type { AgentMessageType } from '../schemas/agent-api.js';

export interface AgentApiMessageRequest {
  content: string;
  /** `user` sends a prompt (refused while the agent runs); `raw` writes keystrokes to its terminal. */
  type: AgentMessageType;
}
