// Checks a page request against the page rules and cuts that page out of a list, newest first.
import { PageRequestSchema, toPage, type Page, type PageRequest } from '@fleet/fleet-models';
import { invalidInput } from '../errors/rule-errors.js';

/** Page 1 and the operation's default size where the caller gave none; INVALID_INPUT outside the bounds. */
export function toPageRequest(options: { page?: number | undefined; pageSize?: number | undefined }, defaultPageSize: number): PageRequest {
  const parsed = PageRequestSchema.safeParse({ page: options.page ?? 1, pageSize: options.pageSize ?? defaultPageSize });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => issue.message).join('; ');
    throw invalidInput(`Invalid page request: ${problems}. Pages start at 1 and hold 1 to 100 entries.`);
  }
  return parsed.data;
}

/** The requested page of `items`; a page past the end is empty and still tells the true total. */
export function pageOf<Item>(items: readonly Item[], request: PageRequest): Page<Item> {
  const start = (request.page - 1) * request.pageSize;
  return toPage(items.slice(start, start + request.pageSize), items.length, request);
}
