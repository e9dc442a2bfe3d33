import { AgentStatusSchema, FleetError, isFleetError, isOnline, TaskPromptSchema } from '../src/index.js';

describe('FleetError', () => {
  it('carries its code, message and whether a retry may help, and serialises without a stack', () => {
    const error = new FleetError('CODER_UNAVAILABLE', 'Coder did not answer GET /api/v2/workspaces', { retryable: true });

    expect(isFleetError(error)).toBe(true);
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      code: 'CODER_UNAVAILABLE',
      message: 'Coder did not answer GET /api/v2/workspaces',
      retryable: true,
    });
  });

  it('is not retryable unless said so', () => {
    expect(new FleetError('NOT_FOUND', 'no agent named x').retryable).toBe(false);
  });
});

describe('agent status', () => {
  it('counts only idle and busy agents as online', () => {
    const online = AgentStatusSchema.options.filter(isOnline);

    expect(online).toEqual(['idle', 'busy']);
  });
});

describe('task prompts', () => {
  it.each(['', '   ', '\n\t'])('refuses the blank prompt %j', (prompt) => {
    expect(TaskPromptSchema.safeParse(prompt).success).toBe(false);
  });

  it('accepts a prompt with surrounding whitespace as it is', () => {
    expect(TaskPromptSchema.parse('  fix the build ')).toBe('  fix the build ');
  });
});
