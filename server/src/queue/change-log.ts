/**
 * The one place where queue changes enter the sync change log, in the caller's transaction.
 * TODO(sync): when server/src/sync exposes its "append a change in this transaction" function,
 * call it here: `appendChange(trx, { entity: 'ticket', id: row.id, op: 'upsert', data: toServerTicket(row) })`.
 * Every write of a ticket row (issue, check-in, claim, event, walk-in, note, replayed intent)
 * goes through this function, so that is the only call site to add.
 */
import type { Knex } from 'knex';
import type { TicketRow } from './rows';

export async function recordQueueChange(_db: Knex | Knex.Transaction, _row: TicketRow): Promise<void> {
  // Intentionally empty until the sync change log exists (see above).
}
