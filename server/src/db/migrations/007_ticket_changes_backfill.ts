/**
 * Tickets that predate the queue's entries in the sync change log get one change each (see
 * backfillTicketChanges in ../../queue/change-log.ts); new databases have none to add.
 */
import type { Knex } from 'knex';
import { backfillTicketChanges } from '../../queue/change-log';

export async function up(db: Knex): Promise<void> {
  // Migrations run in a transaction; one is opened here when they do not.
  if ((db as unknown as Partial<Knex.Transaction>).isTransaction) await backfillTicketChanges(db as unknown as Knex.Transaction, new Date().toISOString());
  else await db.transaction((trx) => backfillTicketChanges(trx, new Date().toISOString()));
}

/** Nothing to undo: the appended changes describe tickets that exist. */
export async function down(): Promise<void> {}
