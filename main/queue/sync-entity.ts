/**
 * The sync engine's view of queue tickets (entity `ticket`, pulled only: the queue's own
 * intents go to POST /api/v1/queue/intents through queue-service.ts). Pulled server rows are
 * upserted into the local mirror `queue_tickets` (main/db/migrations/003_queue.ts), the same
 * table the queue screens, the display board and the supervisor's dashboard triggers read.
 *
 * Rules of the upsert:
 * - a row with local changes not yet on the server (`dirty = 1`: a pending queue outbox entry,
 *   see queue-service.ts reconcile) is left alone — the server copy is older than what was done
 *   here; once the queue's intents are applied the server's copy wins again (its answer, a
 *   refresh, or the next pulled change of that ticket);
 * - a row never goes back to an older version (the queue service writes server answers into
 *   the mirror directly, so a pulled change may be older than what is already there);
 * - `issued_here` (this front desk's recent list) is kept as it is.
 *
 * No digest (`digest: false`, also on the server): the mirror legitimately holds offline-only
 * tickets (version 0) and dirty rows, and is written by the queue service outside the engine,
 * so a count/checksum comparison would not describe divergence. The change log is the only path.
 */
import type { Knex } from 'knex';
import { ServerTicketSchema, type ServerTicket } from '../../common/server-api/queue';
import { selectIn } from '../sync/bulk';
import type { ClientEntity } from '../sync/entities';
import { fromServer, TICKET_COLUMNS } from './local-store';

export const TICKET_ENTITY = 'ticket';

const MERGE = TICKET_COLUMNS.filter((c) => c !== 'id' && c !== 'issued_here' && c !== 'dirty');

export interface TicketEntityOptions {
  now?: () => Date;
  /** After a pulled page touched tickets (called outside the transaction): the screens refetch. */
  onPulled?: (serviceIds: string[]) => void;
}

export function createTicketClientEntity(o: TicketEntityOptions = {}): ClientEntity {
  const now = () => (o.now ? o.now() : new Date()).toISOString();
  return {
    name: TICKET_ENTITY,
    kinds: [],
    digest: false,
    parse(data) {
      const r = ServerTicketSchema.safeParse(data);
      return r.success && r.data.version > 0 ? r.data : null;
    },
    async upsert(trx, records) {
      const tickets = records as ServerTicket[];
      const at = now();
      for (let i = 0; i < tickets.length; i += 100) {
        const rows = tickets.slice(i, i + 100).map((t) => fromServer(t, at));
        await trx('queue_tickets')
          .insert(rows)
          .onConflict('id')
          .merge(MERGE)
          .where('queue_tickets.dirty', 0)
          .andWhereRaw('queue_tickets.version <= excluded.version');
      }
      if (tickets.length > 0 && o.onPulled) {
        const services = [...new Set(tickets.map((t) => t.serviceId))];
        const notify = o.onPulled;
        // After the pull transaction has committed (the mirror is read on the same connection).
        setImmediate(() => notify(services));
      }
    },
    async remove(trx, ids) {
      await selectIn(ids, async (chunk) => {
        await trx('queue_tickets').whereIn('id', chunk).where({ dirty: 0 }).delete();
        return [];
      });
    },
    async versions(trx, ids) {
      const rows = await selectIn(ids, (chunk) => trx('queue_tickets').whereIn('id', chunk).select('id', 'version') as Promise<{ id: string; version: number }[]>);
      return new Map(rows.map((r) => [r.id, Number(r.version)]));
    },
    /**
     * Rows the engine may drop when the sync scope changes (another role or agency signs in on
     * this computer; they are pulled again in the new scope): clean server rows, except the ones
     * this front desk issued (its recent list and reprints keep working).
     */
    async confirmed(trx: Knex.Transaction) {
      const rows = (await trx('queue_tickets').where('version', '>', 0).andWhere({ dirty: 0, issued_here: 0 }).select('id', 'version')) as { id: string; version: number }[];
      return rows.map((r) => ({ id: r.id, version: Number(r.version) }));
    },
    // Pending queue intents are not replayed by the engine: a dirty row is never overwritten.
    targetOf: () => null,
    applyLocal: async () => undefined,
    removeLocalOnly: async () => undefined,
  };
}
