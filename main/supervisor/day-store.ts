/**
 * The days' cells (./day-cells.ts) of a range: from memory, else from their stored copy
 * (supervisor_day_cells, 009), else built from the rollup rows (supervisor_day_groups, 007). A
 * copy is used only while the day's change counter (supervisor_day_versions, 008, bumped by
 * triggers in the writing transaction, whoever wrote: the queue or sync) and the waiting targets
 * are the ones it was built with, so a changed day is rebuilt and every other day is reused.
 * Days built from rows are stored by a timer after the answer (off the queries' path), and
 * `maintain` rebuilds the stored copies of every past day that changed, e.g. after a sync.
 */
import type { Knex } from 'knex';
import { buildParts, type DayPart, type DayParts, type PartName, type RawGroup } from './day-cells';
import { decodePart, encodePart } from './cells-blob';

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

/** The waiting targets the cells are built with: a stamp (equal stamps, equal targets) and the lookup. */
export interface Targets {
  stamp: string;
  ms: (serviceId: string) => number;
}

/** Days kept in memory: a month and its previous period with room for drill-downs into older ones. */
const MAX_CACHED_DAYS = 124;
/** Built days are stored this long after the query that built them. */
const STORE_AFTER_MS = 2_000;
/** Days rebuilt per statement by `maintain`. */
const MAINTAIN_BATCH = 16;
const PARTS: readonly PartName[] = ['M', 'A', 'R', 'G'];

interface Entry {
  version: number;
  targets: string;
  parts: Partial<DayParts>;
}

export interface DayCells {
  day: string;
  parts: Partial<DayParts>;
}

export class DayStore {
  private readonly cache = new Map<string, Entry>();
  /** Days to store, written once the dashboard has been idle a moment. */
  private readonly toStore = new Map<string, { version: number; targets: string; parts: Partial<DayParts> }>();
  private storeTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly db: Knex,
    private readonly useCache = true,
  ) {}

  /** Forgets the days in memory; `persisted` also drops the stored and pending copies (the bench's cold views). */
  async clear(opts: { persisted?: boolean } = {}): Promise<void> {
    this.cache.clear();
    if (opts.persisted) {
      this.toStore.clear();
      if (this.storeTimer) clearTimeout(this.storeTimer);
      this.storeTimer = null;
      await this.db('supervisor_day_cells').delete();
    }
  }

  /** Writes the pending copies now (normally a timer does). Best effort: a lost copy only means a rebuild. */
  async flush(): Promise<void> {
    if (this.storeTimer) clearTimeout(this.storeTimer);
    this.storeTimer = null;
    const pending = [...this.toStore];
    this.toStore.clear();
    if (pending.length === 0) return;
    try {
      await this.db.transaction(async (trx) => {
        for (const [day, r] of pending) {
          for (const part of PARTS) {
            const data = r.parts[part];
            if (!data) continue;
            await trx('supervisor_day_cells')
              .insert({ service_day: day, part, version: r.version, targets: r.targets, data: encodePart(data) })
              .onConflict(['service_day', 'part'])
              .merge();
          }
        }
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
   * The range's days (those that ever had tickets, in order) with the wanted parts. Days before
   * `today` built from rows are stored for the next start by a timer (`flush` writes them at once).
   */
  async read(from: string, to: string, want: readonly PartName[], targets: Targets, today?: string): Promise<DayCells[]> {
    const versions = (await this.db('supervisor_day_versions').whereBetween('service_day', [from, to]).orderBy('service_day').select('service_day', 'version')) as {
      service_day: string;
      version: number;
    }[];
    const entries = new Map<string, Entry>();
    const lacking: string[] = [];
    for (const v of versions) {
      const version = Number(v.version);
      const hit = this.useCache ? this.cache.get(v.service_day) : undefined;
      const entry: Entry = hit && hit.version === version && hit.targets === targets.stamp ? hit : { version, targets: targets.stamp, parts: {} };
      entries.set(v.service_day, entry);
      if (!want.every((p) => entry.parts[p])) lacking.push(v.service_day);
    }
    if (lacking.length > 0 && this.useCache) {
      const rows = (await this.db('supervisor_day_cells')
        .whereIn('service_day', lacking)
        .whereIn('part', want as PartName[])
        .where('targets', targets.stamp)
        .select('service_day', 'part', 'version', 'data')) as { service_day: string; part: PartName; version: number; data: Buffer }[];
      for (const r of rows) {
        const entry = entries.get(r.service_day)!;
        if (Number(r.version) !== entry.version || entry.parts[r.part]) continue; // the day changed since
        const part = decodePart(r.data);
        if (part) entry.parts[r.part] = part;
      }
    }
    const fromRows = lacking.filter((d) => !want.every((p) => entries.get(d)!.parts[p]));
    if (fromRows.length > 0) {
      // Only the wanted parts (a comparison's days need the mall and agency cells only).
      const built = await this.build(fromRows, targets, want);
      for (const day of fromRows) {
        const entry = entries.get(day)!;
        const parts = built.get(day)!;
        entry.parts = { ...entry.parts, ...parts };
        if (this.useCache && today !== undefined && day < today) {
          const pending = this.toStore.get(day);
          this.toStore.set(day, { version: entry.version, targets: targets.stamp, parts: pending?.version === entry.version && pending.targets === targets.stamp ? { ...pending.parts, ...parts } : parts });
        }
      }
      if (this.toStore.size > 0 && this.storeTimer === null) {
        this.storeTimer = setTimeout(() => void this.flush(), STORE_AFTER_MS);
        this.storeTimer.unref?.();
      }
    }
    const out: DayCells[] = [];
    for (const [day, entry] of entries) {
      if (this.useCache) this.remember(day, entry);
      out.push({ day, parts: entry.parts });
    }
    return out;
  }

  /**
   * Rebuilds and stores the copies of the past days (before `today`) whose data or targets
   * changed since their copy was made (a sync brought late tickets, a correction, new targets),
   * from `since` on, so the next view reads copies instead of the rollup. Returns the number of
   * days rebuilt.
   */
  async maintain(targets: Targets, today: string, since: string): Promise<number> {
    const stale = (await this.db('supervisor_day_versions as v')
      .where('v.service_day', '<', today)
      .where('v.service_day', '>=', since)
      .whereRaw('(SELECT count(*) FROM supervisor_day_cells c WHERE c.service_day = v.service_day AND c.version = v.version AND c.targets = ?) < ?', [targets.stamp, PARTS.length])
      .orderBy('v.service_day')
      .select('v.service_day', 'v.version')) as { service_day: string; version: number }[];
    for (let i = 0; i < stale.length; i += MAINTAIN_BATCH) {
      const batch = stale.slice(i, i + MAINTAIN_BATCH);
      const built = await this.build(
        batch.map((b) => b.service_day),
        targets,
        PARTS,
      );
      for (const b of batch) this.toStore.set(b.service_day, { version: Number(b.version), targets: targets.stamp, parts: built.get(b.service_day)! });
      await this.flush();
    }
    return stale.length;
  }

  private remember(day: string, entry: Entry): void {
    this.cache.delete(day);
    this.cache.set(day, entry);
    while (this.cache.size > MAX_CACHED_DAYS) {
      const oldest = this.cache.keys().next().value;
      if (oldest === undefined) break;
      this.cache.delete(oldest);
    }
  }

  /** The cells of the given days from their whole-mall rollup rows. Two text columns per row: node-sqlite3 pays per column. */
  private async build(days: readonly string[], targets: Targets, want: readonly PartName[]): Promise<Map<string, Partial<DayParts>>> {
    const US = 'char(31)';
    const rows = (await this.db('supervisor_day_groups')
      .whereIn('service_day', days)
      .select(
        this.db.raw(
          `service_day || ${US} || agency_id || ${US} || service_id || ${US} || counter_id || ${US} || officer_id || ${US} || status || ${US} || is_leg || ${US} || n AS g,
           IFNULL(w, '') || ';' || IFNULL(k, '') || ';' || IFNULL(v, '') || ';' || IFNULL(t, '') || ';' || IFNULL(ia, '') || ';' || IFNULL(se, '') AS l`,
        ),
      )) as { g: string; l: string }[];
    const raw = new Map<string, RawGroup[]>(days.map((d) => [d, []]));
    for (const r of rows) {
      const [day = '', a = '', s = '', c = '', o = '', st = '', leg = '0', n = '0'] = r.g.split('\u001f');
      const [w = '', k = '', v = '', t = '', ia = '', se = ''] = r.l.split(';');
      raw.get(day)?.push({ key: { a, s, c: c || null, o: o || null, st, leg: Number(leg), n: Number(n) }, lists: [parseList(w), parseList(k), parseList(v), parseList(t)], ia: parseList(ia), se: parseList(se) });
    }
    // A day whose tickets were all removed has no rows left: empty cells.
    return new Map([...raw].map(([day, groups]) => [day, buildParts(groups, targets.ms, want)]));
  }
}

export type { DayPart };
