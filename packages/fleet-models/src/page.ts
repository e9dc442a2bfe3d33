// A page of a longer list, newest first, with enough to ask for the next one.
import * as z from 'zod';

export const MAX_PAGE_SIZE = 100;

export const PageRequestSchema = z.object({
  page: z.number().int().min(1, { message: 'page starts at 1' }),
  pageSize: z
    .number()
    .int()
    .min(1, { message: 'page_size must be at least 1' })
    .max(MAX_PAGE_SIZE, { message: `page_size must be at most ${MAX_PAGE_SIZE}` }),
});
export type PageRequest = z.infer<typeof PageRequestSchema>;

export function pageSchema<Item extends z.ZodType>(item: Item) {
  return z.object({
    items: z.array(item),
    total: z.number().int().min(0),
    page: z.number().int().min(1),
    pageSize: z.number().int().min(1),
    hasNext: z.boolean(),
    hasPrevious: z.boolean(),
  });
}

export interface Page<Item> {
  items: Item[];
  total: number;
  page: number;
  pageSize: number;
  hasNext: boolean;
  hasPrevious: boolean;
}

/** Builds the page envelope for `items` that are already the requested slice of `total` entries. */
export function toPage<Item>(items: Item[], total: number, request: PageRequest): Page<Item> {
  return {
    items,
    total,
    page: request.page,
    pageSize: request.pageSize,
    hasNext: request.page * request.pageSize < total,
    hasPrevious: request.page > 1,
  };
}
