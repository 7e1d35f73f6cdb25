/**
 * main/supervisor/accumulate.ts: the histogram selection gives exactly the figures of
 * common/domain/metrics/durations.ts `summarize` (sorting every value) for each breakdown row,
 * across bucket edges (values under 256 ms, powers of two, beyond 2³¹ ms), duplicates, tiny and
 * even/odd counts.
 */
import { describe, expect, it } from 'vitest';
import { summarize } from '../../common/domain/metrics/durations';
import { mulberry32 } from '../support/mall-simulation';
import { Acc, accumulate } from '../../main/supervisor/accumulate';
import { buildDay, groupsOf, type FactGroup, type RawGroup } from '../../main/supervisor/day-data';

/** The raw lists of each group, for the independent computation. */
const raw = new WeakMap<FactGroup, number[][]>();
function rawGroup(a: string, s: string, o: string, st: string, leg: number, lists: number[][]): RawGroup {
  const [w = [], k = [], v = [], t = []] = lists;
  return { key: { a, s, c: null, o, st, leg, n: Math.max(w.length, k.length, v.length, t.length) }, lists: [w, k, v, t], ia: [], se: [] };
}
/** Groups spread over a few days (each day its own flat arrays), as the dashboard reads a range. */
function build(raws: RawGroup[], days = 3): FactGroup[] {
  const out: FactGroup[] = [];
  for (let d = 0; d < days; d++) {
    const mine = raws.filter((_, i) => i % days === d);
    groupsOf(buildDay(mine)).forEach((g, i) => {
      raw.set(g, mine[i]!.lists.map((l) => Array.from(l)));
      out.push(g);
    });
  }
  return out;
}

describe('supervisor exact ranked durations', () => {
  it.each([
    ['minutes', 5_400_000],
    ['under a few seconds (ranks fall in the smallest buckets)', 1_100],
  ])('equals a full sort for every row, whatever the values: %s', (_, spread) => {
    const rnd = mulberry32(7);
    const pick = (): number => {
      const r = rnd();
      if (r < 0.2) return Math.floor(rnd() * 300); // exact buckets and the first log ones
      if (r < 0.3) return 2 ** Math.floor(rnd() * 34); // edges of every power of two, beyond 2³¹
      if (r < 0.4) return 600_000; // many duplicates
      return Math.floor(rnd() * spread);
    };
    const raws: RawGroup[] = [];
    for (let i = 0; i < 300; i++) {
      const len = i % 17 === 0 ? 1 : Math.floor(rnd() * 40);
      const lists = [0, 1, 2, 3].map(() => Array.from({ length: len }, pick));
      raws.push(rawGroup(`ag-${i % 3}`, `sv-${i % 7}`, `of-${i % 11}`, i % 4 === 0 ? 'no_show' : 'done', i % 9 === 0 ? 1 : 0, lists));
    }
    const groups = build(raws);
    const rows = new Map<string, Acc>();
    const rowOf = (key: string) => rows.get(key) ?? rows.set(key, new Acc()).get(key)!;
    const keysOf = (g: FactGroup) => ['all', `a:${g.a}`, `s:${g.s}`, `o:${g.o}`, `ao:${g.a}:${g.o}`];
    accumulate(groups, (g) => keysOf(g).map(rowOf), () => 30);

    const expected = new Map<string, number[][]>();
    for (const g of groups) {
      for (const key of keysOf(g)) {
        const e = expected.get(key) ?? [[], [], [], []];
        const [w, k, v, t] = raw.get(g)!;
        if (g.leg === 0) e[0]!.push(...w!);
        e[1]!.push(...k!);
        e[2]!.push(...v!);
        if (g.st === 'done') e[3]!.push(...t!);
        expected.set(key, e);
      }
    }
    expect(rows.size).toBe(expected.size);
    for (const [key, lists] of expected) {
      const f = rows.get(key)!.figures();
      const got = [f.waiting, f.walking, f.service, f.total];
      lists.forEach((values, m) => {
        const want = summarize(values.map((x) => x / 60_000));
        const g = got[m]!;
        expect({ ...g, mean: null }, `${key} metric ${m}`).toEqual({ ...want, mean: null });
        if (want.mean === null) expect(g.mean).toBeNull();
        else expect(g.mean).toBeCloseTo(want.mean, 6);
      });
    }
  });

  it('one value, two values and none', () => {
    const one = new Acc();
    const two = new Acc();
    accumulate(build([rawGroup('a', 's', 'o', 'done', 0, [[120_000]])], 1), () => [one], () => 30);
    accumulate(build([rawGroup('a', 's', 'o', 'done', 0, [[60_000, 180_000], [], [], []])], 1), () => [two], () => 1);
    expect(one.figures().waiting).toEqual({ count: 1, median: 2, mean: 2, p90: 2, max: 2 });
    expect(one.figures().walking).toEqual({ count: 0, median: null, mean: null, p90: null, max: null });
    expect(two.figures().waiting).toEqual({ count: 2, median: 2, mean: 2, p90: 3, max: 3 });
    expect(two.figures().withinTarget).toBe(0.5);
  });
});
