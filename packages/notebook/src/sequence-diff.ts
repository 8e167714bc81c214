/** What happens to one item of either sequence: kept, removed from the first, or added from the second. */
export type SequenceEdit = 'same' | 'removed' | 'added';

/** Beyond this many removed plus added items the middle is reported as removed whole, then added whole. */
const MAX_COST = 1000;

/**
 * A shortest edit script from `a` to `b` (Myers' O((N+M)D) algorithm, after stripping the common
 * prefix and suffix): one entry per item, in order. Within a run of changes, removals come first.
 * Past MAX_COST changes (memory grows with its square) the script is still correct, not shortest.
 */
export function diffSequences(a: readonly string[], b: readonly string[]): SequenceEdit[] {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const middle = myers(a.slice(start, endA), b.slice(start, endB)) ?? [
    ...repeat('removed', endA - start),
    ...repeat('added', endB - start),
  ];
  return [...repeat('same', start), ...removalsFirst(middle), ...repeat('same', a.length - endA)];
}

function repeat(edit: SequenceEdit, count: number): SequenceEdit[] {
  return Array.from({ length: count }, () => edit);
}

/** Null when more than MAX_COST edits are needed. */
function myers(a: readonly string[], b: readonly string[]): SequenceEdit[] | null {
  const n = a.length;
  const m = b.length;
  const limit = Math.min(n + m, MAX_COST);
  // v[k + offset]: the furthest x reached on diagonal k = x - y.
  const offset = limit + 1;
  const v = new Int32Array(2 * limit + 3);
  // trace[d]: v (diagonals -d-1 .. d+1) as it was before step d, for walking back.
  const trace: Int32Array[] = [];
  for (let d = 0; d <= limit; d++) {
    trace.push(v.slice(offset - d - 1, offset + d + 2));
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) return walkBack(trace, n, m);
    }
  }
  return null;
}

function walkBack(trace: Int32Array[], n: number, m: number): SequenceEdit[] {
  const edits: SequenceEdit[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const v = trace[d]!;
    const at = (k: number) => v[k + d + 1]!;
    const k = x - y;
    const prevK = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
    const prevX = at(prevK);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      edits.push('same');
      x--;
      y--;
    }
    if (d > 0) edits.push(x === prevX ? 'added' : 'removed');
    x = prevX;
    y = prevY;
  }
  return edits.reverse();
}

/** Each run of changes as its removals, then its additions: the same script, read more easily. */
function removalsFirst(edits: SequenceEdit[]): SequenceEdit[] {
  const result: SequenceEdit[] = [];
  let removed = 0;
  let added = 0;
  const flush = () => {
    result.push(...repeat('removed', removed), ...repeat('added', added));
    removed = added = 0;
  };
  for (const edit of edits) {
    if (edit === 'removed') removed++;
    else if (edit === 'added') added++;
    else {
      flush();
      result.push(edit);
    }
  }
  flush();
  return result;
}
