// Reads a Coder list that pages with limit/offset/count in bounded pieces: the first page, then the rest a few at a time.

export interface PageRequest {
  limit: number;
  offset: number;
}

export interface PageAnswer<Item> {
  items: Item[];
  /** How many match in all, as Coder counted them with the first page. */
  count: number;
  /** How many entries Coder sent for this page (before the caller kept some); defaults to `items.length`. */
  received?: number;
}

/** Pages in flight at once after the first: enough to hide latency, few enough to keep memory to a few pages. */
const CONCURRENT_PAGES = 3;

/**
 * Every item of the list, in `1 + ceil((count - pageSize) / pageSize)` requests. A release that
 * ignores `limit` (answers everything at once) costs one request. Items are kept in Coder's order.
 */
export async function readAllPages<Item>(readPage: (page: PageRequest) => Promise<PageAnswer<Item>>, pageSize: number): Promise<Item[]> {
  const first = await readPage({ limit: pageSize, offset: 0 });
  const firstReceived = first.received ?? first.items.length;
  if (firstReceived < pageSize || firstReceived >= first.count) {
    return first.items;
  }
  const offsets: number[] = [];
  for (let offset = firstReceived; offset < first.count; offset += pageSize) {
    offsets.push(offset);
  }
  const pages: Item[][] = new Array<Item[]>(offsets.length);
  let next = 0;
  const worker = async () => {
    while (next < offsets.length) {
      const index = next++;
      pages[index] = (await readPage({ limit: pageSize, offset: offsets[index] ?? 0 })).items;
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENT_PAGES, offsets.length) }, worker));
  return [first.items, ...pages].flat();
}
