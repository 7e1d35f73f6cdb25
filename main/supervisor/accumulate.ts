/**
 * Exact duration figures (count, mean, spreadsheet median, nearest-rank p90, max) of many
 * breakdown rows at once from rollup groups, without sorting the range's values: per metric one
 * pass counts every value into a log-linear histogram of each row it belongs to, the buckets that
 * hold the needed ranks are found by a prefix scan, and a second pass collects only the values in
 * those buckets, which are sorted (a few hundred) to read the exact ranked values.
 */
import type { Summary } from '../../common/domain/metrics/durations';
import type { Figures } from '../../common/ipc/channels/supervisor';
import type { FactGroup } from './day-groups';

interface Ranked {
  n: number;
  sum: number;
  lo: number;
  hi: number;
  p90: number;
  max: number;
}

/** Counts of one breakdown row (or the totals) and its ranked durations. */
export class Acc {
  issued = 0;
  served = 0;
  noShows = 0;
  cancelled = 0;
  transferred = 0;
  within = 0;
  /** Per metric (waits, walks, services, totals). */
  readonly m: Ranked[] = [0, 1, 2, 3].map(() => ({ n: 0, sum: 0, lo: 0, hi: 0, p90: 0, max: 0 }));
  figures(): Figures {
    const waiting = summaryOf(this.m[0]!);
    return {
      issued: this.issued,
      served: this.served,
      noShows: this.noShows,
      cancelled: this.cancelled,
      transferred: this.transferred,
      waiting,
      walking: summaryOf(this.m[1]!),
      service: summaryOf(this.m[2]!),
      total: summaryOf(this.m[3]!),
      withinTarget: waiting.count === 0 ? null : this.within / waiting.count,
    };
  }
}

/** The same figures as common/domain/metrics/durations.ts `summarize` over the values in minutes. */
function summaryOf(r: Ranked): Summary {
  const n = r.n;
  if (n === 0) return { count: 0, median: null, mean: null, p90: null, max: null };
  const hi = r.hi / 60_000;
  const median = n % 2 === 1 ? hi : (r.lo / 60_000 + hi) / 2;
  return { count: n, median, mean: r.sum / 60_000 / n, p90: r.p90 / 60_000, max: r.max / 60_000 };
}

const METRICS = 4;
/** Buckets: 0–255 exact, then 128 per power of two up to 2³¹ ms, then one for the rest. */
const BUCKETS = 3201;

/** Monotonic (never decreasing in x) bucket of a value in ms; relative width ≤ 1/128. */
function bucketOf(x: number): number {
  if (x < 256) return x < 0 ? 0 : Math.trunc(x);
  if (x >= 2_147_483_648) return BUCKETS - 1;
  const e = 31 - Math.clz32(x); // 8..30
  return (e - 7) * 128 + ((x >>> (e - 7)) & 255);
}

/** The metric lists of a group that count: waits of first legs, totals of visits that ended served. */
function listsOf(g: FactGroup): readonly (readonly number[])[] {
  const none: readonly number[] = [];
  return [g.leg === 0 ? g.w : none, g.k, g.v, g.st === 'done' ? g.t : none];
}

/**
 * Adds the groups to the accumulators each belongs to (accsOf), exactly. onValues sees each
 * group's counted values per metric (distribution buckets, officer serving time).
 */
export function accumulate(
  groups: readonly FactGroup[],
  accsOf: (g: FactGroup) => Acc[],
  targetOf: (serviceId: string) => number,
  onValues?: (metric: number, values: readonly number[], g: FactGroup) => void,
): void {
  const ids = new Map<Acc, number>();
  const accList: Acc[] = [];
  const start = new Int32Array(groups.length + 1);
  const flat: number[] = [];
  const lists: (readonly (readonly number[])[])[] = [];
  groups.forEach((g, i) => {
    const l = listsOf(g);
    lists.push(l);
    const limit = targetOf(g.s) * 60_000;
    let within = 0;
    for (const w of l[0]!) if (w <= limit) within++;
    start[i] = flat.length;
    for (const acc of accsOf(g)) {
      let id = ids.get(acc);
      if (id === undefined) {
        id = accList.length;
        ids.set(acc, id);
        accList.push(acc);
      }
      flat.push(id);
      if (g.leg === 0) acc.issued += g.n;
      if (g.st === 'done') acc.served += g.n;
      else if (g.st === 'no_show') acc.noShows += g.n;
      else if (g.st === 'cancelled') acc.cancelled += g.n;
      else if (g.st === 'transferred') acc.transferred += g.n;
      acc.within += within;
    }
    if (onValues) for (let m = 0; m < METRICS; m++) onValues(m, l[m]!, g);
  });
  start[groups.length] = flat.length;
  const accIds = Int32Array.from(flat);
  const na = accList.length;
  const hist = new Int32Array(na * BUCKETS);
  const n = new Int32Array(na);
  const sum = new Float64Array(na);
  const max = new Float64Array(na);
  // Per accumulator: the 1-based ranks wanted (lower middle, upper middle, p90), their buckets and the count below each bucket.
  const rank = new Int32Array(na * 3);
  const bucket = new Int32Array(na * 3);
  const below = new Int32Array(na * 3);
  for (let m = 0; m < METRICS; m++) {
    hist.fill(0);
    n.fill(0);
    sum.fill(0);
    max.fill(-Infinity);
    for (let gi = 0; gi < groups.length; gi++) {
      const vals = lists[gi]![m]!;
      if (vals.length === 0) continue;
      const a0 = start[gi]!;
      const a1 = start[gi + 1]!;
      let s = 0;
      let mx = -Infinity;
      for (let i = 0; i < vals.length; i++) {
        const x = vals[i]!;
        s += x;
        if (x > mx) mx = x;
        const b = bucketOf(x);
        for (let j = a0; j < a1; j++) hist[accIds[j]! * BUCKETS + b]!++;
      }
      for (let j = a0; j < a1; j++) {
        const a = accIds[j]!;
        n[a]! += vals.length;
        sum[a]! += s;
        if (mx > max[a]!) max[a] = mx;
      }
    }
    for (let a = 0; a < na; a++) {
      const c = n[a]!;
      const lo = Math.floor(c / 2);
      rank[a * 3] = Math.max(1, lo);
      rank[a * 3 + 1] = Math.min(c, lo + 1);
      rank[a * 3 + 2] = Math.min(c, Math.max(1, Math.ceil((90 / 100) * c)));
      bucket.fill(-1, a * 3, a * 3 + 3);
      if (c === 0) continue;
      let cum = 0;
      let r = 0;
      for (let b = 0, base = a * BUCKETS; b < BUCKETS && r < 3; b++) {
        const h = hist[base + b]!;
        if (h === 0) continue;
        while (r < 3 && cum + h >= rank[a * 3 + r]!) {
          bucket[a * 3 + r] = b;
          below[a * 3 + r] = cum;
          r++;
        }
        cum += h;
      }
    }
    // Second pass: only the values in a wanted bucket (at most three per accumulator).
    const picked: number[][] = Array.from({ length: na * 3 }, () => []);
    for (let gi = 0; gi < groups.length; gi++) {
      const vals = lists[gi]![m]!;
      if (vals.length === 0) continue;
      const a0 = start[gi]!;
      const a1 = start[gi + 1]!;
      for (let i = 0; i < vals.length; i++) {
        const x = vals[i]!;
        const b = bucketOf(x);
        for (let j = a0; j < a1; j++) {
          const k = accIds[j]! * 3;
          // Each bucket once: the first slot that wants it holds its values.
          if (bucket[k] === b) picked[k]!.push(x);
          else if (bucket[k + 1] === b) picked[k + 1]!.push(x);
          else if (bucket[k + 2] === b) picked[k + 2]!.push(x);
        }
      }
    }
    for (const values of picked) if (values.length > 1) values.sort((x, y) => x - y);
    for (let a = 0; a < na; a++) {
      const r = accList[a]!.m[m]!;
      const c = n[a]!;
      r.n = c;
      r.sum = sum[a]!;
      if (c === 0) continue;
      r.max = max[a]!;
      const at = (slot: number): number => {
        const k = a * 3 + slot;
        let holder = k;
        while (holder > a * 3 && bucket[holder - 1] === bucket[k]) holder--;
        return picked[holder]![rank[k]! - below[k]! - 1]!;
      };
      r.lo = at(0);
      r.hi = at(1);
      r.p90 = at(2);
    }
  }
}
