/**
 * The local queue mirror (SQLite): rows as the server sends them, plus what this installation
 * did offline. Also the queue's outbox writes (same shape as main/sync's outbox).
 */
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { Ticket, TicketHistoryEntry } from '../../common/domain/queue/ticket-state';
import type { TicketView } from '../../common/ipc/channels/queue';
import { LoketError } from '../../common/ipc/result';
import type { QueueIntentKind, ServerTicket, TicketColumns } from '../../common/server-api/queue';
import { OutboxEntrySchema } from '../../common/sync/protocol';
import { compile, connRun, type SqliteConnection } from '../../node-shared/sqlite-raw';

/** The server's ticket columns plus the counter's own bookkeeping. */
export interface LocalTicketRow extends TicketColumns {
  dirty: number;
  issued_here: number;
  updated_at: string;
}

export const TICKET_COLUMNS = [
  'id', 'prefix', 'number', 'display_number', 'service_day', 'agency_id', 'service_id', 'category', 'channel', 'status', 'arrived_at',
  'called_at', 'serving_started_at', 'finished_at', 'counter_id', 'officer_id', 'target_counter_id', 'recalls', 'origin_ticket_id',
  'station', 'booking_id', 'note', 'version', 'dirty', 'issued_here', 'updated_at',
] as const;

const MERGED = TICKET_COLUMNS.filter((c) => c !== 'id' && c !== 'issued_here' && c !== 'dirty');
/** Any server column differs from the mirror's (updated_at is the mirror's own). */
const CHANGED = `(${MERGED.filter((c) => c !== 'updated_at')
  .map((c) => `queue_tickets.${c} IS NOT excluded.${c}`)
  .join(' OR ')})`;

export const fromServer = (t: ServerTicket, updatedAt: string): LocalTicketRow => ({
  id: t.id,
  prefix: t.prefix,
  number: t.number,
  display_number: t.displayNumber,
  service_day: t.serviceDay,
  agency_id: t.agencyId,
  service_id: t.serviceId,
  category: t.category,
  channel: t.channel,
  status: t.status,
  arrived_at: t.arrivedAt,
  called_at: t.calledAt,
  serving_started_at: t.servingStartedAt,
  finished_at: t.finishedAt,
  counter_id: t.counterId,
  officer_id: t.officerId,
  target_counter_id: t.targetCounterId,
  recalls: t.recalls,
  origin_ticket_id: t.originTicketId,
  station: t.station,
  booking_id: t.bookingId,
  note: t.note,
  version: t.version,
  dirty: 0,
  issued_here: 0,
  updated_at: updatedAt,
});

export const toDomain = (r: LocalTicketRow): Ticket => ({
  id: r.id,
  number: r.display_number,
  serviceId: r.service_id,
  category: r.category,
  state: r.status,
  counterId: r.counter_id,
  officerId: r.officer_id,
  targetCounterId: r.target_counter_id,
  arrivedAt: r.arrived_at,
  calledAt: r.called_at,
  servingStartedAt: r.serving_started_at,
  finishedAt: r.finished_at,
  recallCount: Number(r.recalls),
  originTicketId: r.origin_ticket_id,
});

export const patchFromDomain = (t: Ticket): Partial<LocalTicketRow> => ({
  status: t.state,
  counter_id: t.counterId,
  officer_id: t.officerId,
  target_counter_id: t.targetCounterId,
  called_at: t.calledAt,
  serving_started_at: t.servingStartedAt,
  finished_at: t.finishedAt,
  recalls: t.recallCount,
});

/**
 * Upserts server rows into the mirror in the caller's transaction. A row with local changes
 * not yet on the server (dirty) is left alone: the server copy is older than what happened here.
 */
export async function upsertServerTickets(trx: Knex | Knex.Transaction, tickets: readonly ServerTicket[], now: string, issuedHere = false): Promise<void> {
  const unique = [...new Map(tickets.map((t) => [t.id, t])).values()];
  for (let i = 0; i < unique.length; i += 100) {
    const rows = unique.slice(i, i + 100).map((t) => ({ ...fromServer(t, now), issued_here: issuedHere ? 1 : 0 }));
    await upsertQuery(trx, rows);
    if (issuedHere) await trx('queue_tickets').whereIn('id', rows.map((r) => r.id)).update({ issued_here: 1 });
  }
}

/** The mirror's upsert of server rows (built with `db`, run by the caller). */
function upsertQuery(db: Knex | Knex.Transaction, rows: readonly LocalTicketRow[]): Knex.QueryBuilder {
  // Only rows that differ are rewritten: an unchanged ticket (most of a counter state's list)
  // costs no write and fires none of the supervisor triggers (005, 007).
  return db('queue_tickets').insert(rows).onConflict('id').merge(MERGED).where('queue_tickets.dirty', 0).whereRaw(CHANGED);
}

/**
 * `upsertServerTickets` on a raw connection in the caller's transaction (sqlite-raw.ts): the
 * few tickets of a call-next, on its hot path. `db` only builds the SQL.
 */
export async function upsertServerTicketsOn(conn: SqliteConnection, db: Knex, tickets: readonly ServerTicket[], now: string): Promise<void> {
  const unique = [...new Map(tickets.map((t) => [t.id, t])).values()];
  for (let i = 0; i < unique.length; i += 100) {
    const { sql, bindings } = compile(upsertQuery(db, unique.slice(i, i + 100).map((t) => fromServer(t, now))));
    await connRun(conn, sql, bindings);
  }
}

export async function insertLocalEvent(trx: Knex.Transaction, h: Pick<TicketHistoryEntry, 'ticketId' | 'to' | 'at' | 'officerId' | 'counterId'> & { event: string; from: string | null; note?: string }): Promise<void> {
  await trx('queue_ticket_events').insert({
    ticket_id: h.ticketId,
    event: h.event,
    from_state: h.from,
    to_state: h.to,
    at: h.at,
    officer_id: h.officerId || null,
    counter_id: h.counterId || null,
    note: h.note ?? null,
  });
}

/**
 * Queues an intent in the caller's transaction: the same row shape as main/sync's outbox
 * (id, seq, kind, payload_json, created_at, state 'pending').
 */
export async function enqueueIntent(trx: Knex.Transaction, kind: QueueIntentKind, payload: Record<string, unknown>, createdAt: string): Promise<string> {
  const id = randomUUID();
  if (!OutboxEntrySchema.safeParse({ id, kind, payload, createdAt }).success) {
    throw new LoketError('INTERNAL', 'Perubahan tidak dapat diantrekan untuk sinkronisasi.', `The change cannot be queued for sync (${kind}).`);
  }
  const row = (await trx('outbox').max({ m: 'seq' }).first()) as { m: number | null } | undefined;
  await trx('outbox').insert({ id, seq: Number(row?.m ?? 0) + 1, kind, payload_json: JSON.stringify(payload), created_at: createdAt, state: 'pending', attempts: 0, last_error: null });
  return id;
}

export interface NameMaps {
  services: Map<string, { name: string; agencyId: string }>;
  counters: Map<string, { name: string; number: number; agencyId: string }>;
  agencies: Map<string, string>;
}

export async function loadNames(db: Knex): Promise<NameMaps> {
  const [services, counters, agencies] = await Promise.all([
    db('services').select('id', 'name', 'agency_id') as Promise<{ id: string; name: string; agency_id: string }[]>,
    db('counters').select('id', 'name', 'number', 'agency_id') as Promise<{ id: string; name: string; number: number; agency_id: string }[]>,
    db('agencies').select('id', 'name') as Promise<{ id: string; name: string }[]>,
  ]);
  return {
    services: new Map(services.map((s) => [s.id, { name: s.name, agencyId: s.agency_id }])),
    counters: new Map(counters.map((c) => [c.id, { name: c.name, number: Number(c.number), agencyId: c.agency_id }])),
    agencies: new Map(agencies.map((a) => [a.id, a.name])),
  };
}

export function toView(r: LocalTicketRow, names: NameMaps): TicketView {
  return {
    id: r.id,
    number: r.display_number,
    agencyId: r.agency_id,
    serviceId: r.service_id,
    serviceName: names.services.get(r.service_id)?.name ?? r.service_id,
    category: r.category,
    channel: r.channel,
    status: r.status,
    arrivedAt: r.arrived_at,
    calledAt: r.called_at,
    servingStartedAt: r.serving_started_at,
    finishedAt: r.finished_at,
    counterId: r.counter_id,
    counterName: r.counter_id ? (names.counters.get(r.counter_id)?.name ?? null) : null,
    recalls: Number(r.recalls),
    originTicketId: r.origin_ticket_id,
    note: r.note,
    synced: Number(r.dirty) === 0,
  };
}
