import {
  AGENT_STATUSES,
  AgentStatusSchema,
  countAgents,
  FleetError,
  isFleetError,
  isOnline,
  LISTED_AGENT_STATUSES,
  ListedAgentStatusSchema,
  TaskPromptSchema,
} from '../src/index.js';

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
  it('counts idle, busy and waiting agents as online', () => {
    const online = AgentStatusSchema.options.filter(isOnline);

    expect(online).toEqual(['idle', 'busy', 'waiting']);
  });

  it('lists every status but deleted as one a listing can show', () => {
    expect(LISTED_AGENT_STATUSES).toEqual(AGENT_STATUSES.filter((status) => status !== 'deleted'));
    expect(ListedAgentStatusSchema.safeParse('deleted').success).toBe(false);
  });

  it('counts agents per status, online ones together', () => {
    const counts = countAgents(['idle', 'busy', 'busy', 'waiting', 'stopped', 'starting']);

    expect(counts).toMatchObject({ total: 6, online: 4 });
    expect(counts.byStatus).toMatchObject({ idle: 1, busy: 2, waiting: 1, stopped: 1, starting: 1, failed: 0 });
    expect(Object.keys(counts.byStatus)).toEqual([...LISTED_AGENT_STATUSES]);
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
