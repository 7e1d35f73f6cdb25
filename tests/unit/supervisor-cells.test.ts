/**
 * main/supervisor/day-cells.ts and rank.ts: a range's rows from per-day cells give exactly the
 * figures of common/domain/metrics/durations.ts `summarize` (sorting every value) for every
 * level (mall, agency, service, counter, officer, finest), whatever the values (duplicates,
 * values beyond 2³¹ ms, fractional ones, tiny and even/odd counts); the k-th selection over
 * sorted slices equals a sort; cells survive their binary round trip (cells-blob.ts).
 */
import { describe, expect, it } from 'vitest';
import { summarize } from '../../common/domain/metrics/durations';
import { mulberry32 } from '../support/mall-simulation';
import { bucketCounts, buildParts, figuresOf, quarterCounts, type CellRef, type DayParts, type Level, type RawGroup } from '../../main/supervisor/day-cells';
import { decodePart, encodePart } from '../../main/supervisor/cells-blob';
import { kth, kthPair } from '../../main/supervisor/rank';

function rawGroup(a: string, s: string, c: string | null, o: string | null, st: string, leg: number, lists: number[][], ia: number[] = [], se: number[] = []): RawGroup {
  const [w = [], k = [], v = [], t = []] = lists;
  return { key: { a, s, c, o, st, leg, n: Math.max(w.length, k.length, v.length, t.length, ia.length) }, lists: [w, k, v, t], ia, se };
}

/** The row a cell belongs to at each level, as the dashboard groups them. */
const rowsOf = (lv: Level, k: { a: string | null; s: string | null; c: string | null; o: string | null }): string[] =>
  lv === 'T' ? ['all'] : lv === 'A' ? [`a:${k.a}`] : lv === 'S' ? [`s:${k.s}`] : lv === 'C' ? [`c:${k.c}`] : lv === 'O' ? [`o:${k.o}`] : [`g:${k.a}|${k.s}|${k.c}|${k.o}`];

describe('supervisor day cells: exact figures of any range', () => {
  it.each([
    ['minutes', 5_400_000, false],
    ['under a few seconds', 1_100, false],
    ['with fractional values on one day (the comparator sort)', 5_400_000, true],
  ])('equal a full sort for every row of every level: %s', (_, spread, fractional) => {
    const rnd = mulberry32(7);
    const pick = (): number => {
      const r = rnd();
      if (r < 0.2) return Math.floor(rnd() * 300);
      if (r < 0.3) return 2 ** Math.floor(rnd() * 34); // beyond 2³¹ too
      if (r < 0.4) return 600_000; // many duplicates
      return Math.floor(rnd() * spread);
    };
    const days: RawGroup[][] = [[], [], []];
    for (let i = 0; i < 300; i++) {
      const len = i % 17 === 0 ? 1 : Math.floor(rnd() * 40);
      const lists = [0, 1, 2, 3].map(() => Array.from({ length: len }, pick));
      if (fractional && i % 3 === 1) lists[2]![0] = 1234.5;
      const ia = Array.from({ length: len }, () => Math.floor(rnd() * 97) - 1);
      const st = ['done', 'no_show', 'cancelled', 'transferred'][i % 4]!;
      days[i % 3]!.push(rawGroup(`ag-${i % 3}`, `sv-${i % 7}`, i % 5 === 0 ? null : `ct-${i % 6}`, i % 13 === 0 ? null : `of-${i % 11}`, st, i % 9 === 0 ? 1 : 0, lists, ia, ia.map((q) => (q + 3) % 96)));
    }
    const target = (s: string) => (s === 'sv-1' ? 300_000 : 1_800_000);
    const built = days.map((groups) => buildParts(groups, target) as DayParts);

    const rows = new Map<string, CellRef[]>();
    built.forEach((parts) => {
      for (const p of [parts.M, parts.A, parts.R, parts.G]) p.keys.forEach((k, i) => rowsOf(k.lv, k).forEach((r) => rows.set(r, [...(rows.get(r) ?? []), { p, i }])));
    });
    // Independently: every group's values into the rows it belongs to.
    const expected = new Map<string, { lists: number[][]; issued: number; served: number; noShows: number; within: number; ia: number[] }>();
    for (const groups of days) {
      for (const g of groups) {
        const { a, s, c, o, st, leg, n } = g.key;
        const keys = ['all', `a:${a}`, `s:${s}`, `g:${a}|${s}|${c}|${o}`];
        if (c !== null) keys.push(`c:${c}`);
        if (o !== null) keys.push(`o:${o}`);
        for (const key of keys) {
          const e = expected.get(key) ?? { lists: [[], [], [], []], issued: 0, served: 0, noShows: 0, within: 0, ia: [] };
          const [w, k, v, t] = g.lists.map((l) => Array.from(l));
          if (leg === 0) {
            e.lists[0]!.push(...w!);
            e.issued += n;
            e.within += w!.filter((x) => x <= target(s)).length;
            e.ia.push(...Array.from(g.ia));
          }
          e.lists[1]!.push(...k!);
          e.lists[2]!.push(...v!);
          if (st === 'done') {
            e.lists[3]!.push(...t!);
            e.served += n;
          }
          if (st === 'no_show') e.noShows += n;
          expected.set(key, e);
        }
      }
    }
    expect(new Set(rows.keys())).toEqual(new Set(expected.keys()));
    for (const [key, e] of expected) {
      const refs = rows.get(key)!;
      const f = figuresOf(refs);
      expect({ issued: f.issued, served: f.served, noShows: f.noShows }, key).toEqual({ issued: e.issued, served: e.served, noShows: e.noShows });
      expect(f.withinTarget, key).toBe(e.lists[0]!.length === 0 ? null : e.within / e.lists[0]!.length);
      [f.waiting, f.walking, f.service, f.total].forEach((got, m) => {
        const want = summarize(e.lists[m]!.map((x) => x / 60_000));
        expect({ ...got, mean: null }, `${key} metric ${m}`).toEqual({ ...want, mean: null });
        if (want.mean === null) expect(got.mean).toBeNull();
        else expect(got.mean).toBeCloseTo(want.mean, 6);
      });
      const [issuedQ] = quarterCounts(refs);
      const want = new Float64Array(97);
      for (const q of e.ia) want[q >= 0 && q < 96 ? q : 96]! += 1;
      expect(Array.from(issuedQ), key).toEqual(Array.from(want));
      const edges = [300_000, 600_000, 1_800_000];
      const naive = [0, 0, 0, 0];
      for (const x of e.lists[0]!) if (x >= 0) naive[edges.findIndex((edge) => x < edge) === -1 ? 3 : edges.findIndex((edge) => x < edge)]!++;
      expect(bucketCounts(refs, 0, edges), key).toEqual(naive);
    }
  });

  it('one value, two values and none', () => {
    const parts = buildParts([rawGroup('a', 's', null, null, 'done', 0, [[60_000], [], [60_000, 120_000], []])], () => 1_800_000) as DayParts;
    const f = figuresOf([{ p: parts.M, i: 0 }]);
    expect(f.waiting).toEqual({ count: 1, median: 1, mean: 1, p90: 1, max: 1 });
    expect(f.service).toEqual({ count: 2, median: 1.5, mean: 1.5, p90: 2, max: 2 });
    expect(f.walking).toEqual({ count: 0, median: null, mean: null, p90: null, max: null });
    expect(figuresOf([]).waiting.count).toBe(0);
  });

  it('k-th selection over sorted slices equals a sort (duplicates, empty and single slices)', () => {
    const rnd = mulberry32(11);
    for (let round = 0; round < 200; round++) {
      const m = 1 + Math.floor(rnd() * 25);
      const arrays = Array.from({ length: m }, () => Float64Array.from({ length: Math.floor(rnd() * (round % 2 ? 400 : 8)) }, () => Math.floor(rnd() * (round % 3 ? 1e6 : 20))).sort());
      // Slices in the middle of larger arrays, as cells lie in a day's flat array.
      const src = arrays.map((a) => Float64Array.from([-5, ...a, 1e12]));
      const all = arrays.flatMap((a) => Array.from(a)).sort((x, y) => x - y);
      if (all.length === 0) continue;
      const s = { src, lo: Int32Array.from(arrays.map(() => 1)), hi: Int32Array.from(arrays.map((a) => 1 + a.length)) };
      for (const k of [1, all.length, Math.ceil(all.length / 2), Math.max(1, Math.ceil(0.9 * all.length)), 1 + Math.floor(rnd() * all.length)]) {
        expect(kth(s, k)).toBe(all[k - 1]);
        if (k < all.length) expect(kthPair(s, k)).toEqual([all[k - 1], all[k]]);
      }
    }
  });

  it('round-trips a part exactly (Int32 and Float64 durations), also from unaligned bytes', () => {
    const parts = buildParts(
      [
        rawGroup('ag-1', 'sv-1', 'ct-1', 'of-1', 'done', 0, [[60_000, 0, 5], [1_000, 2_000, 3_000], [600_000, 700_000, 800_000], [700_000, 1, 2]], [4, 5, 6], [7, 8, 9]),
        rawGroup('ag-1', 'sv-2', null, null, 'no_show', 0, [[], [], [], []], [-1]),
        rawGroup('ag-2', 'sv-3', 'ct-2', 'of-2', 'done', 1, [[5, 6], [7, 8], [9, 10], [3_000_000_000, 11]], [1, 2], [3, 4]),
      ],
      () => 1_800_000,
    ) as DayParts;
    for (const p of [parts.M, parts.A, parts.R, parts.G]) {
      const bytes = encodePart(p);
      expect(decodePart(bytes)).toEqual(p);
      const shifted = Buffer.alloc(bytes.length + 3);
      bytes.copy(shifted, 3);
      expect(decodePart(shifted.subarray(3))).toEqual(p);
    }
    // Totals of the third group exceed Int32: stored as Float64 and kept exactly.
    expect(Array.from(decodePart(encodePart(parts.M))!.m[3].vals)).toContain(3_000_000_000);
    expect(decodePart(Buffer.from('not a part'))).toBeNull();
  });
});
