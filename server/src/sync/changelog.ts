/**
 * The change log. Sequence numbers come from one counter row incremented inside the
 * writing transaction, after everything else: on PostgreSQL the row lock serialises
 * writers until commit, on SQLite writers are serialised anyway. So seq order is commit
 * order, and a reader can never see seq N+1 before N (no nextval() gaps, no timestamps).
 */
import type { Knex } from 'knex';
import { combineDigests, digestChecksum, digestStep, emptyDigest, type DigestAcc } from '../../../common/sync/digest';
import type { EntityDigest } from '../../../common/sync/protocol';
import { isPostgres } from '../db/connect';
import { hotRows } from '../db/hot';
import { bulkInsert } from './bulk';

export interface ChangeInput {
  entity: string;
  entityId: string;
  op: 'upsert' | 'delete';
  /** JSON text of the record after the change, or null for a delete. */
  data: string | null;
  scope: string;
}

const COUNTER = 'changes';
export const CHANGE_COLUMNS = ['seq', 'entity', 'entity_id', 'op', 'data', 'scope', 'created_at'] as const;

export async function readHorizon(db: Knex | Knex.Transaction): Promise<number> {
  const row = (await db('sync_counter').where({ name: COUNTER }).first('value')) as { value: number | string } | undefined;
  return Number(row?.value ?? 0);
}

/** Appends changes with consecutive sequence numbers; call last in the transaction. */
export async function appendChanges(trx: Knex.Transaction, changes: readonly ChangeInput[], now: string): Promise<void> {
  if (changes.length === 0) return;
  if (isPostgres(trx)) {
    // One round trip: the counter's increment and the rows in one statement (the UPDATE in a
    // data-modifying WITH takes the row lock exactly as the separate statement did).
    await trx.raw(
      `with c as (update sync_counter set value = value + ? where name = ? returning value)
       insert into changes (${CHANGE_COLUMNS.join(', ')})
       select c.value - ? + x.i, x.entity, x.entity_id, x.op, x.data, x.scope, ?
       from c, json_to_recordset(?::json) as x(i bigint, entity text, entity_id text, op text, data text, scope text)
       order by x.i`,
      [changes.length, COUNTER, changes.length, now, JSON.stringify(changes.map((c, i) => ({ i: i + 1, entity: c.entity, entity_id: c.entityId, op: c.op, data: c.data, scope: c.scope })))],
    );
    return;
  }
  // One statement: the increment returns the new value (RETURNING on SQLite 3.35+ and PostgreSQL).
  const res = await hotRows<{ value: number | string }>(trx, trx.raw('update sync_counter set value = value + ? where name = ? returning value', [changes.length, COUNTER]));
  const last = Number(res[0]?.value ?? 0);
  const first = last - changes.length + 1;
  await bulkInsert(
    trx,
    'changes',
    CHANGE_COLUMNS,
    changes.map((c, i) => [first + i, c.entity, c.entityId, c.op, c.data, c.scope, now]),
  );
}

export interface DigestDelta {
  entity: string;
  scope: string;
  acc: DigestAcc;
}

/** Accumulates per (entity, scope) the effect of replacing `before` with `after` versions. */
export class DigestDeltas {
  private readonly map = new Map<string, DigestDelta>();
  private of(entity: string, scope: string): DigestAcc {
    const key = `${entity}\u0000${scope}`;
    let d = this.map.get(key);
    if (!d) this.map.set(key, (d = { entity, scope, acc: emptyDigest() }));
    return d.acc;
  }
  remove(entity: string, scope: string, id: string, version: number): void {
    digestStep(this.of(entity, scope), entity, id, version, -1);
  }
  add(entity: string, scope: string, id: string, version: number): void {
    digestStep(this.of(entity, scope), entity, id, version, 1);
  }
  list(): DigestDelta[] {
    return [...this.map.values()].sort((a, b) => (a.entity + a.scope < b.entity + b.scope ? -1 : 1));
  }
}

interface DigestRow {
  entity: string;
  scope: string;
  count: number | string;
  hi: number | string;
  lo: number | string;
}

export async function applyDigestDeltas(trx: Knex.Transaction, deltas: DigestDeltas): Promise<void> {
  const list = deltas.list();
  if (list.length === 0) return;
  const pg = isPostgres(trx);
  const rows: unknown[][] = [];
  for (const d of list) {
    const q = trx('sync_digest').where({ entity: d.entity, scope: d.scope });
    const cur = (await (pg ? q.forUpdate() : q).first()) as DigestRow | undefined;
    const next = combineDigests([
      cur ? { count: Number(cur.count), hi: Number(cur.hi), lo: Number(cur.lo) } : emptyDigest(),
      d.acc,
    ]);
    rows.push([d.entity, d.scope, next.count, next.hi, next.lo]);
  }
  await bulkInsert(trx, 'sync_digest', ['entity', 'scope', 'count', 'hi', 'lo'], rows, { key: ['entity', 'scope'], update: ['count', 'hi', 'lo'] });
}

/** The digest of everything in the given scopes ('all' = every scope), per entity. */
export async function readDigest(db: Knex | Knex.Transaction, scopes: 'all' | string[], entities: readonly string[]): Promise<Record<string, EntityDigest>> {
  const q = db('sync_digest').select('entity', 'scope', 'count', 'hi', 'lo');
  if (scopes !== 'all') q.whereIn('scope', scopes);
  const rows = (await q) as DigestRow[];
  const by = new Map<string, DigestAcc[]>();
  for (const r of rows) {
    const list = by.get(r.entity) ?? [];
    list.push({ count: Number(r.count), hi: Number(r.hi), lo: Number(r.lo) });
    by.set(r.entity, list);
  }
  const out: Record<string, EntityDigest> = {};
  for (const e of new Set([...entities, ...by.keys()])) {
    const acc = combineDigests(by.get(e) ?? []);
    out[e] = { count: acc.count, checksum: digestChecksum(acc) };
  }
  return out;
}
