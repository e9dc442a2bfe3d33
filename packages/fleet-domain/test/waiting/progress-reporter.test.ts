// Progress steps reported once each, in order, with growing numbers.
import type { AgentProgress } from '@fleet/fleet-models';
import { ONLINE_STEPS, ProgressReporter } from '../../src/waiting/progress-reporter.js';

describe('ProgressReporter', () => {
  const describe_ = (step: string) => `at ${step}`;

  it('reports a step seen late together with the steps before it, in order', () => {
    const reported: AgentProgress[] = [];
    const reporter = new ProgressReporter((progress) => reported.push(progress), { offset: 0, total: 4 }, ONLINE_STEPS);
    reporter.reach('agent_connecting', describe_);
    expect(reported.map((progress) => [progress.step, progress.progress, progress.message])).toEqual([
      ['build_queued', 1, 'at build_queued'],
      ['build_running', 2, 'at build_running'],
      ['agent_connecting', 3, 'at agent_connecting'],
    ]);
  });

  it('says nothing for a step seen again or an earlier one', () => {
    const reported: AgentProgress[] = [];
    const reporter = new ProgressReporter((progress) => reported.push(progress), { offset: 0, total: 4 }, ONLINE_STEPS);
    reporter.reach('build_running', describe_);
    reporter.reach('build_running', describe_);
    reporter.reach('build_queued', describe_);
    expect(reported.map((progress) => progress.step)).toEqual(['build_queued', 'build_running']);
  });

  it('numbers steps after the offset and reports a failure once, at the total, then nothing more', () => {
    const reported: AgentProgress[] = [];
    const reporter = new ProgressReporter((progress) => reported.push(progress), { offset: 2, total: 6 }, ONLINE_STEPS);
    reporter.reach('build_queued', describe_);
    reporter.fail('it broke');
    reporter.fail('again');
    reporter.reach('ready', describe_);
    expect(reported.map((progress) => [progress.step, progress.progress, progress.total])).toEqual([
      ['build_queued', 3, 6],
      ['failed', 6, 6],
    ]);
  });
});
