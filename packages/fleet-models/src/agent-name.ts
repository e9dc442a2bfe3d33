// Coder's rule for workspace names, which agent names are: checked before any request is sent.
import * as z from 'zod';

export const AGENT_NAME_MAX_LENGTH = 32;
const AGENT_NAME_PATTERN = /^[a-zA-Z0-9]+(?:-[a-zA-Z0-9]+)*$/;

export const AGENT_NAME_RULE =
  'letters, digits and single hyphens between them (no leading, trailing or double hyphen), at most 32 characters';

export const AgentNameSchema = z
  .string()
  .min(1, { message: `an agent name must not be empty: use ${AGENT_NAME_RULE}` })
  .max(AGENT_NAME_MAX_LENGTH, { message: `an agent name has at most ${AGENT_NAME_MAX_LENGTH} characters` })
  .regex(AGENT_NAME_PATTERN, { message: `an agent name may only contain ${AGENT_NAME_RULE}` });

/** Says why a name breaks Coder's rule, or returns undefined for a valid name. */
export function agentNameProblem(name: string): string | undefined {
  const result = AgentNameSchema.safeParse(name);
  return result.success ? undefined : result.error.issues[0]?.message;
}
