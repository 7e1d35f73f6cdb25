/**
 * The rollup rows (supervisor_day_groups, 007) of a range, parsed, with a cache of parsed days in
 * the main process. A day is reused while its change counter (supervisor_day_versions, 008, bumped
 * by triggers in the writing transaction) is unchanged, so past days are read and parsed once and
 * today's rows again after each change. The cache holds whole-mall days; a scope is a filter.
 */
import type { Knex } from 'knex';
import type { Scope } from '../../common/ipc/channels/supervisor';

export interface FactGroup {
  a: string;
  s: string;
  c: string | null;
  o: string | null;
  st: string;
  leg: number;
  n: number;
  /** Durations in ms (wait, walk, service, total), NULLs left out. */
  w: readonly number[];
  k: readonly number[];
  v: readonly number[];
  t: readonly number[];
  /** UTC quarter-hours (0–95) of the arrivals (-1: unknown) and of the ends (done or not). */
  ia: readonly number[];
  se: readonly number[];
}

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

export class DayGroups {
  private readonly cache = new Map<string, { version: number; groups: FactGroup[] }>();

  constructor(
    private readonly db: Knex,
    private readonly useCache = true,
  ) {}

  clear(): void {
    this.cache.clear();
  }

  /** The range's groups, filtered by scope. */
  async read(from: string, to: string, scope: Scope): Promise<FactGroup[]> {
    const versions = (await this.db('supervisor_day_versions').whereBetween('service_day', [from, to]).select('service_day', 'version')) as { service_day: string; version: number }[];
    const missing = this.useCache ? versions.filter((v) => this.cache.get(v.service_day)?.version !== Number(v.version)).map((v) => v.service_day) : versions.map((v) => v.service_day);
    const fresh = missing.length ? await this.readDays(missing) : new Map<string, FactGroup[]>();
    const out: FactGroup[] = [];
    const keep = (g: FactGroup) =>
      (!scope.agencyId || g.a === scope.agencyId) && (!scope.serviceId || g.s === scope.serviceId) && (!scope.counterId || g.c === scope.counterId) && (!scope.officerId || g.o === scope.officerId);
    const reread = new Set(missing);
    for (const v of versions) {
      const day = v.service_day;
      let groups: FactGroup[];
      if (reread.has(day)) {
        groups = fresh.get(day) ?? []; // a day whose tickets were all removed has no rows left
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
  private async readDays(days: readonly string[]): Promise<Map<string, FactGroup[]>> {
    const US = 'char(31)';
    const rows = (await this.db('supervisor_day_groups')
      .whereIn('service_day', days)
      .select(
        this.db.raw(
          `service_day || ${US} || agency_id || ${US} || service_id || ${US} || counter_id || ${US} || officer_id || ${US} || status || ${US} || is_leg || ${US} || n AS g,
           IFNULL(w, '') || ';' || IFNULL(k, '') || ';' || IFNULL(v, '') || ';' || IFNULL(t, '') || ';' || IFNULL(ia, '') || ';' || IFNULL(se, '') AS l`,
        ),
      )) as { g: string; l: string }[];
    const out = new Map<string, FactGroup[]>();
    for (const r of rows) {
      const [day = '', a = '', s = '', c = '', o = '', st = '', leg = '0', n = '0'] = r.g.split('\u001f');
      const [w = '', k = '', v = '', t = '', ia = '', se = ''] = r.l.split(';');
      let list = out.get(day);
      if (!list) {
        list = [];
        out.set(day, list);
      }
      list.push({ a, s, c: c || null, o: o || null, st, leg: Number(leg), n: Number(n), w: parseList(w), k: parseList(k), v: parseList(v), t: parseList(t), ia: parseList(ia), se: parseList(se) });
    }
    return out;
  }
}
