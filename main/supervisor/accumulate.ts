/**
 * Exact duration figures (count, mean, spreadsheet median, nearest-rank p90, max) of many
 * breakdown rows at once from rollup groups, without sorting the range's values: per metric one
 * pass counts every value's bucket (./day-data.ts, computed when the day was loaded) into a
 * histogram of each row it belongs to, the buckets that hold the needed ranks are found by a
 * prefix scan, and a second pass collects only the values in those buckets (groups whose bucket
 * range misses them are skipped), which are sorted (a few hundred) to read the exact values.
 */
import type { Summary } from '../../common/domain/metrics/durations';
import type { Figures } from '../../common/ipc/channels/supervisor';
import { BUCKETS, type DayData, type FactGroup } from './day-data';

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

/**
 * Adds the groups to the accumulators each belongs to (accsOf), exactly. onValues sees each
 * group's counted values per metric (distribution buckets, officer serving time).
 */
export function accumulate(
  groups: readonly FactGroup[],
  accsOf: (g: FactGroup) => Acc[],
  targetOf: (serviceId: string) => number,
  /** A group's counted values of a metric are values[from..to). */
  onValues?: (metric: number, values: Float64Array, from: number, to: number, g: FactGroup) => void,
): void {
  const ids = new Map<Acc, number>();
  const accList: Acc[] = [];
  const start = new Int32Array(groups.length + 1);
  const flat: number[] = [];
  // Where each group's values are, copied into flat arrays once: the passes below then read
  // contiguous memory instead of thousands of long-lived group objects (cache misses dominated).
  const G = groups.length;
  const days: DayData[] = [];
  const dayIds = new Map<DayData, number>();
  const gDay = new Int32Array(G);
  const gIdx = new Int32Array(G);
  const gFrom = new Int32Array(METRICS * G);
  const gTo = new Int32Array(METRICS * G);
  groups.forEach((g, i) => {
    let di = dayIds.get(g.d);
    if (di === undefined) {
      di = days.length;
      dayIds.set(g.d, di);
      days.push(g.d);
    }
    gDay[i] = di;
    gIdx[i] = g.i;
    for (let m = 0; m < METRICS; m++) {
      const off = g.d.m[m as 0].off;
      gFrom[m * G + i] = off[g.i]!;
      gTo[m * G + i] = off[g.i + 1]!;
    }
    const waits = g.d.m[0];
    const limit = targetOf(g.s) * 60_000;
    let within = 0;
    for (let j = waits.off[g.i]!, end = waits.off[g.i + 1]!; j < end; j++) if (waits.vals[j]! <= limit) within++;
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
    if (onValues) for (let m = 0; m < METRICS; m++) {
      const dm = g.d.m[m as 0];
      onValues(m, dm.vals, dm.off[g.i]!, dm.off[g.i + 1]!, g);
    }
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
    const dms = days.map((d) => d.m[m as 0]);
    for (let gi = 0; gi < G; gi++) {
      const from = gFrom[m * G + gi]!;
      const to = gTo[m * G + gi]!;
      if (from === to) continue;
      const dm = dms[gDay[gi]!]!;
      const bks = dm.bks;
      const gsum = dm.sum[gIdx[gi]!]!;
      const gmax = dm.max[gIdx[gi]!]!;
      for (let j = start[gi]!, end = start[gi + 1]!; j < end; j++) {
        const a = accIds[j]!;
        const base = a * BUCKETS;
        for (let i = from; i < to; i++) hist[base + bks[i]!]!++;
        n[a]! += to - from;
        sum[a]! += gsum;
        if (gmax > max[a]!) max[a] = gmax;
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
    for (let gi = 0; gi < G; gi++) {
      const from = gFrom[m * G + gi]!;
      const to = gTo[m * G + gi]!;
      if (from === to) continue;
      const dm = dms[gDay[gi]!]!;
      const bks = dm.bks;
      const vals = dm.vals;
      const lo = dm.minB[gIdx[gi]!]!;
      const hi = dm.maxB[gIdx[gi]!]!;
      for (let j = start[gi]!, end = start[gi + 1]!; j < end; j++) {
        const k = accIds[j]! * 3;
        const b0 = bucket[k]!;
        const b1 = bucket[k + 1]!;
        const b2 = bucket[k + 2]!;
        // Skip a group whose buckets cannot hold a wanted one (the lists are short).
        if ((b0 < lo || b0 > hi) && (b1 < lo || b1 > hi) && (b2 < lo || b2 > hi)) continue;
        // Each bucket once: the first slot that wants it holds its values.
        for (let i = from; i < to; i++) {
          const b = bks[i]!;
          if (b === b0) picked[k]!.push(vals[i]!);
          else if (b === b1) picked[k + 1]!.push(vals[i]!);
          else if (b === b2) picked[k + 2]!.push(vals[i]!);
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
