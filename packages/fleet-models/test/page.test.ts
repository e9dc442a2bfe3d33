import { MAX_PAGE_SIZE, PageRequestSchema, toPage } from '../src/index.js';

describe('page requests', () => {
  it.each([
    [{ page: 0, pageSize: 20 }, 'page starts at 1'],
    [{ page: 1, pageSize: 0 }, 'page_size must be at least 1'],
    [{ page: 1, pageSize: MAX_PAGE_SIZE + 1 }, 'page_size must be at most 100'],
    [{ page: 1.5, pageSize: 20 }, 'expected int'],
  ])('refuses %j with a message that names the bound', (request, message) => {
    const result = PageRequestSchema.safeParse(request);

    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toContain(message);
  });
});

describe('toPage', () => {
  it('says there is a next page while entries remain after this one', () => {
    expect(toPage(['a', 'b'], 5, { page: 1, pageSize: 2 })).toEqual({
      items: ['a', 'b'],
      total: 5,
      page: 1,
      pageSize: 2,
      hasNext: true,
      hasPrevious: false,
    });
  });

  it('keeps the true total on a page past the end', () => {
    const page = toPage([], 5, { page: 4, pageSize: 2 });

    expect(page).toMatchObject({ items: [], total: 5, hasNext: false, hasPrevious: true });
  });

  it('ends on the last full page', () => {
    expect(toPage(['e', 'f'], 6, { page: 3, pageSize: 2 }).hasNext).toBe(false);
  });
});
