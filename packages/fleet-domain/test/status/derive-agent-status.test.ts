// Every branch of the status derivation.
import { deriveAgentStatus, type AgentStatusInputs } from '../../src/status/derive-agent-status.js';

const ready: Omit<AgentStatusInputs, 'buildStatus'> = { agentConnected: true, agentLifecycle: 'ready', currentState: 'idle' };

describe('deriveAgentStatus', () => {
  it.each([
    ['pending', 'pending'],
    ['starting', 'starting'],
    ['stopping', 'stopping'],
    ['stopped', 'stopped'],
    ['failed', 'failed'],
    ['canceling', 'canceling'],
    ['canceled', 'canceled'],
    ['deleting', 'deleting'],
    ['deleted', 'deleted'],
  ] as const)('maps build status %s to agent status %s', (buildStatus, expected) => {
    expect(deriveAgentStatus({ ...ready, buildStatus })).toBe(expected);
  });

  it.each([
    ['delete', 'deleting'],
    ['stop', 'stopping'],
    ['start', 'pending'],
    [undefined, 'pending'],
  ] as const)('reads a queued build with transition %s as %s', (buildTransition, expected) => {
    expect(deriveAgentStatus({ ...ready, buildStatus: 'pending', buildTransition })).toBe(expected);
  });

  it.each([
    ['working', 'busy'],
    ['idle', 'idle'],
    ['complete', 'idle'],
    ['failure', 'idle'],
    [null, 'idle'],
  ] as const)('reads a running, ready agent whose current state is %s as %s', (currentState, expected) => {
    expect(deriveAgentStatus({ buildStatus: 'running', agentConnected: true, agentLifecycle: 'ready', currentState })).toBe(expected);
  });

  it.each([
    ['connecting', 'created'],
    ['connected', 'starting'],
    ['connected', 'start_error'],
    ['disconnected', 'ready'],
    ['timeout', 'ready'],
  ] as const)('reads a running build whose agent is %s and %s as starting, even while working', (agentStatus, agentLifecycle) => {
    const inputs = { buildStatus: 'running', agentConnected: agentStatus === 'connected', agentLifecycle, currentState: 'working' };
    expect(deriveAgentStatus(inputs)).toBe('starting');
  });

  it('reads a running build without any workspace agent lifecycle as starting', () => {
    expect(deriveAgentStatus({ buildStatus: 'running', agentConnected: undefined, agentLifecycle: null, currentState: null })).toBe('starting');
  });

  it('trusts the lifecycle alone where Coder does not say whether the agent is connected (task lists)', () => {
    expect(deriveAgentStatus({ buildStatus: 'running', agentConnected: undefined, agentLifecycle: 'ready', currentState: 'working' })).toBe('busy');
  });

  it.each([null, undefined, 'hibernating'])('reads a missing or unknown build status (%s) as pending', (buildStatus) => {
    expect(deriveAgentStatus({ ...ready, buildStatus })).toBe('pending');
  });
});
