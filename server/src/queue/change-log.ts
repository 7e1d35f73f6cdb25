/**
 * The one place where queue changes enter the sync change log, in the caller's transaction.
 * Every write of a ticket row (issue, check-in, claim, event, walk-in, note, replayed intent)
 * goes through `recordQueueChange`, inside a transaction opened by `queueTransaction`.
 *
 * Seq order must be commit order (see ../sync/changelog.ts): the seq counter row is taken
 * LAST in the writing transaction and held until commit. So `recordQueueChange` only notes
 * the ticket's final row on the transaction; `queueTransaction` appends the noted rows (one
 * change per ticket, its last state) after the work is done, just before commit. Nested
 * transactions (the savepoint of each replayed intent) hand their rows up to the outermost
 * one on success and drop them when rolled back, so a rejected intent logs nothing.
 *
 * Entity `ticket`, scope = the ticket's agency: an officer pulls only their agency's tickets,
 * front desk, supervisor and admin installations pull every ticket. No digest is kept for
 * tickets (see TICKET_ENTITY in ./sync-entity.ts for why).
 */
import type { Knex } from 'knex';
import { appendChanges, type ChangeInput } from '../sync/changelog';
import { toServerTicket, type TicketRow } from './rows';

export const TICKET_ENTITY = 'ticket';

/** Tickets written in an open queue transaction, by id (last state wins). */
const pending = new WeakMap<Knex.Transaction, Map<string, TicketRow>>();

export const ticketChange = (row: TicketRow): ChangeInput => ({
  entity: TICKET_ENTITY,
  entityId: row.id,
  op: 'upsert',
  data: JSON.stringify(toServerTicket(row)),
  scope: row.agency_id,
});

/**
 * Records that `row` is the ticket's state after this write. Inside `queueTransaction` the
 * change is appended when that transaction finishes; in any other transaction it is appended
 * at once (the caller must then write nothing after it).
 */
export async function recordQueueChange(trx: Knex.Transaction, row: TicketRow): Promise<void> {
  const list = pending.get(trx);
  if (list) {
    list.delete(row.id); // keep insertion order = order of the last write
    list.set(row.id, { ...row });
    return;
  }
  await appendChanges(trx, [ticketChange(row)], new Date().toISOString());
}

/**
 * Appends now the changes noted so far in this queue transaction and `rows` (last state per
 * ticket), instead of at its end: for SQLite, whose single writer makes seq order commit order
 * wherever in the transaction the counter is taken, so the append can run alongside the
 * transaction's other writes. The caller must write no ticket after it.
 */
export async function flushQueueChanges(trx: Knex.Transaction, rows: readonly TicketRow[]): Promise<void> {
  const list = pending.get(trx) ?? new Map<string, TicketRow>();
  for (const row of rows) {
    list.delete(row.id);
    list.set(row.id, { ...row });
  }
  const changes = [...list.values()].map(ticketChange);
  list.clear();
  await appendChanges(trx, changes, new Date().toISOString());
}

/**
 * Runs `fn` in a transaction (a savepoint when `db` is already one) and appends the ticket
 * changes it recorded as the last statement of the outermost queue transaction.
 */
export async function queueTransaction<T>(db: Knex | Knex.Transaction, fn: (trx: Knex.Transaction) => Promise<T>): Promise<T> {
  const parent = (db as Partial<Knex.Transaction>).isTransaction ? pending.get(db as Knex.Transaction) : undefined;
  return db.transaction(async (trx) => {
    const mine = new Map<string, TicketRow>();
    pending.set(trx, mine);
    const out = await fn(trx);
    pending.delete(trx);
    if (parent) {
      for (const [id, row] of mine) {
        parent.delete(id);
        parent.set(id, row);
      }
    } else if (mine.size > 0) {
      await appendChanges(trx, [...mine.values()].map(ticketChange), new Date().toISOString());
    }
    return out;
  });
}

/**
 * Backfill: tickets written before the queue entered the change log (servers that ran the
 * queue before the `ticket` entity existed) get one upsert change each, with their current
 * state, so installations pull them like any other ticket. Idempotent: a ticket that already
 * has a change is skipped. Run by migration 007_ticket_changes_backfill; returns how many
 * changes it appended.
 */
export async function backfillTicketChanges(trx: Knex.Transaction, now: string, chunk = 500): Promise<number> {
  // The changes table has no index on entity_id: read the ids once instead of probing per ticket.
  const known = new Set<string>();
  for (let after = 0; ; ) {
    const rows = (await trx('changes').where({ entity: TICKET_ENTITY }).where('seq', '>', after).orderBy('seq').limit(10_000).select('seq', 'entity_id')) as { seq: number | string; entity_id: string }[];
    if (rows.length === 0) break;
    for (const r of rows) known.add(r.entity_id);
    after = Number(rows[rows.length - 1]?.seq ?? after);
  }
  let appended = 0;
  for (let after = ''; ; ) {
    const rows = (await trx<TicketRow>('tickets').where('id', '>', after).orderBy('id').limit(chunk)) as TicketRow[];
    if (rows.length === 0) break;
    const missing = rows.filter((r) => !known.has(r.id));
    // Oldest first, so a reader applies them in the order they happened.
    missing.sort((a, b) => (a.updated_at < b.updated_at ? -1 : a.updated_at > b.updated_at ? 1 : 0));
    await appendChanges(trx, missing.map(ticketChange), now);
    appended += missing.length;
    after = rows[rows.length - 1]?.id ?? after;
  }
  return appended;
}
