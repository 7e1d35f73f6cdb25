/**
 * One service day of the rollup (supervisor_day_groups) in flat typed arrays, built once when the
 * day is loaded: per metric every group's counted durations (ms) side by side with their
 * log-linear bucket (for exact ranking, ./accumulate.ts), each group's slice bounds, sum, max and
 * bucket range; the quarter-hours of arrivals and ends. Contiguous arrays per day keep a month's
 * passes in cache instead of chasing thousands of small per-group arrays.
 */

/** Buckets: 0–255 exact, then 128 per power of two up to 2³¹ ms, then one for the rest. */
export const BUCKETS = 3201;

/** Monotonic (never decreasing in x) bucket of a value in ms; relative width ≤ 1/128. */
export function bucketOf(x: number): number {
  if (x < 256) return x < 0 ? 0 : Math.trunc(x);
  if (x >= 2_147_483_648) return BUCKETS - 1;
  const e = 31 - Math.clz32(x); // 8..30
  return (e - 7) * 128 + ((x >>> (e - 7)) & 255);
}

export interface GroupKey {
  a: string;
  s: string;
  c: string | null;
  o: string | null;
  st: string;
  leg: number;
  n: number;
}

export interface DayMetric {
  /** Group i's values are [off[i], off[i + 1]). */
  off: Int32Array;
  vals: Float64Array;
  bks: Uint16Array;
  sum: Float64Array;
  max: Float64Array;
  minB: Int32Array;
  maxB: Int32Array;
}

export interface DayData {
  keys: GroupKey[];
  /** Waits (first legs only), walks, services, totals (visits that ended served): README "Supervisor". */
  m: [DayMetric, DayMetric, DayMetric, DayMetric];
  /** UTC quarter-hours (0–95; -1 unknown) of arrivals and of ends, per group like the metrics. */
  q: [{ off: Int32Array; vals: Int16Array }, { off: Int32Array; vals: Int16Array }];
}

/** A group of a day: its key and where its values are. */
export interface FactGroup extends GroupKey {
  d: DayData;
  i: number;
}

export interface RawGroup {
  key: GroupKey;
  /** Wait, walk, service, total (ms), as stored (the counting rules are applied here). */
  lists: [ArrayLike<number>, ArrayLike<number>, ArrayLike<number>, ArrayLike<number>];
  ia: ArrayLike<number>;
  se: ArrayLike<number>;
}

function metric(lists: readonly ArrayLike<number>[]): DayMetric {
  const g = lists.length;
  const off = new Int32Array(g + 1);
  for (let i = 0; i < g; i++) off[i + 1] = off[i]! + lists[i]!.length;
  const vals = new Float64Array(off[g]!);
  const bks = new Uint16Array(off[g]!);
  const sum = new Float64Array(g);
  const max = new Float64Array(g).fill(-Infinity);
  const minB = new Int32Array(g).fill(BUCKETS);
  const maxB = new Int32Array(g).fill(-1);
  for (let i = 0; i < g; i++) {
    const list = lists[i]!;
    let k = off[i]!;
    for (let j = 0; j < list.length; j++, k++) {
      const x = list[j]!;
      const b = bucketOf(x);
      vals[k] = x;
      bks[k] = b;
      sum[i]! += x;
      if (x > max[i]!) max[i] = x;
      if (b < minB[i]!) minB[i] = b;
      if (b > maxB[i]!) maxB[i] = b;
    }
  }
  return { off, vals, bks, sum, max, minB, maxB };
}

function quarters(lists: readonly ArrayLike<number>[]): { off: Int32Array; vals: Int16Array } {
  const off = new Int32Array(lists.length + 1);
  lists.forEach((l, i) => (off[i + 1] = off[i]! + l.length));
  const vals = new Int16Array(off[lists.length]!);
  lists.forEach((l, i) => vals.set(Array.from(l), off[i]!));
  return { off, vals };
}

const NONE: readonly number[] = [];

export function buildDay(groups: readonly RawGroup[]): DayData {
  const col = (m: number) =>
    groups.map((g) => (m === 0 && g.key.leg !== 0) || (m === 3 && g.key.st !== 'done') ? NONE : g.lists[m as 0]);
  return {
    keys: groups.map((g) => g.key),
    m: [metric(col(0)), metric(col(1)), metric(col(2)), metric(col(3))],
    q: [quarters(groups.map((g) => g.ia)), quarters(groups.map((g) => g.se))],
  };
}

export const groupsOf = (d: DayData): FactGroup[] => d.keys.map((k, i) => ({ ...k, d, i }));
