import { describe, expect, it } from 'vitest';
import { minutesBetween, percentileNearestRank, summarize, ticketDurations, withinTarget } from '../../common/domain/metrics/durations';

/** 2025-03-03 at hh:mm:ss WIB, as a UTC instant. */
const wib = (hms: string): string => `2025-03-03T${hms}+07:00`;

// Hand-computed sample (minutes):
//        arrived   called    start     finish   | waiting walking service total
// T1     08:00:00  08:12:00  08:13:30  08:25:00 |   12      1.5     11.5    25
// T2     08:05:00  08:35:00  08:36:00  08:50:00 |   30      1       14      45
// T3     08:10:00  08:14:00  08:20:00  08:30:00 |    4      6       10      20
// T4     08:20:00  08:40:00  (no-show)          |   20      –       –       –
const SAMPLE = [
  { arrivedAt: wib('08:00:00'), calledAt: wib('08:12:00'), servingStartedAt: wib('08:13:30'), finishedAt: wib('08:25:00') },
  { arrivedAt: wib('08:05:00'), calledAt: wib('08:35:00'), servingStartedAt: wib('08:36:00'), finishedAt: wib('08:50:00') },
  { arrivedAt: wib('08:10:00'), calledAt: wib('08:14:00'), servingStartedAt: wib('08:20:00'), finishedAt: wib('08:30:00') },
  { arrivedAt: wib('08:20:00'), calledAt: wib('08:40:00'), servingStartedAt: null, finishedAt: null },
];

describe('ticketDurations', () => {
  it('splits waiting, walking, service and total', () => {
    expect(SAMPLE.map(ticketDurations)).toEqual([
      { waiting: 12, walking: 1.5, service: 11.5, total: 25 },
      { waiting: 30, walking: 1, service: 14, total: 45 },
      { waiting: 4, walking: 6, service: 10, total: 20 },
      { waiting: 20, walking: null, service: null, total: null },
    ]);
  });

  it('never folds walking into waiting', () => {
    const third = SAMPLE[2];
    if (!third) throw new Error('sample');
    const d = ticketDurations(third);
    expect(d.waiting).toBe(4); // not 10 (start − arrival)
    expect((d.waiting ?? 0) + (d.walking ?? 0) + (d.service ?? 0)).toBe(d.total);
  });

  it('a transferred ticket keeps the original arrival, so total spans the visit', () => {
    const second = { arrivedAt: wib('08:00:00'), calledAt: wib('08:40:00'), servingStartedAt: wib('08:41:00'), finishedAt: wib('08:55:00') };
    expect(ticketDurations(second).total).toBe(55);
  });

  it('returns null for missing, unparsable, zoneless or negative intervals', () => {
    expect(minutesBetween(null, wib('08:00:00'))).toBeNull();
    expect(minutesBetween('yesterday', wib('08:00:00'))).toBeNull();
    expect(minutesBetween('2025-03-03T08:00:00', wib('08:10:00'))).toBeNull();
    expect(minutesBetween(wib('08:10:00'), wib('08:00:00'))).toBeNull(); // clock skew between counters
    expect(minutesBetween(wib('08:00:00'), '2025-03-03T01:10:00Z')).toBe(10); // zones mixed, same instant scale
  });
});

describe('summarize', () => {
  it('hand-computed waiting figures', () => {
    // Waiting 12, 30, 4, 20 → sorted 4, 12, 20, 30: median (12 + 20) / 2 = 16; mean 66 / 4 = 16.5;
    // p90 nearest rank ⌈0.9 × 4⌉ = 4th → 30; max 30.
    const waits = SAMPLE.map((t) => ticketDurations(t).waiting);
    expect(summarize(waits)).toEqual({ count: 4, median: 16, mean: 16.5, p90: 30, max: 30 });
  });

  it('skips nulls (no-shows have no walking time)', () => {
    // Walking 1.5, 1, 6, null → 1, 1.5, 6: median 1.5, mean 8.5 / 3, p90 ⌈2.7⌉ = 3rd → 6.
    const s = summarize(SAMPLE.map((t) => ticketDurations(t).walking));
    expect(s).toMatchObject({ count: 3, median: 1.5, p90: 6, max: 6 });
    expect(s.mean).toBeCloseTo(2.8333, 4);
  });

  it('nearest rank on 1..10 and 1..11', () => {
    const ten = Array.from({ length: 10 }, (_, i) => 10 - i); // unsorted on purpose
    expect(summarize(ten)).toEqual({ count: 10, median: 5.5, mean: 5.5, p90: 9, max: 10 });
    const eleven = Array.from({ length: 11 }, (_, i) => i + 1);
    expect(summarize(eleven)).toMatchObject({ median: 6, p90: 10 }); // ⌈9.9⌉ = 10th
    expect(percentileNearestRank([5], 90)).toBe(5);
    expect(percentileNearestRank([1, 2, 3, 4], 100)).toBe(4);
    expect(percentileNearestRank([1, 2, 3, 4], 25)).toBe(1);
    expect(percentileNearestRank([], 90)).toBeNull();
    expect(() => percentileNearestRank([1], 0)).toThrow(RangeError);
  });

  it('empty input gives nulls', () => {
    expect(summarize([])).toEqual({ count: 0, median: null, mean: null, p90: null, max: null });
    expect(summarize([null, null])).toEqual({ count: 0, median: null, mean: null, p90: null, max: null });
  });

  it('does not reorder the caller array', () => {
    const v = [3, 1, 2];
    summarize(v);
    expect(v).toEqual([3, 1, 2]);
  });
});

describe('withinTarget', () => {
  const waits = [12, 30, 4, 20];
  it('share of waits at or under the target', () => {
    expect(withinTarget(waits, 15)).toBe(0.5);
    expect(withinTarget(waits, 20)).toBe(0.75); // inclusive
    expect(withinTarget(waits, 3)).toBe(0);
    expect(withinTarget(waits, 30)).toBe(1);
    expect(withinTarget([null, 10], 15)).toBe(1);
  });

  it('null without measurable waits; refuses a bad target', () => {
    expect(withinTarget([], 15)).toBeNull();
    expect(withinTarget([null], 15)).toBeNull();
    expect(() => withinTarget(waits, -1)).toThrow(RangeError);
    expect(() => withinTarget(waits, Number.NaN)).toThrow(RangeError);
  });
});
