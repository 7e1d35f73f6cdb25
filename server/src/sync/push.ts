/**
 * Applies one pushed batch in ONE transaction and answers per entry.
 *
 * 1. Entries already recorded in sync_applied answer 'duplicate' (or their original
 *    rejection) and change nothing; an id repeated inside the batch likewise.
 * 2. The rows the intents target are loaded in bulk (FOR UPDATE on PostgreSQL, in id
 *    order so two batches cannot deadlock), then every entry is decided in order, in
 *    memory, against the state left by the entries before it. A rejected entry writes
 *    nothing and never blocks the ones after it.
 * 3. The resulting rows are written in bulk inside a savepoint. Should that fail
 *    unexpectedly, the batch is re-run entry by entry, each in its own savepoint, so
 *    only the failing entry is rejected.
 * 4. Outcomes go to sync_applied, one change per touched row to the change log (seq
 *    allocated last, see changelog.ts), and the digests are updated — same transaction.
 *
 * Two deliveries of the same entry racing on PostgreSQL: the second one's insert into
 * sync_applied conflicts, its whole transaction rolls back, and it is answered 409 so the
 * counter retries and then gets 'duplicate'.
 */
import type { Knex } from 'knex';
import type { z } from 'zod';
import type { PushRequest, PushResult } from '../../../common/sync/protocol';
import type { AuthOfficer } from '../auth/officers';
import { canAccessAgency } from '../auth/guard';
import { isPostgres } from '../db/connect';
import { loadServices } from '../applications/applications';
import { bulkInsert, selectByIds } from './bulk';
import { appendChanges, applyDigestDeltas, DigestDeltas, type ChangeInput } from './changelog';
import type { Decision, EntityDef, EntityRecord, IntentHandler } from './intents';
import { ENTITIES, INTENTS } from './registry';

interface AppliedRow {
  entry_id: string;
  status: string;
  code: string | null;
  message: string | null;
  message_en: string | null;
}

interface Slot {
  entity: EntityDef<EntityRecord>;
  id: string;
  before: EntityRecord | null;
  after: EntityRecord | null;
}

interface Work {
  index: number;
  entryId: string;
  kind: string;
  handler: IntentHandler<z.ZodType> | null;
  payload: unknown;
  target: { entity: string; id: string } | null;
  /** Set when the entry cannot even be decided (unknown kind, invalid payload). */
  invalid: { code: string; message: string; messageEn: string } | null;
}

/** Lets the database's callbacks run between slices of in-memory work, so both threads stay busy. */
const YIELD_EVERY = 500;
const yieldToIo = () => new Promise<void>((resolve) => setImmediate(resolve));

const key = (entity: string, id: string) => `${entity}\u0000${id}`;

function prepare(index: number, entry: PushRequest['entries'][number]): Work {
  const w: Work = { index, entryId: entry.id, kind: entry.kind, handler: null, payload: null, target: null, invalid: null };
  const handler = INTENTS.get(entry.kind);
  if (!handler) {
    w.invalid = { code: 'UNKNOWN_KIND', message: `Jenis perubahan "${entry.kind}" tidak dikenal server ini.`, messageEn: `The server does not know the change kind "${entry.kind}".` };
    return w;
  }
  const quick = handler.quick?.(entry.payload);
  const parsed = quick ? { success: true as const, data: quick } : handler.schema.safeParse(entry.payload);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.map(String).join('.') || '(payload)';
    w.invalid = {
      code: 'VALIDATION',
      message: `Data perubahan tidak valid pada "${field}".`,
      messageEn: `Invalid change data at "${field}": ${issue?.message ?? 'invalid'}.`,
    };
    return w;
  }
  w.handler = handler;
  w.payload = parsed.data;
  const target = handler.target(parsed.data);
  if (!ENTITIES.has(target.entity)) throw new Error(`intent ${entry.kind} targets unknown entity ${target.entity}`);
  w.target = target;
  return w;
}

async function loadSlots(trx: Knex.Transaction, work: readonly Work[]): Promise<Map<string, Slot>> {
  const slots = new Map<string, Slot>();
  const byEntity = new Map<string, Set<string>>();
  for (const w of work) {
    if (!w.target) continue;
    const set = byEntity.get(w.target.entity) ?? new Set<string>();
    set.add(w.target.id);
    byEntity.set(w.target.entity, set);
  }
  for (const [name, idSet] of byEntity) {
    const def = ENTITIES.get(name);
    if (!def) continue;
    const ids = [...idSet].sort();
    const rows = await selectByIds<Record<string, unknown>>(trx, def.table, def.columns, 'id', ids, { forUpdate: true });
    const found = new Map(rows.map((r) => [String(r.id), def.fromRow(r)]));
    for (const id of ids) {
      const before = found.get(id) ?? null;
      slots.set(key(name, id), { entity: def, id, before, after: before });
    }
  }
  return slots;
}

function conflictKeyUpdate(def: EntityDef<EntityRecord>) {
  return { key: ['id'], update: def.columns.filter((c) => c !== 'id') };
}

async function writeRecords(trx: Knex.Transaction, def: EntityDef<EntityRecord>, records: readonly EntityRecord[]): Promise<void> {
  await bulkInsert(trx, def.table, def.columns, records.map((r) => def.toRow(r)), conflictKeyUpdate(def));
}

/**
 * The batch's rows: those the batch creates (no row before it) with a plain INSERT — should one
 * exist after all (a concurrent create on PostgreSQL), the statement fails and the caller redoes
 * the batch entry by entry — the others with the upsert.
 */
async function writeSlots(trx: Knex.Transaction, touched: readonly Slot[]): Promise<void> {
  const byEntity = new Map<EntityDef<EntityRecord>, { created: unknown[][]; changed: EntityRecord[] }>();
  for (const s of touched) {
    if (!s.after) continue;
    let group = byEntity.get(s.entity);
    if (!group) byEntity.set(s.entity, (group = { created: [], changed: [] }));
    if (s.before) group.changed.push(s.after);
    else group.created.push(s.entity.toRow(s.after));
  }
  for (const [def, { created, changed }] of byEntity) {
    await bulkInsert(trx, def.table, def.columns, created);
    await writeRecords(trx, def, changed);
  }
}

export async function processPush(db: Knex, officer: AuthOfficer, req: PushRequest, now: string): Promise<PushResult[]> {
  return db.transaction(async (trx) => {
    // SQLite: a larger page cache for this connection keeps bulk inserts into big B-trees fast.
    if (!isPostgres(trx)) await trx.raw('PRAGMA cache_size = -65536');
    const n = req.entries.length;
    const results: (PushResult | undefined)[] = new Array<PushResult | undefined>(n);
    const uniqueIds = [...new Set(req.entries.map((e) => e.id))];
    const known = new Map(
      (await selectByIds<AppliedRow>(trx, 'sync_applied', ['entry_id', 'status', 'code', 'message', 'message_en'], 'entry_id', uniqueIds)).map((r) => [r.entry_id, r]),
    );
    const fresh: Work[] = [];
    const redelivered: Work[] = [];
    const inBatch = new Set<string>();
    for (const [i, entry] of req.entries.entries()) {
      const prior = known.get(entry.id);
      if (prior) {
        if (prior.status === 'applied') results[i] = { id: entry.id, status: 'duplicate' };
        else {
          results[i] = { id: entry.id, status: 'rejected', code: prior.code ?? 'REJECTED', message: prior.message ?? '', messageEn: prior.message_en ?? '' };
          redelivered.push(prepare(i, entry));
        }
        continue;
      }
      if (inBatch.has(entry.id)) {
        results[i] = { id: entry.id, status: 'duplicate' };
        continue;
      }
      inBatch.add(entry.id);
      fresh.push(prepare(i, entry));
    }

    const slots = await loadSlots(trx, [...fresh, ...redelivered]);
    // Applications and SKM answers check their service (survey answers were rejected as UNKNOWN_SERVICE without it).
    const services = fresh.some((w) => w.kind.startsWith('application.') || w.kind === 'survey.submit') ? await loadServices(trx) : new Map<string, { agencyId: string }>();
    const ctx = {
      officer,
      now,
      services,
      get: (entity: string, id: string) => slots.get(key(entity, id))?.after ?? null,
    };
    // Decisions by entry index (the request's order).
    const decisions: (Decision | undefined)[] = new Array<Decision | undefined>(n);

    const decide = (w: Work): Decision => {
      if (w.invalid || !w.handler) return { ok: false, ...(w.invalid ?? { code: 'INTERNAL', message: 'Galat internal.', messageEn: 'Internal error.' }) };
      try {
        return w.handler.apply(ctx, w.payload);
      } catch {
        return { ok: false, code: 'INTERNAL', message: 'Server gagal memproses perubahan ini.', messageEn: 'The server failed to process this change.' };
      }
    };

    // Fast path: decide everything in memory, write the rows in bulk in one savepoint.
    for (const w of fresh) {
      const d = decide(w);
      decisions[w.index] = d;
      if (d.ok && w.target) {
        const slot = slots.get(key(w.target.entity, w.target.id));
        if (slot) slot.after = d.put;
      }
    }
    const changedSlots = () => {
      const out: Slot[] = [];
      for (const s of slots.values()) if (s.after !== s.before && s.after !== null) out.push(s);
      return out;
    };

    // Results, idempotency records, change log rows and digest deltas of the decided batch.
    const dayOnly = `${now.slice(0, 10)}T00:00:00.000Z`;
    const summarize = async () => {
      const touched = changedSlots();
      const applied: unknown[][] = [];
      const currentFor = (w: Work): Partial<PushResult> => {
        if (!w.target) return {};
        const slot = slots.get(key(w.target.entity, w.target.id));
        const cur = slot?.after ?? null;
        const readable = cur !== null && slot !== undefined && (slot.entity.scopeOf(cur) === '*' || canAccessAgency(officer, slot.entity.scopeOf(cur), 'read'));
        return { entity: w.target.entity, entityId: w.target.id, current: readable ? (cur as unknown as Record<string, unknown>) : null };
      };
      // Anonymous entities (EntityDef.anonymous): no sender and no time of day on the server.
      const anonymous = (w: Work) => (w.target ? ENTITIES.get(w.target.entity)?.anonymous === true : false);
      for (const [i, w] of fresh.entries()) {
        if (i % YIELD_EVERY === YIELD_EVERY - 1) await yieldToIo();
        const d = decisions[w.index];
        if (!d) continue;
        const anon = anonymous(w);
        const inst = anon ? '' : req.installationId;
        const by = anon ? '' : officer.id;
        const at = anon ? dayOnly : now;
        if (d.ok) {
          results[w.index] = { id: w.entryId, status: 'applied' };
          applied.push([w.entryId, inst, by, w.kind, 'applied', null, null, null, at]);
        } else {
          results[w.index] = { id: w.entryId, status: 'rejected', code: d.code, message: d.message, messageEn: d.messageEn, ...currentFor(w) };
          applied.push([w.entryId, inst, by, w.kind, 'rejected', d.code, d.message, d.messageEn, at]);
        }
      }
      for (const w of redelivered) {
        const r = results[w.index];
        if (r) results[w.index] = { ...r, ...currentFor(w) };
      }
      const changes: ChangeInput[] = [];
      const anonymousChanges: ChangeInput[] = [];
      const deltas = new DigestDeltas();
      for (const [i, s] of touched.entries()) {
        if (i % YIELD_EVERY === YIELD_EVERY - 1) await yieldToIo();
        const after = s.after;
        if (!after) continue;
        const scope = s.entity.scopeOf(after);
        if (s.before) deltas.remove(s.entity.name, s.entity.scopeOf(s.before), s.id, s.entity.versionOf(s.before));
        deltas.add(s.entity.name, scope, s.id, s.entity.versionOf(after));
        (s.entity.anonymous ? anonymousChanges : changes).push({ entity: s.entity.name, entityId: s.id, op: 'upsert', data: JSON.stringify(after), scope });
      }
      return { applied, changes, anonymousChanges, deltas };
    };

    // The rows are written on SQLite's thread (or PostgreSQL's process) while this thread
    // summarises the batch; should the write fail, the batch is redone and summarised again.
    const writing = trx.transaction(async (sp) => writeSlots(sp, changedSlots()));
    writing.catch(() => undefined);
    let summary = await summarize();
    try {
      await writing;
    } catch {
      // Slow path: entry by entry, each in its own savepoint.
      for (const s of slots.values()) s.after = s.before;
      decisions.fill(undefined);
      for (const w of fresh) {
        let d = decide(w);
        const slot = w.target ? slots.get(key(w.target.entity, w.target.id)) : undefined;
        if (d.ok && slot) {
          const put = d.put;
          try {
            await trx.transaction(async (sp) => writeRecords(sp, slot.entity, [put]));
            slot.after = put;
          } catch {
            d = { ok: false, code: 'INTERNAL', message: 'Server gagal menyimpan perubahan ini.', messageEn: 'The server failed to store this change.' };
          }
        }
        decisions[w.index] = d;
      }
      summary = await summarize();
    }
    const { applied, changes, anonymousChanges, deltas } = summary;
    await bulkInsert(trx, 'sync_applied', ['entry_id', 'installation_id', 'officer_id', 'kind', 'status', 'code', 'message', 'message_en', 'created_at'], applied);
    await applyDigestDeltas(trx, deltas);
    await appendChanges(trx, changes, now);
    await appendChanges(trx, anonymousChanges, dayOnly);
    return results.map((r, i) => r ?? { id: req.entries[i]?.id ?? '', status: 'rejected', code: 'INTERNAL', message: 'Galat internal.', messageEn: 'Internal error.' });
  });
}

/** A unique-key violation: on sync_applied it means the same entry is being pushed concurrently. */
export function isUniqueViolation(e: unknown): boolean {
  if (typeof e !== 'object' || e === null) return false;
  const code = (e as { code?: unknown }).code;
  return code === '23505' || (code === 'SQLITE_CONSTRAINT' && /UNIQUE|PRIMARY KEY/i.test(String((e as { message?: unknown }).message)));
}
