/**
 * How the sync engine applies server rows to the counter's copy, per entity. Every write
 * of a server-confirmed row goes through `confirmRows`: it never lets an older version
 * overwrite a newer one, keeps the digest in step in the same transaction, and then
 * re-applies the officer's still-pending intents on top (so a pull never hides a change
 * that is not yet on the server).
 */
import type { Knex } from 'knex';
import { digestStep, emptyDigest, type DigestAcc } from '../../common/sync/digest';
import { pendingEntries } from './outbox';

export interface ConfirmedRecord {
  id: string;
  version: number;
}

export interface PendingIntent {
  id: string;
  kind: string;
  payload: Record<string, unknown>;
}

/**
 * An entity the engine pulls (and pushes, for its `kinds`). Registered in main/app/compose.ts:
 * applications (main/applications), SKM answers (main/survey) and queue tickets
 * (main/queue/sync-entity.ts, `ticket`: pulled into the queue mirror, no digest).
 */
export interface ClientEntity {
  name: string;
  /**
   * false: no digest is kept or compared for this entity (its local table legitimately holds
   * rows the server's digest cannot describe, e.g. offline-only queue tickets); never repaired.
   */
  digest?: false;
  /** The outbox kinds this engine pushes for the entity (other kinds, e.g. the queue's, are left to their owners). */
  kinds: readonly string[];
  /** Validates a row snapshot from the server; null when it is not acceptable. */
  parse(data: unknown): ConfirmedRecord | null;
  /** Writes confirmed rows as they are (insert or replace). */
  upsert(trx: Knex.Transaction, records: readonly ConfirmedRecord[]): Promise<void>;
  remove(trx: Knex.Transaction, ids: readonly string[]): Promise<void>;
  /** Local versions of these ids (0 = only local, absent = no row). */
  versions(trx: Knex.Transaction, ids: readonly string[]): Promise<Map<string, number>>;
  /** Every server-confirmed row (version > 0), for rebuilding the digest and repairs. */
  confirmed(trx: Knex.Transaction): Promise<{ id: string; version: number }[]>;
  /** The id of the row an intent of this entity targets, or null if the intent is not this entity's. */
  targetOf(kind: string, payload: Record<string, unknown>): string | null;
  /** Applies one intent to the local working copy (at write time and when replaying). */
  applyLocal(trx: Knex.Transaction, intent: PendingIntent): Promise<void>;
  /** Drops a row that exists only locally (version 0), e.g. after its create was rejected. */
  removeLocalOnly(trx: Knex.Transaction, id: string): Promise<void>;
}

export async function loadDigest(trx: Knex | Knex.Transaction, entity: string): Promise<DigestAcc> {
  const row = (await trx('sync_digest').where({ entity }).first()) as { count: number; hi: number | string; lo: number | string } | undefined;
  return row ? { count: Number(row.count), hi: Number(row.hi), lo: Number(row.lo) } : emptyDigest();
}

export async function saveDigest(trx: Knex.Transaction, entity: string, acc: DigestAcc): Promise<void> {
  await trx('sync_digest').insert({ entity, count: acc.count, hi: acc.hi, lo: acc.lo }).onConflict('entity').merge();
}

/** Pending intents grouped by the id they target, for one entity (few: only what is not on the server). */
export async function pendingByTarget(trx: Knex.Transaction, entity: ClientEntity): Promise<Map<string, PendingIntent[]>> {
  const out = new Map<string, PendingIntent[]>();
  const any = await trx('outbox').where({ state: 'pending' }).first('id');
  if (!any) return out;
  for (const e of await pendingEntries(trx)) {
    const target = entity.targetOf(e.kind, e.payload);
    if (target === null) continue;
    const list = out.get(target) ?? [];
    list.push({ id: e.id, kind: e.kind, payload: e.payload });
    out.set(target, list);
  }
  return out;
}

export async function replayPending(trx: Knex.Transaction, entity: ClientEntity, ids: Iterable<string>, pending?: Map<string, PendingIntent[]>): Promise<void> {
  const byTarget = pending ?? (await pendingByTarget(trx, entity));
  if (byTarget.size === 0) return;
  for (const id of ids) for (const intent of byTarget.get(id) ?? []) await entity.applyLocal(trx, intent);
}

/**
 * Writes server rows. `force` (repair) also overwrites a local row claiming a newer
 * version. Returns the number of rows written.
 */
export async function confirmRows(trx: Knex.Transaction, entity: ClientEntity, records: readonly ConfirmedRecord[], opts: { force?: boolean } = {}): Promise<number> {
  if (records.length === 0) return 0;
  // The last snapshot of an id in the batch wins.
  const latest = new Map<string, ConfirmedRecord>();
  for (const r of records) {
    const prev = latest.get(r.id);
    if (!prev || r.version >= prev.version) latest.set(r.id, r);
  }
  const ids = [...latest.keys()];
  const local = await entity.versions(trx, ids);
  if (entity.digest === false) {
    const write = [...latest.values()].filter((r) => {
      const v = local.get(r.id);
      return v === undefined || v <= r.version || opts.force === true;
    });
    await entity.upsert(trx, write);
    await replayPending(trx, entity, write.map((r) => r.id));
    return write.length;
  }
  const acc = await loadDigest(trx, entity.name);
  const write: ConfirmedRecord[] = [];
  for (const r of latest.values()) {
    const v = local.get(r.id);
    if (v !== undefined && v > r.version && !opts.force) continue;
    if (v !== undefined && v > 0) digestStep(acc, entity.name, r.id, v, -1);
    digestStep(acc, entity.name, r.id, r.version, 1);
    write.push(r);
  }
  await entity.upsert(trx, write);
  await saveDigest(trx, entity.name, acc);
  await replayPending(
    trx,
    entity,
    write.map((r) => r.id),
  );
  return write.length;
}

/** Deletes server-confirmed rows (op 'delete'). */
export async function confirmDeletes(trx: Knex.Transaction, entity: ClientEntity, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  if (entity.digest === false) {
    await entity.remove(trx, ids);
    return;
  }
  const local = await entity.versions(trx, ids);
  const acc = await loadDigest(trx, entity.name);
  for (const [id, v] of local) if (v > 0) digestStep(acc, entity.name, id, v, -1);
  await entity.remove(trx, ids);
  await saveDigest(trx, entity.name, acc);
}

/** Recomputes an entity's digest from its rows (after a repair). */
export async function rebuildDigest(trx: Knex.Transaction, entity: ClientEntity): Promise<DigestAcc> {
  const acc = emptyDigest();
  if (entity.digest === false) return acc;
  for (const r of await entity.confirmed(trx)) digestStep(acc, entity.name, r.id, r.version, 1);
  await saveDigest(trx, entity.name, acc);
  return acc;
}
