/**
 * A service day's figures pre-aggregated per breakdown cell, built once per day version from the
 * rollup (supervisor_day_groups, 007) and kept in memory and on disk (supervisor_day_cells, 009):
 *   T  the whole mall (part 'M')                A  an agency (part 'A')
 *   S  (agency, service)       C  (agency, counter)   O (agency, officer)   (part 'R')
 *   G  (agency, service, counter, officer): the finest, for narrower scopes (part 'G')
 * (A comparison of the whole mall reads part M alone: one copy of the day's values.)
 * Each cell holds its counts, the tickets within their service's waiting target (for the targets
 * the cells were built with), and per metric its durations (ms) SORTED, with their sum and max.
 * A range's row is then the union of its cells over the days: counts and sums add up, and the
 * exact median/p90 come from ./rank.ts over the sorted slices, never touching the other values.
 * A cell's quarter-hours of arrivals (first legs) and of ends (served) give the busiest hours.
 */
import type { Summary } from '../../common/domain/metrics/durations';
import type { Figures } from '../../common/ipc/channels/supervisor';
import { kth, kthPair, lowerBound, type Slices, type Values } from './rank';

export type Level = 'T' | 'A' | 'S' | 'C' | 'O' | 'G';
export type PartName = 'M' | 'A' | 'R' | 'G';

export interface CellKey {
  lv: Level;
  a: string | null;
  s: string | null;
  c: string | null;
  o: string | null;
}

/** Per cell: issued, served, no-shows, cancelled, transferred, within target. */
export const COUNTS = 6;

export interface PartMetric {
  /** Cell i's sorted values are vals[off[i]..off[i + 1]). */
  off: Int32Array;
  vals: Values;
  sum: Float64Array;
  max: Float64Array;
}

export interface DayPart {
  keys: CellKey[];
  counts: Int32Array;
  /** Waits (first legs only), walks, services, totals (visits that ended served). */
  m: [PartMetric, PartMetric, PartMetric, PartMetric];
  /** UTC quarter-hours (0–95; -1 unknown) of arrivals (first legs) and of ends (served visits). */
  q: [{ off: Int32Array; vals: Int16Array }, { off: Int32Array; vals: Int16Array }];
}

export type DayParts = Record<PartName, DayPart>;

/** A rollup group of a day (supervisor_day_groups): its key and its values as stored. */
export interface RawGroup {
  key: { a: string; s: string; c: string | null; o: string | null; st: string; leg: number; n: number };
  /** Wait, walk, service, total (ms), every leg's (the counting rules are applied here). */
  lists: [ArrayLike<number>, ArrayLike<number>, ArrayLike<number>, ArrayLike<number>];
  ia: ArrayLike<number>;
  se: ArrayLike<number>;
}

const NONE: readonly number[] = [];

/** The values of a group that count for a metric (README "Supervisor"). */
const counted = (g: RawGroup, m: number): ArrayLike<number> => ((m === 0 && g.key.leg !== 0) || (m === 3 && g.key.st !== 'done') ? NONE : g.lists[m as 0]);

/** True when every value is an integer that fits Int32. */
export const fitsInt32 = (v: Float64Array): boolean => {
  for (let i = 0; i < v.length; i++) {
    const x = v[i]!;
    if ((x | 0) !== x) return false;
  }
  return true;
};

/** Sorts (value, group) pairs by value: packed into one double when exact (always for ms), else by comparator. */
function sortedPairs(groups: readonly RawGroup[], m: number): { vals: Float64Array; grp: Int32Array } {
  let n = 0;
  for (const g of groups) n += counted(g, m).length;
  const vals = new Float64Array(n);
  const grp = new Int32Array(n);
  let packable = groups.length <= 65_536;
  let at = 0;
  groups.forEach((g, gi) => {
    const l = counted(g, m);
    for (let j = 0; j < l.length; j++, at++) {
      const x = l[j]!;
      vals[at] = x;
      grp[at] = gi;
      if (packable && !(Number.isInteger(x) && x >= 0 && x < 2 ** 36)) packable = false;
    }
  });
  if (packable) {
    const keys = new Float64Array(n);
    for (let i = 0; i < n; i++) keys[i] = vals[i]! * 65_536 + grp[i]!;
    keys.sort();
    for (let i = 0; i < n; i++) {
      const k = keys[i]!;
      const g = k % 65_536;
      grp[i] = g;
      vals[i] = (k - g) / 65_536;
    }
    return { vals, grp };
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((x, y) => vals[x]! - vals[y]! || grp[x]! - grp[y]!);
  return { vals: Float64Array.from(order, (i) => vals[i]!), grp: Int32Array.from(order, (i) => grp[i]!) };
}

/** Builds the wanted parts of the day's cells from its rollup groups; `targetMs` is a service's waiting target in ms. */
export function buildParts(groups: readonly RawGroup[], targetMs: (serviceId: string) => number, want: readonly PartName[] = ['M', 'A', 'R', 'G']): Partial<DayParts> {
  const sorted = [0, 1, 2, 3].map((m) => sortedPairs(groups, m));
  const within = groups.map((g) => {
    if (g.key.leg !== 0) return 0;
    const limit = targetMs(g.key.s);
    const w = g.lists[0];
    let n = 0;
    for (let j = 0; j < w.length; j++) if (w[j]! <= limit) n++;
    return n;
  });
  const out: Partial<DayParts> = {};
  for (const p of want) out[p] = buildPart(p, groups, sorted, within);
  return out;
}

/** The cells of a part as the groups fall into them (group → cells as offsets into one flat list). */
function cellsOfPart(p: PartName, groups: readonly RawGroup[]): { keys: CellKey[]; first: Int32Array; ids: Int32Array } {
  const keys: CellKey[] = [];
  const index = new Map<string, number>();
  const cellOf = (lv: Level, a: string | null, s: string | null, c: string | null, o: string | null): number => {
    const id = `${lv}\u001f${a ?? ''}\u001f${s ?? ''}\u001f${c ?? '\u0000'}\u001f${o ?? '\u0000'}`;
    let i = index.get(id);
    if (i === undefined) {
      i = keys.length;
      keys.push({ lv, a, s, c, o });
      index.set(id, i);
    }
    return i;
  };
  const first = new Int32Array(groups.length + 1);
  const ids: number[] = [];
  groups.forEach((g, gi) => {
    const { a, s, c, o } = g.key;
    if (p === 'M') ids.push(cellOf('T', null, null, null, null));
    else if (p === 'A') ids.push(cellOf('A', a, null, null, null));
    else if (p === 'R') {
      ids.push(cellOf('S', a, s, null, null));
      if (c !== null) ids.push(cellOf('C', a, null, c, null));
      if (o !== null) ids.push(cellOf('O', a, null, null, o));
    } else ids.push(cellOf('G', a, s, c, o));
    first[gi + 1] = ids.length;
  });
  return { keys, first, ids: Int32Array.from(ids) };
}

function buildPart(p: PartName, groups: readonly RawGroup[], sorted: readonly { vals: Float64Array; grp: Int32Array }[], within: readonly number[]): DayPart {
  const { keys, first, ids } = cellsOfPart(p, groups);
  const cells = keys.length;
  const counts = new Int32Array(cells * COUNTS);
  groups.forEach((g, gi) => {
    const st = g.key.st;
    const k = st === 'done' ? 1 : st === 'no_show' ? 2 : st === 'cancelled' ? 3 : st === 'transferred' ? 4 : -1;
    for (let j = first[gi]!; j < first[gi + 1]!; j++) {
      const b = ids[j]! * COUNTS;
      if (g.key.leg === 0) counts[b]! += g.key.n;
      if (k > 0) counts[b + k]! += g.key.n;
      counts[b + 5]! += within[gi]!;
    }
  });
  const metric = (m: number): PartMetric => {
    const { vals, grp } = sorted[m]!;
    const n = grp.length;
    const off = new Int32Array(cells + 1);
    for (let i = 0; i < n; i++) {
      const gi = grp[i]!;
      for (let j = first[gi]!, end = first[gi + 1]!; j < end; j++) off[ids[j]! + 1]!++;
    }
    for (let c = 0; c < cells; c++) off[c + 1]! += off[c]!;
    const out = new Float64Array(off[cells]!);
    const cur = off.slice(0, cells);
    const sum = new Float64Array(cells);
    const max = new Float64Array(cells).fill(-Infinity);
    for (let i = 0; i < n; i++) {
      const x = vals[i]!;
      const gi = grp[i]!;
      for (let j = first[gi]!, end = first[gi + 1]!; j < end; j++) {
        const c = ids[j]!;
        out[cur[c]!++] = x;
        sum[c]! += x;
        max[c] = x; // ascending: the last is the largest
      }
    }
    return { off, vals: fitsInt32(out) ? new Int32Array(out) : out, sum, max };
  };
  const quarters = (pick: (g: RawGroup) => ArrayLike<number>) => {
    const off = new Int32Array(cells + 1);
    groups.forEach((g, gi) => {
      const len = pick(g).length;
      for (let j = first[gi]!; j < first[gi + 1]!; j++) off[ids[j]! + 1]! += len;
    });
    for (let c = 0; c < cells; c++) off[c + 1]! += off[c]!;
    const vals = new Int16Array(off[cells]!);
    const cur = off.slice(0, cells);
    groups.forEach((g, gi) => {
      const l = pick(g);
      for (let j = first[gi]!; j < first[gi + 1]!; j++) {
        const c = ids[j]!;
        vals.set(l as ArrayLike<number>, cur[c]!);
        cur[c]! += l.length;
      }
    });
    return { off, vals };
  };
  return {
    keys,
    counts,
    m: [metric(0), metric(1), metric(2), metric(3)],
    q: [quarters((g) => (g.key.leg === 0 ? g.ia : NONE)), quarters((g) => (g.key.st === 'done' ? g.se : NONE))],
  };
}

/** A cell of a day. */
export interface CellRef {
  p: DayPart;
  i: number;
}

/** The slices of a metric over the cells. */
export function slicesOf(refs: readonly CellRef[], m: number): Slices {
  const src: Values[] = [];
  const lo = new Int32Array(refs.length);
  const hi = new Int32Array(refs.length);
  for (const r of refs) {
    const pm = r.p.m[m as 0];
    const a = pm.off[r.i]!;
    const b = pm.off[r.i + 1]!;
    if (a === b) continue;
    lo[src.length] = a;
    hi[src.length] = b;
    src.push(pm.vals);
  }
  return { src, lo: lo.subarray(0, src.length), hi: hi.subarray(0, src.length) };
}

/** Exact count, mean, spreadsheet median, nearest-rank p90 and max (minutes), as durations.ts `summarize`. */
function summary(refs: readonly CellRef[], m: number): Summary {
  const s = slicesOf(refs, m);
  let n = 0;
  let sum = 0;
  let max = -Infinity;
  for (const r of refs) {
    const pm = r.p.m[m as 0];
    if (pm.off[r.i] === pm.off[r.i + 1]) continue;
    n += pm.off[r.i + 1]! - pm.off[r.i]!;
    sum += pm.sum[r.i]!;
    if (pm.max[r.i]! > max) max = pm.max[r.i]!;
  }
  if (n === 0) return { count: 0, median: null, mean: null, p90: null, max: null };
  const half = Math.floor(n / 2);
  // In minutes before averaging, as durations.ts `summarize` (the same float result).
  let median: number;
  if (n % 2 === 1) median = kth(s, half + 1) / 60_000;
  else {
    const [lo, hi] = kthPair(s, half);
    median = (lo / 60_000 + hi / 60_000) / 2;
  }
  const p90 = kth(s, Math.min(n, Math.max(1, Math.ceil((90 / 100) * n))));
  return { count: n, median, mean: sum / 60_000 / n, p90: p90 / 60_000, max: max / 60_000 };
}

/** The sum of a count (index into COUNTS) over the cells. */
export function countOf(refs: readonly CellRef[], k: number): number {
  let n = 0;
  for (const r of refs) n += r.p.counts[r.i * COUNTS + k]!;
  return n;
}

export function figuresOf(refs: readonly CellRef[]): Figures {
  const waiting = summary(refs, 0);
  return {
    issued: countOf(refs, 0),
    served: countOf(refs, 1),
    noShows: countOf(refs, 2),
    cancelled: countOf(refs, 3),
    transferred: countOf(refs, 4),
    waiting,
    walking: summary(refs, 1),
    service: summary(refs, 2),
    total: summary(refs, 3),
    withinTarget: waiting.count === 0 ? null : countOf(refs, 5) / waiting.count,
  };
}

/** Sum of a metric's values (ms) over the cells (an officer's serving time). */
export function sumOf(refs: readonly CellRef[], m: number): number {
  let s = 0;
  for (const r of refs) s += r.p.m[m as 0].sum[r.i]!;
  return s;
}

/** Counts of a metric's values per bucket; `upper` holds each bucket's exclusive upper edge (ms), the last bucket is open. */
export function bucketCounts(refs: readonly CellRef[], m: number, upper: readonly number[]): number[] {
  const counts = new Array<number>(upper.length + 1).fill(0);
  for (const r of refs) {
    const pm = r.p.m[m as 0];
    const a = pm.off[r.i]!;
    const b = pm.off[r.i + 1]!;
    if (a === b) continue;
    let prev = lowerBound(pm.vals, 0, a, b); // negative values are not durations
    upper.forEach((edge, k) => {
      const at = lowerBound(pm.vals, edge, prev, b);
      counts[k]! += at - prev;
      prev = at;
    });
    counts[upper.length]! += b - prev;
  }
  return counts;
}

/** Issued (arrivals of first legs) and served (ends) per UTC quarter-hour; index 96: unknown. */
export function quarterCounts(refs: readonly CellRef[]): [Float64Array, Float64Array] {
  const out: [Float64Array, Float64Array] = [new Float64Array(97), new Float64Array(97)];
  for (const r of refs) {
    for (let k = 0; k < 2; k++) {
      const q = r.p.q[k as 0];
      const counts = out[k]!;
      for (let j = q.off[r.i]!, end = q.off[r.i + 1]!; j < end; j++) {
        const x = q.vals[j]!;
        counts[x >= 0 && x < 96 ? x : 96]! += 1;
      }
    }
  }
  return out;
}
