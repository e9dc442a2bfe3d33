// Runs work over a list a few items at a time: bounded load on Coder, results in the list's order.

/** `work` over every item, at most `inFlight` at once, results in the items' order. */
export async function inBatches<Item, Result>(items: readonly Item[], inFlight: number, work: (item: Item) => Promise<Result>): Promise<Result[]> {
  const results: Result[] = [];
  for (let start = 0; start < items.length; start += inFlight) {
    results.push(...(await Promise.all(items.slice(start, start + inFlight).map(work))));
  }
  return results;
}
