// How many requests Fleet keeps in flight at once towards Coder: a few pages, a few lookups, a few relists.
import type { Workspace } from '@fleet/coder-client';
import { readAllPages } from '../../src/backends/read-all-pages.js';
import { FleetAgentService } from '../../src/services/fleet-agent-service.js';
import { FakeClock, recordedCoder, recordedWorkspace, recordedWorkspaces } from '@fleet/coder-fakes';
import { backendOver } from '../support/backend-over.js';
import { present } from '../support/present.js';

/** Counts calls in flight: `run` wraps an answer so that it is pending for a turn of the event loop. */
function inFlightCounter() {
  let now = 0;
  let most = 0;
  return {
    get most() {
      return most;
    },
    async run<Value>(answer: () => Value | Promise<Value>): Promise<Value> {
      now += 1;
      most = Math.max(most, now);
      try {
        await new Promise((resolve) => setImmediate(resolve));
        return await answer();
      } finally {
        now -= 1;
      }
    },
  };
}

describe('requests in flight', () => {
  it('reads at most three pages at once after the first, and keeps Coder\'s order', async () => {
    const names = recordedWorkspaces('v2.37.0').map((workspace) => workspace.name);
    const everything = [...names, ...names];
    const counter = inFlightCounter();

    const items = await readAllPages(
      (page) => counter.run(() => ({ items: everything.slice(page.offset, page.offset + page.limit), count: everything.length })),
      2,
    );

    expect(items).toEqual(everything);
    expect(counter.most).toBe(3);
  });

  it('looks up at most five named agents at once', async () => {
    const counter = inFlightCounter();
    const fake = recordedCoder('v2.30.0', { getWorkspaceByOwnerAndName: (_owner, name) => counter.run(() => recordedWorkspace('v2.30.0', name)) });
    const service = new FleetAgentService(backendOver(fake), { clock: new FakeClock() });

    await service.waitFor({ names: ['speedup-onboarding', 'test-cache', 'review-webhooks', 'docs-exports', 'fix-login', 'refactor-billing'], timeoutMs: 1_000 });

    expect(fake.count('getWorkspaceByOwnerAndName')).toBe(6);
    expect(counter.most).toBe(5);
  });

  it('on 2.37 relists 50 ids a request, three requests at once', async () => {
    const counter = inFlightCounter();
    const fix = recordedWorkspace('v2.37.0', 'fix-login');
    const queries: string[] = [];
    const fake = recordedCoder('v2.37.0', {
      getWorkspaces: (filter = {}) =>
        counter.run(() => {
          queries.push(filter.q ?? '');
          const found: Workspace[] = (filter.q ?? '').includes(fix.id) ? [fix] : [];
          return { workspaces: found, count: found.length };
        }),
    });
    const ids = Array.from({ length: 199 }, (_, index) => `${fix.id.slice(0, -4)}${String(index).padStart(4, '0')}`);
    ids[120] = fix.id;

    const listed = await backendOver(fake).relistAgents(ids);

    expect(listed.map((entry) => entry.agent.name)).toEqual(['fix-login']);
    expect(queries.map((query) => present(/id:(\S+)/.exec(query)?.[1]).split(',').length)).toEqual([50, 50, 50, 49]);
    expect(fake.argsOf('getWorkspaces').map((args) => (args[0] as { limit: number; offset: number })).map(({ limit, offset }) => [limit, offset])).toEqual([
      [50, 0],
      [50, 0],
      [50, 0],
      [49, 0],
    ]);
    expect(counter.most).toBe(3);
  });
});
