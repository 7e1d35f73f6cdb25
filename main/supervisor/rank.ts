/**
 * Exact order statistics of a union of sorted slices without merging them: the k-th smallest
 * value is found by repeatedly counting, by binary search in every slice, the values below and
 * at a pivot taken from the widest slice, and narrowing every slice to the side that holds rank
 * k. A month's breakdown row is ~20 sorted day slices (./day-cells.ts), so its median and p90 cost
 * a few hundred binary searches instead of a pass over every value.
 */

/** Sorted durations: Int32 when every value fits (always, for real tickets: half the memory), else Float64. */
export type Values = Int32Array | Float64Array;

/** First index in [lo, hi) whose value is >= x (hi when none). */
export function lowerBound(a: Values, x: number, lo: number, hi: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index in [lo, hi) whose value is > x (hi when none). */
export function upperBound(a: Values, x: number, lo: number, hi: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Slices: values src[i][lo[i]..hi[i]) of each, each sorted ascending. */
export interface Slices {
  src: Values[];
  lo: Int32Array;
  hi: Int32Array;
}

/** Below this many values left, the rest are gathered and sorted. */
const GATHER = 48;

/** Scratch bounds reused by every selection (a dashboard runs ~1,000; allocating them was a third of the garbage). */
let scratch = new Int32Array(4 * 64);

/** The k-th smallest (1-based, 1 <= k <= total) value of the union of the slices. */
export function kth(s: Slices, k: number): number {
  const m = s.src.length;
  if (scratch.length < 4 * m) scratch = new Int32Array(4 * m * 2);
  const lo = scratch.subarray(0, m);
  const hi = scratch.subarray(m, 2 * m);
  const lb = scratch.subarray(2 * m, 3 * m);
  const ub = scratch.subarray(3 * m, 4 * m);
  lo.set(s.lo);
  hi.set(s.hi);
  let total = 0;
  for (let i = 0; i < m; i++) total += hi[i]! - lo[i]!;
  for (;;) {
    if (total <= GATHER) {
      const rest = new Float64Array(total);
      let at = 0;
      for (let i = 0; i < m; i++) for (let j = lo[i]!; j < hi[i]!; j++) rest[at++] = s.src[i]![j]!;
      rest.sort();
      return rest[k - 1]!;
    }
    // Pivot: in the widest slice, at k's share of the values left.
    let w = 0;
    let wide = -1;
    for (let i = 0; i < m; i++) {
      const len = hi[i]! - lo[i]!;
      if (len > wide) {
        wide = len;
        w = i;
      }
    }
    const pivot = s.src[w]![lo[w]! + Math.min(wide - 1, Math.floor((wide * (k - 1)) / total))]!;
    let less = 0;
    let atMost = 0;
    for (let i = 0; i < m; i++) {
      const a = s.src[i]!;
      const l = lo[i]!;
      const h = hi[i]!;
      if (l === h) {
        lb[i] = l;
        ub[i] = l;
        continue;
      }
      // Cheap answers first: the whole slice on one side, or no value equal to the pivot.
      const below = a[l]! >= pivot ? l : a[h - 1]! < pivot ? h : lowerBound(a, pivot, l, h);
      const above = below === h || a[below]! > pivot ? below : a[h - 1]! <= pivot ? h : upperBound(a, pivot, below + 1, h);
      lb[i] = below;
      ub[i] = above;
      less += below - l;
      atMost += above - l;
    }
    if (k <= less) {
      hi.set(lb);
      total = less;
    } else if (k <= atMost) {
      return pivot;
    } else {
      k -= atMost;
      total -= atMost;
      lo.set(ub);
    }
  }
}

/** The k-th and (k+1)-th smallest values (1 <= k < total): a median of an even count with one selection. */
export function kthPair(s: Slices, k: number): [number, number] {
  const v = kth(s, k);
  let atMost = 0;
  let next = Infinity;
  for (let i = 0; i < s.src.length; i++) {
    const a = s.src[i]!;
    const h = s.hi[i]!;
    const ub = upperBound(a, v, s.lo[i]!, h);
    atMost += ub - s.lo[i]!;
    if (ub < h && a[ub]! < next) next = a[ub]!;
  }
  return [v, atMost > k ? v : next];
}
