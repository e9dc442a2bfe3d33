import { AGENT_NAME_MAX_LENGTH, agentNameProblem, AgentNameSchema } from '../src/index.js';

describe('agent names follow Coder workspace-name rule', () => {
  it.each(['a', 'agent-1', 'Reviewer-2-b', 'x'.repeat(AGENT_NAME_MAX_LENGTH), '007'])('accepts %s', (name) => {
    expect(agentNameProblem(name)).toBeUndefined();
    expect(AgentNameSchema.parse(name)).toBe(name);
  });

  it.each([
    ['', 'must not be empty'],
    ['-agent', 'may only contain'],
    ['agent-', 'may only contain'],
    ['my--agent', 'may only contain'],
    ['my agent', 'may only contain'],
    ['agent_1', 'may only contain'],
    ['agént', 'may only contain'],
    ['x'.repeat(AGENT_NAME_MAX_LENGTH + 1), 'at most 32 characters'],
  ])('refuses %j, saying it %s', (name, problem) => {
    expect(agentNameProblem(name)).toContain(problem);
  });
});
