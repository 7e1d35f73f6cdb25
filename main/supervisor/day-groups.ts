/**
 * The rollup rows (supervisor_day_groups, 007) of a range, parsed, with a cache of parsed days in
 * the main process and, for past days, a stored binary copy (supervisor_day_blobs, 008) for the
 * next start. Either is used only while the day's change counter (supervisor_day_versions, 008,
 * bumped by triggers in the writing transaction) is the one it was made at, so past days are read
 * and parsed once and today's rows again after each change. Whole-mall days; a scope is a filter.
 */
import type { Knex } from 'knex';
import type { Scope } from '../../common/ipc/channels/supervisor';
import { buildDay, groupsOf, type DayData, type FactGroup, type RawGroup } from './day-data';
import { decodeDay, encodeDay } from './day-blob';

export type { FactGroup } from './day-data';

const EMPTY: readonly number[] = [];

/** A comma list of integers (group_concat) → numbers; by character codes (a month is ~10⁶ values). */
export function parseList(s: string): readonly number[] {
  if (s === '') return EMPTY;
  const out: number[] = [];
  let v = 0;
  let neg = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 44) {
      out.push(neg ? -v : v);
      v = 0;
      neg = false;
    } else if (c >= 48 && c <= 57) v = v * 10 + (c - 48);
    else if (c === 45 && (i === 0 || s.charCodeAt(i - 1) === 44)) neg = true;
    else return s.split(',').map(Number); // not plain integers: the general (slower) way
  }
  out.push(neg ? -v : v);
  return out;
}

/** Days kept parsed: a month and its previous period with room for drill-downs into older ones. */
const MAX_CACHED_DAYS = 124;
/** Day blobs are written this long after the query that read the days from the rollup. */
const STORE_AFTER_MS = 2_000;

export class DayGroups {
  private readonly cache = new Map<string, { version: number; groups: FactGroup[] }>();

  constructor(
    private readonly db: Knex,
    private readonly useCache = true,
  ) {}

  /** Days to store as blobs, written once the dashboard has been idle a moment. */
  private readonly toStore = new Map<string, { version: number; data: DayData }>();
  private storeTimer: ReturnType<typeof setTimeout> | null = null;

  /** Forgets the parsed days; `persisted` also drops the stored and pending day blobs (the bench's first views). */
  async clear(opts: { persisted?: boolean } = {}): Promise<void> {
    this.cache.clear();
    if (opts.persisted) {
      this.toStore.clear();
      if (this.storeTimer) clearTimeout(this.storeTimer);
      this.storeTimer = null;
      await this.db('supervisor_day_blobs').delete();
    }
  }

  /**
   * Writes the pending day blobs now (normally a timer does, off the queries' path: encoding and
   * writing a month takes longer than answering it). Best effort: a lost blob only means the day
   * is read from the rollup again.
   */
  async flush(): Promise<void> {
    if (this.storeTimer) clearTimeout(this.storeTimer);
    this.storeTimer = null;
    const rows = [...this.toStore].map(([day, r]) => ({ service_day: day, version: r.version, data: encodeDay(r.data) }));
    this.toStore.clear();
    if (rows.length === 0) return;
    try {
      await this.db.transaction(async (trx) => {
        for (const r of rows) await trx('supervisor_day_blobs').insert(r).onConflict('service_day').merge();
      });
    } catch {
      // e.g. the database closed meanwhile
    }
  }

  /** The range's days and their change counters: equal stamps mean equal rollup rows. */
  async stamp(from: string, to: string): Promise<string> {
    const versions = (await this.db('supervisor_day_versions').whereBetween('service_day', [from, to]).orderBy('service_day').select('service_day', 'version')) as { service_day: string; version: number }[];
    return versions.map((v) => `${v.service_day}:${v.version}`).join(',');
  }

  /**
   * The range's groups, filtered by scope. A day comes from memory, else from its stored blob,
   * else from the rollup rows; days before `today` read from rows are stored as blobs for the
   * next start (by a timer after the answer, off the queries' path; `flush` writes them at once).
   */
  async read(from: string, to: string, scope: Scope, today?: string): Promise<FactGroup[]> {
    const versions = (await this.db('supervisor_day_versions').whereBetween('service_day', [from, to]).select('service_day', 'version')) as { service_day: string; version: number }[];
    const versionOf = new Map(versions.map((v) => [v.service_day, Number(v.version)]));
    const missing = versions.filter((v) => !this.useCache || this.cache.get(v.service_day)?.version !== Number(v.version)).map((v) => v.service_day);
    const fresh = new Map<string, FactGroup[]>();
    if (missing.length > 0 && this.useCache) {
      const blobs = (await this.db('supervisor_day_blobs').whereIn('service_day', missing).select('service_day', 'version', 'data')) as { service_day: string; version: number; data: Buffer }[];
      for (const b of blobs) {
        if (Number(b.version) !== versionOf.get(b.service_day)) continue; // the day changed since
        const day = decodeDay(b.data);
        if (day) fresh.set(b.service_day, groupsOf(day));
      }
    }
    const fromRows = missing.filter((d) => !fresh.has(d));
    if (fromRows.length > 0) {
      const built = await this.readDays(fromRows);
      for (const day of fromRows) {
        const data = built.get(day) ?? buildDay([]); // a day whose tickets were all removed has no rows left
        fresh.set(day, groupsOf(data));
        if (this.useCache && today !== undefined && day < today) this.toStore.set(day, { version: versionOf.get(day)!, data });
      }
      if (this.toStore.size > 0 && this.storeTimer === null) {
        this.storeTimer = setTimeout(() => void this.flush(), STORE_AFTER_MS);
        this.storeTimer.unref?.();
      }
    }
    const out: FactGroup[] = [];
    const keep = (g: FactGroup) =>
      (!scope.agencyId || g.a === scope.agencyId) && (!scope.serviceId || g.s === scope.serviceId) && (!scope.counterId || g.c === scope.counterId) && (!scope.officerId || g.o === scope.officerId);
    for (const v of versions) {
      const day = v.service_day;
      let groups = fresh.get(day);
      if (groups) {
        if (this.useCache) this.remember(day, Number(v.version), groups);
      } else {
        const hit = this.cache.get(day);
        groups = hit?.groups ?? [];
        if (hit) this.remember(day, hit.version, hit.groups); // most recently used last
      }
      for (const g of groups) if (keep(g)) out.push(g);
    }
    return out;
  }

  private remember(day: string, version: number, groups: FactGroup[]): void {
    this.cache.delete(day);
    this.cache.set(day, { version, groups });
    while (this.cache.size > MAX_CACHED_DAYS) {
      const oldest = this.cache.keys().next().value;
      if (oldest === undefined) break;
      this.cache.delete(oldest);
    }
  }

  /** Whole-mall rows of the given days. Two text columns per row: node-sqlite3 pays per column. */
  private async readDays(days: readonly string[]): Promise<Map<string, DayData>> {
    const US = 'char(31)';
    const rows = (await this.db('supervisor_day_groups')
      .whereIn('service_day', days)
      .select(
        this.db.raw(
          `service_day || ${US} || agency_id || ${US} || service_id || ${US} || counter_id || ${US} || officer_id || ${US} || status || ${US} || is_leg || ${US} || n AS g,
           IFNULL(w, '') || ';' || IFNULL(k, '') || ';' || IFNULL(v, '') || ';' || IFNULL(t, '') || ';' || IFNULL(ia, '') || ';' || IFNULL(se, '') AS l`,
        ),
      )) as { g: string; l: string }[];
    const raw = new Map<string, RawGroup[]>();
    for (const r of rows) {
      const [day = '', a = '', s = '', c = '', o = '', st = '', leg = '0', n = '0'] = r.g.split('\u001f');
      const [w = '', k = '', v = '', t = '', ia = '', se = ''] = r.l.split(';');
      let list = raw.get(day);
      if (!list) {
        list = [];
        raw.set(day, list);
      }
      list.push({ key: { a, s, c: c || null, o: o || null, st, leg: Number(leg), n: Number(n) }, lists: [parseList(w), parseList(k), parseList(v), parseList(t)], ia: parseList(ia), se: parseList(se) });
    }
    return new Map([...raw].map(([day, groups]) => [day, buildDay(groups)]));
  }
}
