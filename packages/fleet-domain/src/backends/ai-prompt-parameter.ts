// The rich parameter through which a template made with `coder_ai_task` takes the agent's prompt.

/** Its name on real deployments (seen on v2.27.1); a template without it cannot run an agent. */
export const AI_PROMPT_PARAMETER = 'AI Prompt';
