// The paging fields that history and log results carry, and a short reading of where a page sits.
import * as z from 'zod';
import type { Page } from '@fleet/fleet-models';

export const pageOutputShape = {
  total: z.number().int().min(0).describe('entries in all pages'),
  page: z.number().int().min(1),
  page_size: z.number().int().min(1),
  has_next: z.boolean().describe('an older page exists'),
  has_previous: z.boolean().describe('a newer page exists'),
};

export function toPageOutput(page: Page<unknown>) {
  return { total: page.total, page: page.page, page_size: page.pageSize, has_next: page.hasNext, has_previous: page.hasPrevious };
}

/** e.g. `page 2 of 3 (45 entries, 20 a page)`. */
export function describePagePosition(page: Page<unknown>, noun: string): string {
  const pages = Math.max(1, Math.ceil(page.total / page.pageSize));
  const next = page.hasNext ? `; page ${page.page + 1} goes further back` : '';
  return `page ${page.page} of ${pages} (${page.total} ${noun} in all, ${page.pageSize} a page)${next}`;
}
