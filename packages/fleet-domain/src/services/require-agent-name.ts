// Checks an agent name against Coder's rule before any request is sent.
import { agentNameProblem } from '@fleet/fleet-models';
import { invalidAgentName } from '../errors/rule-errors.js';

/** Returns the name when Coder would accept it; throws INVALID_INPUT with the rule otherwise. */
export function requireAgentName(name: unknown): string {
  if (typeof name !== 'string') {
    throw invalidAgentName(String(name), 'an agent name is a string');
  }
  const problem = agentNameProblem(name);
  if (problem !== undefined) {
    throw invalidAgentName(name, problem);
  }
  return name;
}
