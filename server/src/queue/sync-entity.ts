/**
 * The `ticket` sync entity: the server's ticket rows as other installations pull them (the
 * counters' and the display board's mirror, the supervisor's dashboard). Written only by the
 * queue (./queue-store.ts through ./change-log.ts), never by sync intents: the queue's offline
 * intents go through POST /api/v1/queue/intents.
 *
 * No digest (`digest: false`): a counter's mirror legitimately differs from the server's rows
 * in its scope — it holds offline-only tickets (version 0) and tickets with local changes not
 * yet on the server, and the queue service also writes server answers into it directly — so a
 * count/checksum comparison would report a mismatch (and force a repair) on every busy counter.
 * The change log alone carries tickets; it is written in the ticket's own transaction, so no
 * change can be lost between the server's row and the log.
 */
import type { ServerTicket } from '../../../common/server-api/queue';
import type { EntityDef } from '../sync/intents';
import { TICKET_ENTITY } from './change-log';
import { toServerTicket, type TicketRow } from './rows';

export const TICKET_SYNC_COLUMNS = [
  'id', 'prefix', 'number', 'display_number', 'service_day', 'agency_id', 'service_id', 'category', 'channel', 'status', 'arrived_at',
  'called_at', 'serving_started_at', 'finished_at', 'counter_id', 'officer_id', 'target_counter_id', 'recalls', 'origin_ticket_id',
  'station', 'booking_id', 'note', 'version',
] as const;

export const ticketEntity: EntityDef<ServerTicket> = {
  name: TICKET_ENTITY,
  table: 'tickets',
  columns: TICKET_SYNC_COLUMNS,
  toRow: (t) => [
    t.id, t.prefix, t.number, t.displayNumber, t.serviceDay, t.agencyId, t.serviceId, t.category, t.channel, t.status, t.arrivedAt,
    t.calledAt, t.servingStartedAt, t.finishedAt, t.counterId, t.officerId, t.targetCounterId, t.recalls, t.originTicketId,
    t.station, t.bookingId, t.note, t.version,
  ],
  fromRow: (row) => toServerTicket(row as unknown as TicketRow),
  scopeOf: (t) => t.agencyId,
  scopeColumn: 'agency_id',
  versionOf: (t) => t.version,
  digest: false,
};
