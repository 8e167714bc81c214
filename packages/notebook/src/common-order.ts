/**
 * The largest set of ids that `from` and `to` both hold in the same relative order (a longest
 * increasing subsequence, O(n log n)). The other ids both hold are the ones that moved: keeping
 * this set in place and moving the rest reorders `from` into `to` with the fewest moves.
 */
export function commonOrder(from: readonly string[], to: readonly string[]): Set<string> {
  const rank = new Map(to.map((id, index) => [id, index]));
  const common = from.filter((id) => rank.has(id));
  // tails[l]: index into `common` of the smallest rank ending an increasing run of length l + 1.
  const tails: number[] = [];
  const previous: number[] = [];
  common.forEach((id, index) => {
    const r = rank.get(id)!;
    let low = 0;
    let high = tails.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (rank.get(common[tails[mid]!]!)! < r) low = mid + 1;
      else high = mid;
    }
    previous[index] = low > 0 ? tails[low - 1]! : -1;
    tails[low] = index;
  });
  const kept = new Set<string>();
  for (let index = tails.at(-1) ?? -1; index >= 0; index = previous[index]!) kept.add(common[index]!);
  return kept;
}
