import { parseInstant } from '../queue/numbering';

/**
 * The supervisor's time figures, in minutes (fractional), from a ticket's four timestamps:
 *   waiting = calledAt − arrivedAt          (in the queue, until first called)
 *   walking = servingStartedAt − calledAt   (from the call to the counter: kept apart, never
 *                                            folded into waiting, or a slow walker would look
 *                                            like a slow queue)
 *   service = finishedAt − servingStartedAt (at the counter)
 *   total   = finishedAt − arrivedAt        (the whole visit)
 * A figure is null when a timestamp is missing, unparsable, or the interval is negative
 * (clocks of offline counters can disagree): an impossible value is not a measurement.
 * A transferred ticket keeps the original arrival, so its waiting and total span the visit.
 */
export interface TicketTimestamps {
  arrivedAt: string;
  calledAt: string | null;
  servingStartedAt: string | null;
  finishedAt: string | null;
}

export interface TicketDurations {
  waiting: number | null;
  walking: number | null;
  service: number | null;
  total: number | null;
}

export function minutesBetween(from: string | null, to: string | null): number | null {
  if (from === null || to === null) return null;
  const a = parseInstant(from);
  const b = parseInstant(to);
  if (a === null || b === null || b < a) return null;
  return (b - a) / 60_000;
}

export function ticketDurations(t: TicketTimestamps): TicketDurations {
  return {
    waiting: minutesBetween(t.arrivedAt, t.calledAt),
    walking: minutesBetween(t.calledAt, t.servingStartedAt),
    service: minutesBetween(t.servingStartedAt, t.finishedAt),
    total: minutesBetween(t.arrivedAt, t.finishedAt),
  };
}

export interface Summary {
  count: number;
  median: number | null;
  mean: number | null;
  p90: number | null;
  max: number | null;
}

const measurable = (values: readonly (number | null)[]): number[] =>
  values.filter((v): v is number => v !== null && Number.isFinite(v));

/**
 * Percentile by the nearest-rank method: the value at rank ⌈p/100 × n⌉ (1-based) of the sorted
 * values, so the result is always an observed duration ("90% waited at most this long").
 */
export function percentileNearestRank(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  if (!(p > 0 && p <= 100)) throw new RangeError(`Percentile must be in (0, 100]: ${p}`);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? null;
}

/**
 * count, median, mean, p90 (nearest rank) and max. The median is the usual one (mean of the
 * two middle values for an even count), as a spreadsheet's MEDIAN would give. Nulls and
 * non-finite values are skipped and not counted; no values → nulls and count 0.
 */
export function summarize(values: readonly (number | null)[]): Summary {
  const v = measurable(values).sort((a, b) => a - b);
  const n = v.length;
  if (n === 0) return { count: 0, median: null, mean: null, p90: null, max: null };
  const mid = Math.floor(n / 2);
  const hi = v[mid] ?? 0;
  const median = n % 2 === 1 ? hi : ((v[mid - 1] ?? hi) + hi) / 2;
  const mean = v.reduce((s, x) => s + x, 0) / n;
  return { count: n, median, mean, p90: percentileNearestRank(v, 90), max: v[n - 1] ?? null };
}

/** Share (0–1) of waits at or under the target; null when there is no measurable wait. */
export function withinTarget(waitings: readonly (number | null)[], targetMinutes: number): number | null {
  if (!Number.isFinite(targetMinutes) || targetMinutes < 0) throw new RangeError(`Invalid target: ${targetMinutes}`);
  const v = measurable(waitings);
  if (v.length === 0) return null;
  return v.filter((w) => w <= targetMinutes).length / v.length;
}
