/**
 * The supervisor's dashboard over the LOCAL SQLite (the supervisor's installation holds the
 * whole mall through sync). Figures follow the four ticket timestamps (see README
 * "Supervisor"):
 *   waiting = called − arrived       (first queue wait of a visit; transfer legs excluded)
 *   walking = started − called       (every leg; never folded into waiting)
 *   service = finished − started     (every leg that was served: done or transferred on)
 *   total   = finished − arrived     (legs that ended the visit as done; a transfer leg keeps
 *                                      the visit's arrival, so it spans the whole visit)
 * Durations come from supervisor_ticket_facts (ms, kept by triggers on queue_tickets).
 */
import type { Knex } from 'knex';
import { addDays, localDateOf, toDayNumber } from '../../common/domain/calendar/local-date';
import { dueStatus, MON_FRI, serviceDaysFromWeekdays, workingDaysBetween, type HolidayCalendar, type ServiceDays } from '../../common/domain/calendar/working-days';
import { HOLIDAYS_ID_2025_2026 } from '../../common/domain/calendar/holidays-id';
import { LoketError } from '../../common/ipc/result';
import type {
  ApplicationFigures,
  ApplicationItem,
  BreakdownLevel,
  BreakdownRow,
  Correction,
  Dashboard,
  DashboardInput,
  Figures,
  OfficerProductivity,
  Scope,
  SignOff,
} from '../../common/ipc/channels/supervisor';
import { bucketCounts, countOf, figuresOf, quarterCounts, sumOf, type CellRef, type PartName } from './day-cells';
import { DayStore, type DayCells, type Targets } from './day-store';

export const DEFAULT_TARGET_WAIT_MINUTES = 30;
/** One collator: localeCompare with a locale builds one per call (~100 rows sorted per query). */
const BY_NAME = new Intl.Collator('id', { numeric: true });
const FRESH_MINUTES = 15;
const LIST_LIMIT = 200;
const MAX_RANGE_DAYS = 400;
/** Remembered totals (previous periods of recent views). */
const TOTALS_MEMO_SIZE = 64;
/** Remembered range figures (recent views with their drill-downs). */
const RANGE_MEMO_SIZE = 16;

export interface SupervisorDeps {
  db: Knex;
  now: () => Date;
  /** Last successful sync of this installation (the mall-wide data's freshness). */
  lastSyncAt: () => Promise<string | null>;
  calendar?: HolidayCalendar;
  /** Keep parsed rollup days in memory while their change counter stays (default true). */
  cacheDays?: boolean;
}

export interface MallContext {
  mallName: string;
  utcOffsetMinutes: number;
  agencies: Map<string, string>;
  /** Each agency's service days (agencies.service_days from the catalog, e.g. Samsat Monday–Saturday). */
  schedules: Map<string, ServiceDays>;
  services: Map<string, { name: string; agencyId: string }>;
  counters: Map<string, { name: string; agencyId: string }>;
  targets: Map<string, number>;
}

export const dayStartMs = (day: string, offsetMinutes: number): number => toDayNumber(day) * 86_400_000 - offsetMinutes * 60_000;

function daysInRange(from: string, to: string): number {
  return toDayNumber(to) - toDayNumber(from) + 1;
}

function scopeWhere(q: Knex.QueryBuilder, scope: Scope, cols = { agency: 'agency_id', service: 'service_id', counter: 'counter_id', officer: 'officer_id' }): Knex.QueryBuilder {
  if (scope.agencyId) q.where(cols.agency, scope.agencyId);
  if (scope.serviceId) q.where(cols.service, scope.serviceId);
  if (scope.counterId) q.where(cols.counter, scope.counterId);
  if (scope.officerId) q.where(cols.officer, scope.officerId);
  return q;
}

const WAIT_BUCKETS: readonly [number, number | null][] = [[0, 5], [5, 10], [10, 15], [15, 30], [30, 60], [60, null]];
const SERVICE_BUCKETS: readonly [number, number | null][] = [[0, 5], [5, 10], [10, 15], [15, 20], [20, 30], [30, null]];

/** Each bucket's exclusive upper edge in ms (the last bucket is open). */
const upperEdges = (edges: readonly [number, number | null][]): number[] => edges.filter(([, hi]) => hi !== null).map(([, hi]) => (hi as number) * 60_000);
const WAIT_UPPER = upperEdges(WAIT_BUCKETS);
const SERVICE_UPPER = upperEdges(SERVICE_BUCKETS);

function buckets(counts: readonly number[], edges: readonly [number, number | null][]) {
  return edges.map(([lo, hi], i) => ({ label: hi === null ? `${lo}+` : `${lo}–${hi}`, fromMinutes: lo, toMinutes: hi, count: counts[i] ?? 0 }));
}

/** Issued by hour of arrival, served by hour of end (mall zone), from the cells' UTC quarter-hours. */
function hoursOf([issuedQ, servedQ]: readonly [Float64Array, Float64Array], offsetMinutes: number): Dashboard['hours'] {
  // Per UTC quarter-hour first (index 96: arrival unknown, counted at hour 0 as the SQL did).
  const off = offsetMinutes * 60;
  const byHour = new Map<number, { issued: number; served: number }>();
  for (let q = 0; q < 97; q++) {
    if (issuedQ[q] === 0 && servedQ[q] === 0) continue;
    const h = q === 96 ? 0 : Math.trunc((((q * 900 + off) % 86_400) + 86_400) % 86_400 / 3600);
    const e = byHour.get(h) ?? { issued: 0, served: 0 };
    e.issued += issuedQ[q]!;
    e.served += servedQ[q]!;
    byHour.set(h, e);
  }
  if (byHour.size === 0) return [];
  const hs = [...byHour.keys()];
  const out: Dashboard['hours'] = [];
  for (let h = Math.min(7, ...hs); h <= Math.max(16, ...hs); h++) out.push({ hour: h, ...(byHour.get(h) ?? { issued: 0, served: 0 }) });
  return out;
}

const COMPARED: readonly { metric: string; get: (f: Figures) => number | null }[] = [
  { metric: 'issued', get: (f) => f.issued },
  { metric: 'served', get: (f) => f.served },
  { metric: 'noShows', get: (f) => f.noShows },
  { metric: 'cancelled', get: (f) => f.cancelled },
  { metric: 'transferred', get: (f) => f.transferred },
  { metric: 'waiting.median', get: (f) => f.waiting.median },
  { metric: 'waiting.p90', get: (f) => f.waiting.p90 },
  { metric: 'service.median', get: (f) => f.service.median },
  { metric: 'total.median', get: (f) => f.total.median },
  { metric: 'withinTarget', get: (f) => f.withinTarget },
];

export function corrections(signed: Figures, current: Figures): Correction[] {
  const out: Correction[] = [];
  for (const c of COMPARED) {
    const a = c.get(signed);
    const b = c.get(current);
    const same = a === b || (a !== null && b !== null && Math.abs(a - b) < 1e-9);
    if (!same) out.push({ metric: c.metric, signed: a, current: b });
  }
  return out;
}

/**
 * Which cells answer a scope: the whole mall and an agency read the pre-aggregated cells (parts T
 * and R: the mall, agencies, and agency × service / counter / officer); a narrower scope the
 * finest cells (part G) that match it, grouped per row.
 */
interface Plan {
  kind: 'mall' | 'agency' | 'fine';
  scope: Scope;
  totalsPart: PartName;
  rowParts: PartName[];
}

function planOf(scope: Scope): Plan {
  if (scope.serviceId || scope.counterId || scope.officerId) return { kind: 'fine', scope, totalsPart: 'G', rowParts: ['G'] };
  return scope.agencyId ? { kind: 'agency', scope, totalsPart: 'A', rowParts: ['A', 'R'] } : { kind: 'mall', scope, totalsPart: 'M', rowParts: ['M', 'A', 'R'] };
}

const matches = (k: { a: string | null; s: string | null; c: string | null; o: string | null }, scope: Scope): boolean =>
  (!scope.agencyId || k.a === scope.agencyId) && (!scope.serviceId || k.s === scope.serviceId) && (!scope.counterId || k.c === scope.counterId) && (!scope.officerId || k.o === scope.officerId);

/** The cells of the scope's totals over the days. */
function totalRefs(days: readonly DayCells[], plan: Plan): CellRef[] {
  const out: CellRef[] = [];
  for (const d of days) {
    const p = d.parts[plan.totalsPart]!;
    p.keys.forEach((k, i) => {
      if (plan.kind === 'mall' ? k.lv === 'T' : plan.kind === 'agency' ? k.lv === 'A' && k.a === plan.scope.agencyId : matches(k, plan.scope)) out.push({ p, i });
    });
  }
  return out;
}

/** What the dashboard shows of a range from its cells (remembered while the range's days are unchanged). */
interface RangeFigures {
  total: Figures;
  rows: { level: BreakdownLevel; id: string; figures: Figures }[];
  officerServing: Map<string, { ms: number; served: number }>;
  quarters: [Float64Array, Float64Array];
  waitCounts: number[];
  svcCounts: number[];
}

/** The range's totals, breakdown rows, officers' serving time, quarter-hours and distributions. */
function rangeFigures(days: readonly DayCells[], plan: Plan): RangeFigures {
  const levels = new Map<string, { level: BreakdownLevel; id: string; refs: CellRef[] }>();
  const add = (level: BreakdownLevel, id: string, ref: CellRef) => {
    const key = `${level}:${id}`;
    let e = levels.get(key);
    if (!e) {
      e = { level, id, refs: [] };
      levels.set(key, e);
    }
    e.refs.push(ref);
  };
  const agency = plan.scope.agencyId;
  for (const d of days) {
    if (plan.kind === 'fine') {
      const p = d.parts.G!;
      p.keys.forEach((k, i) => {
        if (!matches(k, plan.scope)) return;
        const ref = { p, i };
        add('agency', k.a!, ref);
        add('service', k.s!, ref);
        if (k.c !== null) add('counter', k.c, ref);
        if (k.o !== null) add('officer', k.o, ref);
      });
      continue;
    }
    for (const p of [d.parts.A!, d.parts.R!]) {
      p.keys.forEach((k, i) => {
        if (k.lv === 'T' || (agency && k.a !== agency)) return;
        const ref = { p, i };
        if (k.lv === 'A') add('agency', k.a!, ref);
        else if (k.lv === 'S') add('service', k.s!, ref);
        else if (k.lv === 'C') add('counter', k.c!, ref);
        else if (k.lv === 'O') add('officer', k.o!, ref);
      });
    }
  }
  const totals = totalRefs(days, plan);
  const officerServing = new Map<string, { ms: number; served: number }>();
  for (const e of levels.values()) if (e.level === 'officer') officerServing.set(e.id, { ms: sumOf(e.refs, 2), served: countOf(e.refs, 1) });
  return {
    total: figuresOf(totals),
    rows: [...levels.values()].map((e) => ({ level: e.level, id: e.id, figures: figuresOf(e.refs) })),
    officerServing,
    quarters: quarterCounts(totals),
    waitCounts: bucketCounts(totals, 0, WAIT_UPPER),
    svcCounts: bucketCounts(totals, 2, SERVICE_UPPER),
  };
}

export class SupervisorDashboard {
  private readonly calendar: HolidayCalendar;

  private readonly days: DayStore;
  private readonly totalsMemo = new Map<string, Figures>();
  private readonly rangeMemo = new Map<string, RangeFigures>();

  constructor(private readonly d: SupervisorDeps) {
    this.calendar = d.calendar ?? HOLIDAYS_ID_2025_2026;
    this.days = new DayStore(d.db, d.cacheDays ?? true);
  }

  /** Forgets the days in memory (the bench's restarts); `persisted` also their stored copies (cold views). */
  clearCache(opts: { persisted?: boolean } = {}): Promise<void> {
    this.totalsMemo.clear();
    this.rangeMemo.clear();
    return this.days.clear(opts);
  }

  /** Stores the past days built from the rollup now (otherwise a timer does, when idle). */
  flushStoredDays(): Promise<void> {
    return this.days.flush();
  }

  /**
   * Rebuilds the stored copies of past days whose data (or the waiting targets) changed since
   * they were made: run when idle after a start and after syncs. Returns the days rebuilt.
   */
  async maintain(): Promise<number> {
    const ctx = await this.context();
    const today = localDateOf(this.d.now(), ctx.utcOffsetMinutes);
    return this.days.maintain(this.targetsOf(ctx), today, addDays(today, -MAX_RANGE_DAYS));
  }

  async context(): Promise<MallContext> {
    const db = this.d.db;
    const [settings, agencies, services, counters, targets] = await Promise.all([
      db('settings').whereIn('key', ['mallName', 'queue.config']).select('key', 'value') as Promise<{ key: string; value: string }[]>,
      db('agencies').select('id', 'name', 'service_days') as Promise<{ id: string; name: string; service_days: string | null }[]>,
      db('services').select('id', 'name', 'agency_id') as Promise<{ id: string; name: string; agency_id: string }[]>,
      db('counters').select('id', 'name', 'agency_id') as Promise<{ id: string; name: string; agency_id: string }[]>,
      db('supervisor_service_targets').select('service_id', 'target_wait_minutes') as Promise<{ service_id: string; target_wait_minutes: number }[]>,
    ]);
    let offset = 420;
    const cfg = settings.find((s) => s.key === 'queue.config');
    if (cfg) {
      try {
        const v = (JSON.parse(cfg.value) as { utcOffsetMinutes?: unknown }).utcOffsetMinutes;
        if (typeof v === 'number' && Number.isInteger(v)) offset = v;
      } catch {
        // keep WIB
      }
    }
    return {
      mallName: settings.find((s) => s.key === 'mallName')?.value ?? 'Mal Pelayanan Publik',
      utcOffsetMinutes: offset,
      agencies: new Map(agencies.map((a) => [a.id, a.name])),
      schedules: new Map(agencies.map((a) => [a.id, serviceDaysFromWeekdays(a.service_days)])),
      services: new Map(services.map((s) => [s.id, { name: s.name, agencyId: s.agency_id }])),
      counters: new Map(counters.map((c) => [c.id, { name: c.name, agencyId: c.agency_id }])),
      targets: new Map(targets.map((t) => [t.service_id, Number(t.target_wait_minutes)])),
    };
  }

  private targetOf(ctx: MallContext, serviceId: string): number {
    return ctx.targets.get(serviceId) ?? DEFAULT_TARGET_WAIT_MINUTES;
  }

  /** The waiting targets the days' cells count "within target" by (part of their identity). */
  private targetsOf(ctx: MallContext): Targets {
    return { stamp: [...ctx.targets].sort(([a], [b]) => (a < b ? -1 : 1)).map(([id, t]) => `${id}=${t}`).join(';'), ms: (s) => this.targetOf(ctx, s) * 60_000 };
  }

  /**
   * Totals only (comparisons, sign-off). Remembered per range, scope and waiting targets while the
   * range's day versions are unchanged (the previous period of a view rarely changes); the
   * returned figures are shared, never modified.
   */
  async totals(from: string, to: string, scope: Scope = {}, ctx?: MallContext): Promise<Figures> {
    const c = ctx ?? (await this.context());
    const targets = this.targetsOf(c);
    const key = `${from}|${to}|${scope.agencyId ?? ''}|${scope.serviceId ?? ''}|${scope.counterId ?? ''}|${scope.officerId ?? ''}|${targets.stamp}|${await this.days.stamp(from, to)}`;
    const known = this.totalsMemo.get(key);
    if (known) return known;
    const plan = planOf(scope);
    const days = await this.days.read(from, to, [plan.totalsPart], targets, localDateOf(this.d.now(), c.utcOffsetMinutes));
    const figures = figuresOf(totalRefs(days, plan));
    if (this.d.cacheDays !== false) {
      this.totalsMemo.set(key, figures);
      if (this.totalsMemo.size > TOTALS_MEMO_SIZE) this.totalsMemo.delete(this.totalsMemo.keys().next().value as string);
    }
    return figures;
  }

  /**
   * The range's figures from its days' cells, remembered per range, scope and waiting targets
   * while the range's day versions are unchanged (a month viewed again, a drill-down and back).
   */
  private async rangeFigures(from: string, to: string, scope: Scope, ctx: MallContext, now: Date): Promise<RangeFigures> {
    const targets = this.targetsOf(ctx);
    const key = `${from}|${to}|${scope.agencyId ?? ''}|${scope.serviceId ?? ''}|${scope.counterId ?? ''}|${scope.officerId ?? ''}|${targets.stamp}|${await this.days.stamp(from, to)}`;
    const known = this.rangeMemo.get(key);
    if (known) return known;
    const plan = planOf(scope);
    const figures = rangeFigures(await this.days.read(from, to, plan.rowParts, targets, localDateOf(now, ctx.utcOffsetMinutes)), plan);
    if (this.d.cacheDays !== false) {
      this.rangeMemo.set(key, figures);
      if (this.rangeMemo.size > RANGE_MEMO_SIZE) this.rangeMemo.delete(this.rangeMemo.keys().next().value as string);
    }
    return figures;
  }

  async dashboard(input: DashboardInput): Promise<Dashboard> {
    const { from, to } = input;
    if (from > to) throw new LoketError('VALIDATION', 'Tanggal awal setelah tanggal akhir.', 'The start date is after the end date.');
    const days = daysInRange(from, to);
    if (days > MAX_RANGE_DAYS) throw new LoketError('VALIDATION', `Rentang paling panjang ${MAX_RANGE_DAYS} hari.`, `The range may span at most ${MAX_RANGE_DAYS} days.`);
    const scope = input.scope ?? {};
    const ctx = await this.context();
    const now = this.d.now();

    const rangeStart = dayStartMs(from, ctx.utcOffsetMinutes);
    const rangeEnd = dayStartMs(addDays(to, 1), ctx.utcOffsetMinutes);
    // Every read starts now: the range's figures are computed while SQLite answers the others.
    const computed = this.rangeFigures(from, to, scope, ctx, now);
    const [{ total, rows, quarters, waitCounts, svcCounts }, officers, applications, comparisons, signed, lastSyncAt] = await Promise.all([
      computed,
      this.productivity(rangeStart, Math.min(rangeEnd, now.getTime()), scope, computed.then((c) => c.officerServing)),
      this.applications(from, to, scope, ctx, now),
      this.comparisons(from, days, scope, ctx),
      days === 1 ? this.signedDay(from) : Promise.resolve(null),
      this.d.lastSyncAt(),
    ]);
    const officerNames = new Map(officers.map((o) => [o.officerId, o.name]));

    const breakdown: BreakdownRow[] = rows.map(({ level, id, figures }) => {
      const service = ctx.services.get(id);
      const counter = ctx.counters.get(id);
      const name =
        level === 'agency'
          ? (ctx.agencies.get(id) ?? id)
          : level === 'service'
            ? (service?.name ?? id)
            : level === 'counter'
              ? (counter?.name ?? id)
              : (officerNames.get(id) ?? id);
      const agencyId = level === 'agency' ? id : level === 'service' ? (service?.agencyId ?? null) : level === 'counter' ? (counter?.agencyId ?? null) : null;
      return { level, id, name, agencyId, targetMinutes: level === 'service' ? this.targetOf(ctx, id) : null, figures };
    });
    const order: Record<BreakdownLevel, number> = { agency: 0, service: 1, counter: 2, officer: 3 };
    breakdown.sort((a, b) => order[a.level] - order[b.level] || BY_NAME.compare(a.name, b.name));

    const hours = ctx.utcOffsetMinutes % 15 === 0 ? hoursOf(quarters, ctx.utcOffsetMinutes) : await this.hours(from, to, scope, ctx.utcOffsetMinutes);
    let signOff: SignOff | null = null;
    if (signed) {
      const isMall = !scope.agencyId && !scope.serviceId && !scope.counterId && !scope.officerId;
      const current = isMall ? total : await this.totals(from, from, {}, ctx);
      signOff = { ...signed, corrections: corrections(signed.figures, current) };
    }

    const age = lastSyncAt ? Math.max(0, (now.getTime() - Date.parse(lastSyncAt)) / 60_000) : null;
    return {
      mallName: ctx.mallName,
      from,
      to,
      scope,
      utcOffsetMinutes: ctx.utcOffsetMinutes,
      generatedAt: now.toISOString(),
      freshness: { lastSyncAt, ageMinutes: age, state: age === null ? 'never' : age <= FRESH_MINUTES ? 'fresh' : 'stale' },
      totals: total,
      breakdown,
      hours,
      waitingBuckets: buckets(waitCounts, WAIT_BUCKETS),
      serviceBuckets: buckets(svcCounts, SERVICE_BUCKETS),
      officers,
      applications,
      comparisons,
      signOff,
    };
  }

  /** A day: the previous day and the same weekday last week; a range: the previous period of equal length. */
  private async comparisons(from: string, days: number, scope: Scope, ctx: MallContext): Promise<Dashboard['comparisons']> {
    const periods: { label: Dashboard['comparisons'][number]['label']; from: string; to: string }[] =
      days === 1
        ? [
            { label: 'previous_day', from: addDays(from, -1), to: addDays(from, -1) },
            { label: 'same_weekday_last_week', from: addDays(from, -7), to: addDays(from, -7) },
          ]
        : [{ label: 'previous_period', from: addDays(from, -days), to: addDays(from, -1) }];
    return Promise.all(periods.map(async (p) => ({ ...p, figures: await this.totals(p.from, p.to, scope, ctx) })));
  }

  private async hours(from: string, to: string, scope: Scope, offset: number): Promise<Dashboard['hours']> {
    const off = offset * 60;
    const base = () => scopeWhere(this.d.db('supervisor_ticket_facts').whereBetween('service_day', [from, to]), scope);
    const [issued, served] = await Promise.all([
      base().where('is_leg', 0).select(this.d.db.raw('((arrived_ms / 1000 + ?) % 86400) / 3600 AS h, COUNT(*) AS n', [off])).groupBy('h') as Promise<{ h: number; n: number }[]>,
      base()
        .where('status', 'done')
        .whereNotNull('total_ms')
        .select(this.d.db.raw('(((arrived_ms + total_ms) / 1000 + ?) % 86400) / 3600 AS h, COUNT(*) AS n', [off]))
        .groupBy('h') as Promise<{ h: number; n: number }[]>,
    ]);
    const byHour = new Map<number, { issued: number; served: number }>();
    for (const r of issued) byHour.set(Number(r.h), { issued: Number(r.n), served: 0 });
    for (const r of served) {
      const e = byHour.get(Number(r.h)) ?? { issued: 0, served: 0 };
      e.served = Number(r.n);
      byHour.set(Number(r.h), e);
    }
    if (byHour.size === 0) return [];
    const hs = [...byHour.keys()];
    const out: Dashboard['hours'] = [];
    for (let h = Math.min(7, ...hs); h <= Math.max(16, ...hs); h++) out.push({ hour: h, ...(byHour.get(h) ?? { issued: 0, served: 0 }) });
    return out;
  }

  private async productivity(startMs: number, endMs: number, scope: Scope, servingLater: Promise<Map<string, { ms: number; served: number }>>): Promise<OfficerProductivity[]> {
    const startIso = new Date(startMs).toISOString();
    const endIso = new Date(Math.max(startMs, endMs)).toISOString();
    const db = this.d.db;
    // Rows open at some point in [start, end): opened in [start − the longest closed row, end) and
    // not closed by start, or still open (009's length and open-row indexes). Reads the range's
    // rows, not every row opened before its end.
    const overlapping = (table: string, open: string, close: string) => {
      const low = db.raw(`strftime('%Y-%m-%dT%H:%M:%fZ', julianday(?) - max(0, IFNULL((SELECT max(julianday(${close}) - julianday(${open})) FROM ${table}), 0)) - 1.0 / 1440)`, [startIso]);
      const q = db(table).where((w) =>
        w
          .where((r) => r.where(open, '>=', low).where(open, '<', endIso).where((c) => c.whereNull(close).orWhere(close, '>', startIso)))
          .orWhere((r) => r.whereNull(close).where(open, '<', low)),
      );
      if (scope.counterId) q.where('counter_id', scope.counterId);
      if (scope.officerId) q.where('officer_id', scope.officerId);
      if (scope.agencyId || scope.serviceId) q.whereIn('counter_id', this.d.db('counters').select('id').where('agency_id', scope.agencyId ?? this.d.db('services').select('agency_id').where('id', scope.serviceId ?? '')));
      return q;
    };
    // Each row's overlap with [start, end) in whole ms (julianday to ms as the facts do), summed
    // per officer (and reason) by SQLite: a month is ~2,400 rows, returned as ~100.
    const end = Math.max(startMs, endMs);
    const ms = (col: string) => `CAST(round((julianday(${col}) - 2440587.5) * 86400000) AS INTEGER)`;
    const overlapMs = (open: string, close: string) => `max(0, min(${end}, IFNULL(${ms(close)}, ${end})) - max(${startMs}, ${ms(open)}))`;
    const [sessions, pauses, creds] = await Promise.all([
      overlapping('supervisor_counter_sessions', 'opened_at', 'closed_at')
        .groupBy('officer_id')
        .select('officer_id', db.raw('MAX(officer_name) AS officer_name'), db.raw(`SUM(${overlapMs('opened_at', 'closed_at')}) AS ms`)) as Promise<{ officer_id: string; officer_name: string | null; ms: number | null }[]>,
      overlapping('supervisor_counter_pauses', 'started_at', 'ended_at')
        .groupBy('officer_id', 'reason')
        .select('officer_id', 'reason', db.raw(`SUM(${overlapMs('started_at', 'ended_at')}) AS ms`)) as Promise<{ officer_id: string; reason: string; ms: number | null }[]>,
      this.d.db('officer_credentials').select('officer_id', 'profile_json') as Promise<{ officer_id: string; profile_json: string }[]>,
    ]);
    const names = new Map<string, string>();
    for (const c of creds) {
      try {
        const n = (JSON.parse(c.profile_json) as { name?: unknown }).name;
        if (typeof n === 'string') names.set(c.officer_id, n);
      } catch {
        // no name
      }
    }
    const out = new Map<string, OfficerProductivity>();
    const get = (id: string): OfficerProductivity => {
      let o = out.get(id);
      if (!o) {
        o = { officerId: id, name: names.get(id) ?? id, served: 0, openMinutes: 0, servingMinutes: 0, pausedMinutes: 0, idleMinutes: 0, pauses: {} };
        out.set(id, o);
      }
      return o;
    };
    for (const s of sessions) {
      const o = get(s.officer_id);
      if (s.officer_name) o.name = s.officer_name;
      o.openMinutes += Number(s.ms ?? 0) / 60_000;
    }
    for (const p of pauses) {
      const o = get(p.officer_id);
      const m = Number(p.ms ?? 0) / 60_000;
      o.pausedMinutes += m;
      o.pauses[p.reason] = (o.pauses[p.reason] ?? 0) + m;
    }
    for (const [id, s] of await servingLater) {
      const o = get(id);
      o.servingMinutes += s.ms / 60_000;
      o.served += s.served;
    }
    for (const o of out.values()) o.idleMinutes = Math.max(0, o.openMinutes - o.servingMinutes - o.pausedMinutes);
    return [...out.values()].sort((a, b) => BY_NAME.compare(a.name, b.name));
  }

  private async applications(from: string, to: string, scope: Scope, ctx: MallContext, now: Date): Promise<ApplicationFigures> {
    const db = this.d.db;
    const sc = (q: Knex.QueryBuilder) => {
      if (scope.agencyId) q.where('agency_id', scope.agencyId);
      if (scope.serviceId) q.where('service_id', scope.serviceId);
      // Applications have no counter/officer in the supervisor's facts: counter/officer scope keeps the agency's.
      return q;
    };
    const refMs = Math.min(now.getTime(), dayStartMs(addDays(to, 1), ctx.utcOffsetMinutes));
    const ref = new Date(refMs).toISOString();
    const nowIso = now.toISOString();
    const [received, completed, overdue, atRiskRows, overdueRows] = await Promise.all([
      sc(db('supervisor_applications').whereBetween('received_day', [from, to])).count({ n: '*' }).first() as Promise<{ n: number } | undefined>,
      sc(db('supervisor_applications').whereBetween('completed_day', [from, to]).whereIn('status', ['selesai', 'diambil']))
        .select(db.raw('COUNT(*) AS n, SUM(CASE WHEN due_at IS NOT NULL AND completed_at <= due_at THEN 1 ELSE 0 END) AS w'))
        .first() as Promise<{ n: number; w: number | null } | undefined>,
      // Open at ref past their due instant: still open, or completed after ref — then necessarily
      // late (completed after due), which 009's index of late completions answers without
      // scanning every application completed since ref.
      db
        .select(db.raw('SUM(n) AS n'))
        .from(
          sc(db('supervisor_applications').whereNull('completed_at').where('due_at', '<', ref).where('received_at', '<', ref))
            .count({ n: '*' })
            .unionAll(
              sc(db('supervisor_applications').where('completed_at', '>', ref).whereRaw('completed_at > due_at').where('due_at', '<', ref).where('received_at', '<', ref)).count({ n: '*' }),
              false, // SQLite takes no parentheses around a compound's members
            )
            .as('o'),
        )
        .first() as Promise<{ n: number } | undefined>,
      sc(db('supervisor_applications').whereNull('completed_at').where('due_at', '>=', nowIso).where('due_at', '<', this.atRiskEnd(now, ctx)))
        .orderBy('due_at')
        .limit(LIST_LIMIT * 4)
        .select(APP_COLUMNS) as Promise<AppRow[]>,
      sc(db('supervisor_applications').whereNull('completed_at').where('due_at', '<', nowIso))
        .orderBy('due_at')
        .limit(LIST_LIMIT)
        .select(APP_COLUMNS) as Promise<AppRow[]>,
    ]);
    // A due state depends only on being past due, else on the agency's schedule and the due's
    // local day: computed once per (agency, day) instead of per listed application.
    const states = new Map<string, ApplicationItem['dueState']>();
    const stateOf = (agencyId: string, dueAt: string | null): ApplicationItem['dueState'] => {
      if (dueAt === null) return 'paused';
      const due = new Date(dueAt);
      if (now.getTime() > due.getTime()) return 'overdue';
      const key = `${agencyId}|${Math.floor((due.getTime() + ctx.utcOffsetMinutes * 60_000) / 86_400_000)}`;
      let state = states.get(key);
      if (state === undefined) {
        state = dueStatus(due, now, { calendar: this.calendar, schedule: ctx.schedules.get(agencyId) ?? MON_FRI, utcOffsetMinutes: ctx.utcOffsetMinutes });
        states.set(key, state);
      }
      return state;
    };
    const item = (r: AppRow): ApplicationItem => {
      const s = ctx.services.get(r.service_id);
      const state = stateOf(r.agency_id, r.due_at);
      return {
        id: r.id,
        agencyId: r.agency_id,
        agencyName: ctx.agencies.get(r.agency_id) ?? r.agency_id,
        serviceId: r.service_id,
        serviceName: s?.name ?? r.service_id,
        status: r.status,
        receivedAt: r.received_at,
        dueAt: r.due_at,
        dueState: state,
      };
    };
    return {
      received: Number(received?.n ?? 0),
      completed: Number(completed?.n ?? 0),
      completedWithinSla: Number(completed?.w ?? 0),
      overdue: Number(overdue?.n ?? 0),
      atRisk: atRiskRows
        .map(item)
        .filter((i) => i.dueState === 'due_today' || i.dueState === 'due_soon')
        .slice(0, LIST_LIMIT),
      overdueList: overdueRows.map(item),
    };
  }

  /**
   * The end (exclusive instant) of the at-risk window: due today or on the next working day
   * (dueStatus), for the agency schedule that reaches furthest (e.g. after a long holiday).
   */
  private atRiskEnd(now: Date, ctx: MallContext): string {
    const today = localDateOf(now, ctx.utcOffsetMinutes);
    let end = addDays(today, 1);
    for (const schedule of new Set([MON_FRI, ...ctx.schedules.values()])) {
      let d = addDays(today, 1);
      while (workingDaysBetween(today, d, this.calendar, schedule) <= 1 && d < addDays(today, 60)) d = addDays(d, 1);
      if (d > end) end = d;
    }
    return new Date(dayStartMs(end, ctx.utcOffsetMinutes)).toISOString();
  }

  async signedDay(day: string): Promise<Omit<SignOff, 'corrections'> | null> {
    const row = (await this.d.db('supervisor_signoffs').where({ day }).first()) as
      | { day: string; signed_by: string; signed_by_name: string; signed_at: string; note: string | null; figures_json: string }
      | undefined;
    if (!row) return null;
    return { day: row.day, signedBy: row.signed_by, signedByName: row.signed_by_name, signedAt: row.signed_at, note: row.note, figures: JSON.parse(row.figures_json) as Figures };
  }

  /** Signs a day's mall recap: the figures are frozen as they are now; later changes show as corrections. */
  async signOff(day: string, officer: { id: string; name: string }, note: string | null): Promise<SignOff> {
    const ctx = await this.context();
    const now = this.d.now();
    const today = localDateOf(now, ctx.utcOffsetMinutes);
    if (day > today) throw new LoketError('VALIDATION', 'Hari yang belum terjadi tidak dapat ditandatangani.', 'A day that has not happened cannot be signed off.');
    const figures = await this.totals(day, day, {}, ctx);
    const signedAt = now.toISOString();
    await this.d.db.transaction(async (trx) => {
      const exists = await trx('supervisor_signoffs').where({ day }).first('day');
      if (exists) throw new LoketError('CONFLICT', 'Rekap hari ini sudah ditandatangani dan dibekukan.', 'This day’s recap is already signed off and frozen.');
      await trx('supervisor_signoffs').insert({ day, signed_by: officer.id, signed_by_name: officer.name, signed_at: signedAt, note, figures_json: JSON.stringify(figures) });
    });
    return { day, signedBy: officer.id, signedByName: officer.name, signedAt, note, figures, corrections: [] };
  }
}

const APP_COLUMNS = ['id', 'agency_id', 'service_id', 'status', 'received_at', 'due_at'];

interface AppRow {
  id: string;
  agency_id: string;
  service_id: string;
  status: string;
  received_at: string;
  due_at: string | null;
}


