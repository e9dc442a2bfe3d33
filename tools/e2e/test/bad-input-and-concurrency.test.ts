// Input refused before Coder is asked, and many calls at once against the simulator through the built server.
import { useStdioFleet } from './support/stdio-fleet-fixture.js';
import { errorOf, structuredOf } from './support/tool-result.js';
import type { ListAgentsOutput } from './support/tool-outputs.js';

const LONG_NAME = 'a'.repeat(10_000);

/** For every tool: wrong types, missing fields, blank and whitespace strings, bad names, bad pages, unknown fields. */
const BAD_INPUTS: [string, Record<string, unknown>][] = [
  ['list_agents', { status: 'sleeping' }],
  ['list_agents', { status: 7 }],
  ['list_agents', { extra: true }],
  ['show_agent', {}],
  ['show_agent', { agent_name: 42 }],
  ['show_agent', { agent_name: 'has spaces' }],
  ['show_agent', { agent_name: 'ünïcödé' }],
  ['show_agent', { agent_name: LONG_NAME }],
  ['create_agent', { name: 'ok-name', project: 'Claude Code' }],
  ['create_agent', { name: 'ok-name', project: 'Claude Code', task: '   ' }],
  ['create_agent', { name: '', project: 'Claude Code', task: 'Anything' }],
  ['create_agent', { name: 'double--hyphen', project: 'Claude Code', task: 'Anything' }],
  ['create_agent', { name: 'ok-name', project: '', task: 'Anything' }],
  ['create_agent', { name: 'ok-name', project: 'Claude Code', task: 'Anything', wait: 'yes' }],
  ['create_agent', { name: 'ok-name', project: 'Claude Code', task: 'Anything', colour: 'blue' }],
  ['delete_agent', { agent_name: '-leading' }],
  ['restart_agent', { agent_name: 'trailing-' }],
  ['restart_agent', { agent_name: 'ok-name', wait: 1 }],
  ['start_agent_task', { agent_name: 'ok-name', task: '' }],
  ['start_agent_task', { agent_name: 'ok-name', task: '\n\t ' }],
  ['start_agent_task', { agent_name: 'ok-name' }],
  ['cancel_agent_task', { agent_name: null }],
  ['show_agent_task_history', { agent_name: 'ok-name', page: 0 }],
  ['show_agent_task_history', { agent_name: 'ok-name', page: -3 }],
  ['show_agent_task_history', { agent_name: 'ok-name', page: 1e12 }],
  ['show_agent_task_history', { agent_name: 'ok-name', page_size: 101 }],
  ['show_agent_log', { agent_name: 'ok-name', page_size: 0 }],
  ['show_agent_log', { agent_name: 'ok-name', page: 1.5 }],
  ['list_agent_projects', { verbose: true }],
  ['list_agent_roles', {}],
  ['list_agent_roles', { project: '  ' }],
];

describe('bad input and concurrency through the built server (Coder v2.30.0)', () => {
  const fleet = useStdioFleet({ coderVersion: 'v2.30.0', speed: 0.05, seed: 5 });
  const call = (name: string, args: Record<string, unknown> = {}) => fleet().session.call(name, args);

  test('every bad input is INVALID_INPUT with a short message, and Coder is not asked', async () => {
    const { simulator } = fleet();
    simulator.control.resetStats();

    const outcomes = [];
    for (const [tool, args] of BAD_INPUTS) {
      const error = errorOf(await call(tool, args));
      outcomes.push({ tool, args: JSON.stringify(args).slice(0, 60), code: error.code, long: error.message.length > 2_000 });
    }

    expect(outcomes.filter((outcome) => outcome.code !== 'INVALID_INPUT' || outcome.long)).toEqual([]);
    expect(simulator.control.stats().requests).toBe(0);
  });

  test('50 tool calls at once all complete: lookups succeed and unknown agents are NOT_FOUND', async () => {
    const { agents } = structuredOf<ListAgentsOutput>(await call('list_agents'));
    const names = agents.map((agent) => agent.name);
    const calls = Array.from({ length: 50 }, (_, index) => {
      const name = names[index % names.length] ?? '';
      switch (index % 5) {
        case 0:
          return call('list_agents');
        case 1:
          return call('show_agent', { agent_name: name });
        case 2:
          return call('list_agent_projects');
        case 3:
          return call('list_agent_roles', { project: 'Claude Code' });
        default:
          return call('show_agent', { agent_name: 'no-such-agent' });
      }
    });

    const results = await Promise.all(calls);

    const failures = results.filter((result, index) => (index % 5 === 4) !== (result.isError === true));
    expect(failures).toEqual([]);
    expect(results.filter((_, index) => index % 5 === 4).map((result) => errorOf(result).code)).toEqual(Array(10).fill('NOT_FOUND'));
  });

  test('two concurrent creates with the same name give one agent and one CONFLICT', async () => {
    const create = () => call('create_agent', { name: 'twin-agent', project: 'Claude Code', task: 'Only one of us' });

    const results = await Promise.all([create(), create()]);
    const { agents } = structuredOf<ListAgentsOutput>(await call('list_agents'));

    expect(results.filter((result) => result.isError !== true)).toHaveLength(1);
    expect(results.filter((result) => result.isError === true).map((result) => errorOf(result).code)).toEqual(['CONFLICT']);
    expect(agents.filter((agent) => agent.name === 'twin-agent')).toHaveLength(1);
  });
});
