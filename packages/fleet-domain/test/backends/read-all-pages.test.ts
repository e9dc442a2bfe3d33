// Bounded limit/offset paging, on the pages Coder answered in the recordings.
import { WorkspacesResponseSchema } from '@fleet/coder-client';
import { recordedExchanges } from '@fleet/coder-fakes';
import { readAllPages, type PageRequest } from '../../src/backends/read-all-pages.js';

/** The recorded pages of two workspaces (offsets 0, 2, 4, 6 of 7), by the offset they answered. */
function recordedPagesOfTwo() {
  const pages = new Map<string, { names: string[]; count: number }>();
  for (const exchange of recordedExchanges('v2.37.0', 'workspace-paging')) {
    const answer = WorkspacesResponseSchema.parse(exchange.body);
    const query = new URLSearchParams(exchange.query);
    pages.set(`${query.get('limit')}/${query.get('offset')}`, { names: answer.workspaces.map((workspace) => workspace.name), count: answer.count });
  }
  return pages;
}

describe('readAllPages', () => {
  it('reads the first page, then the rest at the offsets the count calls for, keeping Coder’s order', async () => {
    const pages = recordedPagesOfTwo();
    const asked: PageRequest[] = [];
    const items = await readAllPages(async (page) => {
      asked.push(page);
      const answer = pages.get(`${page.limit}/${page.offset}`);
      if (!answer) {
        throw new Error(`page ${page.limit}/${page.offset} was not recorded`);
      }
      return { items: answer.names, count: answer.count };
    }, 2);
    expect(asked.map((page) => page.offset).sort()).toEqual([0, 2, 4, 6]);
    expect(asked.every((page) => page.limit === 2)).toBe(true);
    expect(items).toEqual([...pages.values()].flatMap((page) => page.names));
    expect(items).toHaveLength(7);
  });

  it('costs one request when the first page holds everything (a release that ignores limit)', async () => {
    const everything = [...recordedPagesOfTwo().values()].flatMap((page) => page.names);
    const asked: PageRequest[] = [];
    const items = await readAllPages(async (page) => {
      asked.push(page);
      return { items: everything, count: everything.length };
    }, 2);
    expect(asked).toEqual([{ limit: 2, offset: 0 }]);
    expect(items).toEqual(everything);
  });

  it('counts what Coder sent, not what the caller kept, to know where the next page starts', async () => {
    const pages = recordedPagesOfTwo();
    const asked: number[] = [];
    const items = await readAllPages(async (page) => {
      asked.push(page.offset);
      const answer = pages.get(`${page.limit}/${page.offset}`);
      const names = answer?.names ?? [];
      return { items: names.filter((name) => name !== 'dev-box'), count: answer?.count ?? 0, received: names.length };
    }, 2);
    expect(asked.sort()).toEqual([0, 2, 4, 6]);
    expect(items).toHaveLength(6);
  });
});
