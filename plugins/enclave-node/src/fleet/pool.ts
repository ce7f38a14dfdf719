/**
 * Runs `work` over `items` with at most `limit` at a time, in order of
 * `items`. With `stop` returning true no further item starts (running ones
 * finish). Items never started are left out of the result.
 */
export async function runBounded<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
  stop: () => boolean = () => false,
): Promise<Map<number, R>> {
  const results = new Map<number, R>();
  let next = 0;
  const worker = async () => {
    while (next < items.length && !stop()) {
      const index = next++;
      results.set(index, await work(items[index], index));
    }
  };
  const workers = Math.max(1, Math.min(limit, items.length));
  await Promise.all(Array.from({ length: workers }, worker));
  return results;
}
