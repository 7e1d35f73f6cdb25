/**
 * The server side of the queue: issuing (atomic numbering per queue and day), booking
 * check-in, the atomic claim of the next ticket, ticket events validated with the shared
 * state machine, walk-ins, pauses, counter state, and the replay of offline intents.
 *
 * Claim: one transaction per call. On PostgreSQL the counter's own state row is locked
 * (serialising one counter's calls) and the ticket is taken with `FOR UPDATE SKIP LOCKED`,
 * so concurrent counters never wait on each other and never get the same row; the update
 * is also conditional on the status and version it read. On SQLite every write transaction
 * is serialised by the single connection (and the same conditional update applies).
 */
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { formatTicketNumber, parseInstant, parseTicketNumber, serviceDayOf } from '../../../common/domain/queue/numbering';
import { INITIAL_PRIORITY_STATE, isPriority, pickNext, type PriorityState, type TicketCategory } from '../../../common/domain/queue/priority';
import { applyTicketEvent, type Ticket, type TicketEvent, type TicketHistoryEntry } from '../../../common/domain/queue/ticket-state';
import { LoketError } from '../../../common/ipc/result';
import {
  WAITING_LIST_LIMIT,
  type CounterView,
  type ServerCounterClaim,
  type ServerCounterState,
  type ServerTicket,
  type TicketChannel,
} from '../../../common/server-api/queue';
import type { AuthOfficer } from '../auth/officers';
import { assertAgencyAccess } from '../auth/guard';
import { isPostgres } from '../db/connect';
import { hotRows, hotWrite } from '../db/hot';
import { together } from '../db/together';
import { TtlCache } from '../http/ttl-cache';
import type { CounterRow, ServiceRow } from '../db/rows';
import { localClock, loadQueueSettings, loadServiceConfig, type QueueSettings } from './config';
import { flushQueueChanges, queueTransaction, recordQueueChange } from './change-log';
import { RequestBatcher, type ItemOutcome } from './request-batch';
import { logCounterActivities, logCounterActivity } from './counter-activity';
import { collapseSteps, writeTicketSteps, type TicketStep } from './ticket-steps';
import {
  domainPatch,
  toDomainTicket,
  toServerTicket,
  type BookingRow,
  type CounterPauseRow,
  type CounterStateRow,
  type TicketRow,
} from './rows';

export type Db = Knex | Knex.Transaction;

/** Who acts, when (ISO, UTC) and whether it is live or a replayed offline intent. */
export interface Act {
  officer: Pick<AuthOfficer, 'id' | 'role' | 'agencyId'>;
  now: string;
  source: 'online' | 'offline';
}

/** Online walk-ins have no paper ticket: their own series per day. */
export const WALK_IN_PREFIX = 'WLK';
/** A booking checked in within this many minutes after its slot keeps the slot as arrival. */
export const BOOKING_GRACE_MINUTES = 15;
const ACTIVE = ['called', 'serving'] as const;

const conflict = (id: string, en: string, details?: Record<string, string | number>) => new LoketError('CONFLICT', id, en, details);
const notFound = (id: string, en: string) => new LoketError('NOT_FOUND', id, en);

function stateError(error: { code: LoketError['code']; message: string; messageEn: string; details?: Record<string, string | number | boolean | null> }): LoketError {
  return new LoketError(error.code, error.message, error.messageEn, error.details);
}

async function findTicket(db: Db, id: string, lock = false): Promise<TicketRow | undefined> {
  const q = db<TicketRow>('tickets').where({ id });
  if (lock && isPostgres(db as Knex)) q.forUpdate();
  return q.first();
}

async function requireCounter(db: Db, counterId: string): Promise<CounterRow> {
  const counter = await db<CounterRow>('counters').where({ id: counterId }).first();
  if (!counter) throw notFound('Loket tidak ditemukan.', 'Counter not found.');
  return counter;
}

async function agencyServiceIds(db: Db, agencyId: string): Promise<string[]> {
  return (await db<ServiceRow>('services').where({ agency_id: agencyId }).select('id').orderBy('id')).map((r) => r.id);
}

/** The services a counter draws from: the asked subset of its agency's services, else all of them. */
function chooseServices(all: readonly string[], asked: readonly string[] | undefined): string[] {
  if (!asked || asked.length === 0) return [...all];
  const allowed = new Set(all);
  const chosen = asked.filter((s) => allowed.has(s));
  if (chosen.length === 0) {
    throw new LoketError('VALIDATION', 'Layanan yang dipilih bukan layanan instansi loket ini.', "The chosen services are not this counter's agency's services.");
  }
  return chosen;
}

interface EventInsert {
  ticketId: string;
  event: string;
  from: string | null;
  to: string;
  at: string;
  officerId: string;
  counterId: string;
  recallCount: number;
  newTicketId?: string;
  note?: string;
}

function insertEvent(db: Db, h: EventInsert, source: Act['source']): Promise<void> {
  return insertEvents(db, [h], source);
}

/** History rows of many steps in one statement (chunked well under the databases' parameter limits). */
async function insertEvents(db: Db, entries: readonly EventInsert[], source: Act['source']): Promise<void> {
  const run = (q: Knex.QueryBuilder) => (db.isTransaction ? hotWrite(db as Knex.Transaction, q) : q);
  for (let i = 0; i < entries.length; i += 200) {
    await run(db('ticket_events').insert(
      entries.slice(i, i + 200).map((h) => ({
        ticket_id: h.ticketId,
        event: h.event,
        from_state: h.from,
        to_state: h.to,
        at: h.at,
        officer_id: h.officerId || null,
        counter_id: h.counterId || null,
        recalls: h.recallCount,
        new_ticket_id: h.newTicketId ?? null,
        note: h.note ?? null,
        source,
      })),
    ));
  }
}

/** Writes a state-machine step back, conditional on the version read (never a lost update). */
async function writeStep(db: Knex.Transaction, before: TicketRow, after: Ticket, now: string, extra: Partial<TicketRow> = {}): Promise<TicketRow> {
  const patch = { ...domainPatch(after), ...extra, version: before.version + 1, updated_at: now };
  const n = await db<TicketRow>('tickets').where({ id: before.id, version: before.version }).update(patch);
  if (n !== 1) {
    throw conflict(`Antrian ${before.display_number} baru saja diubah di loket lain. Coba lagi.`, `Ticket ${before.display_number} was just changed elsewhere. Try again.`);
  }
  const row = { ...before, ...patch } as TicketRow;
  await recordQueueChange(db, row);
  return row;
}

async function insertTicket(db: Knex.Transaction, row: TicketRow, creationEvent: string, act: Act): Promise<TicketRow> {
  await db<TicketRow>('tickets').insert(row);
  await insertEvent(
    db,
    { ticketId: row.id, event: creationEvent, from: null, to: row.status, at: row.created_at, officerId: act.officer.id, counterId: row.counter_id ?? '', recallCount: 0, ...(row.note ? { note: row.note } : {}) },
    act.source,
  );
  await recordQueueChange(db, row);
  return row;
}

/** Runs one step of the shared state machine on a row and stores it with its history entry. */
async function step(db: Knex.Transaction, row: TicketRow, event: TicketEvent, counterId: string | null, act: Act, settings: QueueSettings): Promise<{ row: TicketRow; newRow: TicketRow | null }> {
  const result = applyTicketEvent(toDomainTicket(row), event, {
    now: act.now,
    officerId: act.officer.id,
    counterId: counterId ?? '',
    settings: { minRecallsBeforeNoShow: settings.minRecallsBeforeNoShow },
  });
  if (!result.ok) throw stateError(result.error);
  const note = 'note' in event && event.note !== undefined ? event.note : undefined;
  // Sent together (the connection runs them in turn): the history row does not need the update's answer.
  const [updated] = await together(
    db,
    () => writeStep(db, row, result.ticket, act.now, note !== undefined && event.type !== 'transfer' ? { note } : {}),
    () => insertEvent(db, result.history, act.source),
  );
  let newRow: TicketRow | null = null;
  if (result.newTicket) {
    const nt = result.newTicket;
    const parsed = parseTicketNumber(nt.number);
    const service = await db<ServiceRow>('services').where({ id: nt.serviceId }).first();
    if (!service || !parsed) throw notFound('Layanan tujuan tidak ditemukan.', 'Target service not found.');
    if (nt.targetCounterId) {
      const target = await requireCounter(db, nt.targetCounterId);
      if (target.agency_id !== service.agency_id) {
        throw new LoketError('VALIDATION', 'Loket tujuan tidak melayani layanan tersebut.', 'The target counter does not serve that service.');
      }
    }
    if (await db('tickets').where({ id: nt.id }).first('id')) {
      throw conflict('Nomor data antrian baru sudah dipakai.', 'The new ticket id is already in use.');
    }
    newRow = await insertTicket(
      db,
      {
        id: nt.id,
        prefix: parsed.prefix,
        number: parsed.sequence,
        display_number: nt.number,
        service_day: row.service_day,
        agency_id: service.agency_id,
        service_id: service.id,
        category: nt.category,
        channel: 'transfer',
        status: 'waiting',
        arrived_at: nt.arrivedAt,
        called_at: null,
        serving_started_at: null,
        finished_at: null,
        counter_id: null,
        officer_id: null,
        target_counter_id: nt.targetCounterId,
        recalls: 0,
        origin_ticket_id: nt.originTicketId,
        station: null,
        booking_id: row.booking_id,
        note: note ?? null,
        version: 1,
        created_at: act.now,
        updated_at: act.now,
      },
      'transfer_in',
      act,
    );
  }
  return { row: updated, newRow };
}

/**
 * Catalog lookups every counter request makes (its counter row, its agency's services),
 * cached by the routes' store (see ../http/ttl-cache.ts for when they are dropped).
 */
export interface QueueCatalogCache {
  counters: TtlCache<CounterRow | undefined>;
  services: TtlCache<string[]>;
  /** The mall's queue settings as call-next reads them (time zone, priority rule). */
  settings: TtlCache<QueueSettings>;
}

export function createQueueCatalogCache(ttlMs = 5000): QueueCatalogCache {
  return { counters: new TtlCache(ttlMs), services: new TtlCache(ttlMs), settings: new TtlCache(ttlMs) };
}

/**
 * Groups of ticket events written at once on PostgreSQL (the pool holds 10 connections). Claims
 * run one group at a time on both databases: concurrent claim groups skip each other's locked
 * line heads (SKIP LOCKED), and a head locked by a group whose counters then take the other line
 * (the 2 : 1 rule) was skipped by the rest — priority tickets drifted behind normal ones (seen
 * in the 30-counter test). SKIP LOCKED still keeps several server processes apart.
 */
const PG_CONCURRENT_EVENT_GROUPS = 4;

/** One call-next as the claim batch takes it. */
interface ClaimRequest {
  counterId: string;
  serviceIds: string[];
  act: Act;
  settings: QueueSettings;
  day: string;
}

/** One ticket event (not a transfer) as the event batch takes it. */
interface EventRequest {
  ticketId: string;
  counterId: string | null;
  event: TicketEvent;
  act: Act;
  settings: QueueSettings;
}

/** What a claim did: the visitors it finished, the ticket it called (or none), the new streaks. */
interface ClaimDone {
  out: TicketRow[];
  row: TicketRow | null;
  state: PriorityState;
}

/** A claim's change to its counter's session (see QueueStore.sessionSteps). */
interface SessionStep {
  services?: { id: string; json: string };
  close?: { id: string; at: string };
  open?: { id: string; counter_id: string; officer_id: string; service_ids_json: string; opened_at: string; closed_at: null };
}

/** What a ticket event (not a transfer) did. */
type EventDone = { row: TicketRow; newRow: TicketRow | null };

/** A grouped write: a claim (keyed by its counter) or a ticket event (keyed by its ticket). */
interface Submitter<Req, Res> {
  submit(key: string, request: Req): Promise<Res>;
}

/** One write of the SQLite store's single group queue. */
type QueueWrite = { kind: 'claim'; request: ClaimRequest } | { kind: 'event'; request: EventRequest };
type QueueWriteDone = { kind: 'claim'; done: ClaimDone } | { kind: 'event'; done: EventDone };

export class QueueStore {
  private readonly batcher: Submitter<ClaimRequest, ClaimDone> | null;
  private readonly eventBatcher: Submitter<EventRequest, EventDone> | null;

  constructor(
    private readonly db: Knex,
    private readonly cache: QueueCatalogCache | null = null,
  ) {
    if (!cache) {
      this.batcher = null;
      this.eventBatcher = null;
    } else if (isPostgres(db)) {
      // PostgreSQL: claims one group at a time, ticket events a few groups at once (the pool has connections to spare).
      this.batcher = new RequestBatcher((items) => this.tx((trx) => this.claimBatch(trx, items.map((i) => i.request))), 1);
      this.eventBatcher = new RequestBatcher((items) => this.tx((trx) => this.eventBatch(trx, items.map((i) => i.request))), PG_CONCURRENT_EVENT_GROUPS);
    } else {
      // SQLite has one writer: claims and ticket events share ONE group queue, each group one
      // transaction (its events first, then its claims, which see them). Two queues took turns
      // on the one connection, each group paying its own BEGIN, change log and COMMIT.
      const writes = new RequestBatcher<QueueWrite, QueueWriteDone>((items) => this.tx((trx) => this.writeBatch(trx, items.map((i) => i.request))), 1);
      this.batcher = {
        submit: async (key, request) => {
          const r = await writes.submit(`claim:${key}`, { kind: 'claim', request });
          if (r.kind !== 'claim') throw new Error('queue write: wrong outcome');
          return r.done;
        },
      };
      this.eventBatcher = {
        submit: async (key, request) => {
          const r = await writes.submit(`event:${key}`, { kind: 'event', request });
          if (r.kind !== 'event') throw new Error('queue write: wrong outcome');
          return r.done;
        },
      };
    }
  }

  /** A mixed group (SQLite): its ticket events, then its claims, in the caller's transaction; outcomes in request order. */
  private async writeBatch(trx: Knex.Transaction, writes: readonly QueueWrite[]): Promise<ItemOutcome<QueueWriteDone>[]> {
    const events = writes.flatMap((w) => (w.kind === 'event' ? [w.request] : []));
    const claims = writes.flatMap((w) => (w.kind === 'claim' ? [w.request] : []));
    let eventOutcomes: ItemOutcome<EventDone>[];
    let claimOutcomes: ItemOutcome<ClaimDone>[];
    if (claims.length > 0 && !events.some((e) => e.event.type === 'reactivate')) {
      // One read and one write for the whole group (claimGroup).
      ({ claims: claimOutcomes, events: eventOutcomes } = await this.claimGroup(trx, claims, events));
    } else {
      // A reactivated ticket joins the line: the claims must read it, after the events' writes.
      eventOutcomes = events.length > 0 ? await this.eventBatch(trx, events) : [];
      claimOutcomes = claims.length > 0 ? await this.claimBatch(trx, claims) : [];
    }
    let e = 0;
    let c = 0;
    return writes.map((w): ItemOutcome<QueueWriteDone> => {
      const o = w.kind === 'event' ? eventOutcomes[e++] : claimOutcomes[c++];
      if (!o) return { ok: false, error: new Error('queue write: no outcome') };
      if (!o.ok) return o;
      return w.kind === 'event' ? { ok: true, value: { kind: 'event', done: o.value as EventDone } } : { ok: true, value: { kind: 'claim', done: o.value as ClaimDone } };
    });
  }

  private async counter(counterId: string): Promise<CounterRow> {
    const counter = this.cache ? await this.cache.counters.get(counterId, () => this.db<CounterRow>('counters').where({ id: counterId }).first()) : await requireCounter(this.db, counterId);
    if (!counter) throw notFound('Loket tidak ditemukan.', 'Counter not found.');
    return counter;
  }

  private async serviceIdsOf(counter: CounterRow, asked: readonly string[] | undefined): Promise<string[]> {
    const all = this.cache ? await this.cache.services.get(counter.agency_id, () => agencyServiceIds(this.db, counter.agency_id)) : await agencyServiceIds(this.db, counter.agency_id);
    return chooseServices(all, asked);
  }

  private get pg(): boolean {
    return isPostgres(this.db);
  }

  /**
   * Runs `fn` in a transaction; on PostgreSQL retries serialisation failures and deadlocks.
   * The tickets it writes enter the sync change log at its end (queueTransaction).
   */
  private async tx<T>(fn: (trx: Knex.Transaction) => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await queueTransaction(this.db, fn);
      } catch (e) {
        const code = (e as { code?: unknown }).code;
        if (attempt < 5 && (code === '40001' || code === '40P01' || code === 'SQLITE_BUSY')) continue;
        throw e;
      }
    }
  }

  settings(): Promise<QueueSettings> {
    return loadQueueSettings(this.db);
  }

  /**
   * The settings as the hot paths (call-next, ticket events) read them: cached by the routes'
   * store. They change from the CLI (another process), so these paths may follow a change up to
   * the cache's TTL late; issuing and calling out of order read them fresh.
   */
  private hotSettings(): Promise<QueueSettings> {
    return this.cache ? this.cache.settings.get('queue', () => this.settings()) : this.settings();
  }

  serviceDay(now: string, settings: QueueSettings): string {
    return serviceDayOf(now, settings.utcOffsetMinutes);
  }

  // ---- front desk ---------------------------------------------------------------------------

  async issue(input: { id?: string; serviceId: string; category: TicketCategory; channel?: TicketChannel; bookingId?: string | null; arrivedAt?: string }, act: Act): Promise<{ ticket: ServerTicket; ahead: number }> {
    const settings = await this.settings();
    const row = await this.tx(async (trx) => {
      if (input.id) {
        const existing = await findTicket(trx, input.id);
        if (existing) {
          if (existing.service_id !== input.serviceId) throw conflict('Nomor data antrian sudah dipakai.', 'The ticket id is already in use.');
          return existing; // a retried request: the same ticket, not a second one
        }
      }
      const cfg = await loadServiceConfig(trx, input.serviceId);
      if (!cfg) throw notFound('Layanan tidak ditemukan.', 'Service not found.');
      const day = serviceDayOf(act.now, settings.utcOffsetMinutes);
      const clock = localClock(act.now, settings.utcOffsetMinutes);
      if (cfg.openUntil && clock >= cfg.openUntil) {
        throw conflict(
          `Pengambilan antrian untuk layanan ini sudah ditutup (jam layanan ${cfg.openFrom ?? '00:00'}–${cfg.openUntil}). Silakan datang kembali pada hari kerja berikutnya.`,
          `Ticket issuing for this service has closed (service hours ${cfg.openFrom ?? '00:00'}–${cfg.openUntil}). Please come back on the next working day.`,
          { reason: 'CLOSED', openUntil: cfg.openUntil },
        );
      }
      if (cfg.openFrom && clock < cfg.openFrom && input.channel !== 'online') {
        throw conflict(`Layanan ini baru dibuka pukul ${cfg.openFrom}.`, `This service opens at ${cfg.openFrom}.`, { reason: 'NOT_OPEN', openFrom: cfg.openFrom });
      }
      // A booking's place was counted when it was booked; other tickets count the day's
      // tickets and the bookings not yet checked in.
      if (cfg.dailyQuota !== null && !input.bookingId) {
        const [issued, booked] = await together(
          trx,
          () => trx('tickets').where({ service_id: cfg.serviceId, service_day: day }).whereNot({ channel: 'transfer' }).count({ n: '*' }).first(),
          () => trx('bookings').where({ service_id: cfg.serviceId, service_day: day, status: 'booked' }).count({ n: '*' }).first(),
        );
        const used = Number((issued as { n?: number | string } | undefined)?.n ?? 0) + Number((booked as { n?: number | string } | undefined)?.n ?? 0);
        if (used >= cfg.dailyQuota) {
          throw conflict(
            `Kuota harian layanan ini (${cfg.dailyQuota} antrian) sudah habis. Silakan datang kembali pada hari kerja berikutnya.`,
            `The daily quota of this service (${cfg.dailyQuota} tickets) is used up. Please come back on the next working day.`,
            { reason: 'QUOTA', quota: cfg.dailyQuota },
          );
        }
      }
      const seq = await this.nextNumber(trx, cfg.prefix, day);
      return insertTicket(
        trx,
        {
          id: input.id ?? randomUUID(),
          prefix: cfg.prefix,
          number: seq,
          display_number: formatTicketNumber(cfg.prefix, seq),
          service_day: day,
          agency_id: cfg.agencyId,
          service_id: cfg.serviceId,
          category: input.category,
          channel: input.channel ?? 'frontdesk',
          status: 'waiting',
          arrived_at: input.arrivedAt ?? act.now,
          called_at: null,
          serving_started_at: null,
          finished_at: null,
          counter_id: null,
          officer_id: null,
          target_counter_id: null,
          recalls: 0,
          origin_ticket_id: null,
          station: null,
          booking_id: input.bookingId ?? null,
          note: null,
          version: 1,
          created_at: act.now,
          updated_at: act.now,
        },
        input.channel === 'online' ? 'check_in' : 'issue',
        act,
      );
    });
    return { ticket: toServerTicket(row), ahead: await this.ahead(row) };
  }

  /** A ticket issued by a counter's own front-desk station while offline (station prefix, its own numbers). */
  async issueOffline(input: { id: string; serviceId: string; category: TicketCategory; prefix: string; number: number; station: string }, act: Act): Promise<ServerTicket> {
    const settings = await this.settings();
    const row = await this.tx(async (trx) => {
      const existing = await findTicket(trx, input.id);
      if (existing) return existing;
      const cfg = await loadServiceConfig(trx, input.serviceId);
      if (!cfg) throw notFound('Layanan tidak ditemukan.', 'Service not found.');
      return insertTicket(
        trx,
        {
          id: input.id,
          prefix: input.prefix,
          number: input.number,
          display_number: formatTicketNumber(input.prefix, input.number),
          service_day: serviceDayOf(act.now, settings.utcOffsetMinutes),
          agency_id: cfg.agencyId,
          service_id: cfg.serviceId,
          category: input.category,
          channel: 'frontdesk',
          status: 'waiting',
          arrived_at: act.now,
          called_at: null,
          serving_started_at: null,
          finished_at: null,
          counter_id: null,
          officer_id: null,
          target_counter_id: null,
          recalls: 0,
          origin_ticket_id: null,
          station: input.station,
          booking_id: null,
          note: null,
          version: 1,
          created_at: act.now,
          updated_at: act.now,
        },
        'issue',
        act,
      );
    });
    return toServerTicket(row);
  }

  /** Atomic per queue and day: INSERT … ON CONFLICT DO UPDATE … RETURNING on both databases. */
  private async nextNumber(trx: Db, prefix: string, day: string): Promise<number> {
    const res = (await trx.raw(
      'insert into queue_sequences (prefix, service_day, last_number) values (?, ?, 1) on conflict (prefix, service_day) do update set last_number = queue_sequences.last_number + 1 returning last_number',
      [prefix, day],
    )) as { rows?: { last_number: number }[] } | { last_number: number }[];
    const rows = Array.isArray(res) ? res : (res.rows ?? []);
    const n = rows[0]?.last_number;
    if (n === undefined) throw new Error('no sequence returned');
    return Number(n);
  }

  /** People ahead: waiting in the same service who arrived earlier (for a priority ticket, priority ones only). */
  async ahead(row: TicketRow, db: Db = this.db): Promise<number> {
    if (row.status !== 'waiting') return 0;
    const q = db('tickets')
      .where({ service_id: row.service_id, service_day: row.service_day, status: 'waiting' })
      .where((w) => w.where('arrived_at', '<', row.arrived_at).orWhere((w2) => w2.where('arrived_at', row.arrived_at).andWhere('id', '<', row.id)));
    if (isPriority(row.category)) q.whereNot({ category: 'normal' });
    const r = (await q.count({ n: '*' }).first()) as { n?: number | string } | undefined;
    return Number(r?.n ?? 0);
  }

  async checkInBooking(code: string, act: Act): Promise<{ ticket: ServerTicket; ahead: number }> {
    const settings = await this.settings();
    const normalized = code.trim().toUpperCase();
    const booking = await this.db<BookingRow>('bookings').where({ code: normalized }).first();
    if (!booking) throw notFound(`Kode booking ${normalized} tidak ditemukan.`, `Booking code ${normalized} was not found.`);
    if (booking.status === 'checked_in' && booking.ticket_id) {
      throw conflict(`Booking ${normalized} sudah check-in.`, `Booking ${normalized} has already checked in.`, { ticketId: booking.ticket_id });
    }
    if (booking.status !== 'booked') throw conflict(`Booking ${normalized} sudah dibatalkan.`, `Booking ${normalized} was cancelled.`);
    const today = serviceDayOf(act.now, settings.utcOffsetMinutes);
    if (booking.service_day !== today) {
      throw conflict(`Booking ${normalized} untuk tanggal ${booking.service_day}, bukan hari ini.`, `Booking ${normalized} is for ${booking.service_day}, not today.`, { serviceDay: booking.service_day });
    }
    // On time (up to the grace period after the slot): joins the queue in its slot.
    const slot = parseInstant(booking.slot_at) ?? Date.parse(act.now);
    const nowMs = Date.parse(act.now);
    const arrivedAt = nowMs <= slot + BOOKING_GRACE_MINUTES * 60_000 ? new Date(slot).toISOString() : act.now;
    const ticketId = randomUUID();
    const issued = await this.issue({ id: ticketId, serviceId: booking.service_id, category: booking.category, channel: 'online', bookingId: booking.id, arrivedAt }, act);
    const n = await this.db<BookingRow>('bookings').where({ id: booking.id, status: 'booked' }).update({ status: 'checked_in', ticket_id: ticketId });
    if (n !== 1) {
      // Two front desks checked the same booking in at once: the loser's ticket is cancelled
      // (a versioned write like any other, so the cancellation reaches the change log too).
      await this.tx(async (trx) => {
        const row = await findTicket(trx, ticketId, true);
        if (!row) return;
        const patch = { status: 'cancelled' as const, note: 'duplicate booking check-in', version: row.version + 1, updated_at: act.now };
        await trx<TicketRow>('tickets').where({ id: row.id, version: row.version }).update(patch);
        await recordQueueChange(trx, { ...row, ...patch });
      });
      throw conflict(`Booking ${normalized} sudah check-in.`, `Booking ${normalized} has already checked in.`);
    }
    return issued;
  }

  // ---- counters -----------------------------------------------------------------------------

  /**
   * The counter's priority streaks, its row created when missing and locked until commit, in
   * one statement on both databases (an upsert that returns the row; on PostgreSQL the DO
   * UPDATE takes the row lock that serialises one counter's calls).
   */
  private async lockCounterState(trx: Knex.Transaction, counterId: string, now: string): Promise<PriorityState> {
    const res = (await trx.raw(
      'insert into queue_counter_state (counter_id, priority_streak, normal_streak, updated_at) values (?, 0, 0, ?) on conflict (counter_id) do update set counter_id = excluded.counter_id returning priority_streak, normal_streak',
      [counterId, now],
    )) as { rows?: CounterStateRow[] } | CounterStateRow[];
    const row = (Array.isArray(res) ? res : (res.rows ?? []))[0];
    return row ? { priorityStreak: Number(row.priority_streak), normalStreak: Number(row.normal_streak) } : { ...INITIAL_PRIORITY_STATE };
  }

  /** Makes room for a new call: a visitor being served is finished, a called one blocks. */
  private async clearCounter(trx: Knex.Transaction, counterId: string, act: Act, settings: QueueSettings): Promise<TicketRow[]> {
    const [active] = await together(
      trx,
      () => this.activeTickets(trx, counterId),
      () => this.endPause(trx, counterId, act.now),
    );
    return this.finishActive(trx, active, counterId, act, settings);
  }

  /** The tickets a counter holds (locked on PostgreSQL). */
  private activeTickets(trx: Knex.Transaction, counterId: string): Promise<TicketRow[]> {
    const q = trx<TicketRow>('tickets').where({ counter_id: counterId }).whereIn('status', [...ACTIVE]);
    if (this.pg) q.forUpdate();
    return Promise.resolve(q);
  }

  /** Before a new call: a visitor being served is finished, a called one blocks. */
  private async finishActive(trx: Knex.Transaction, active: readonly TicketRow[], counterId: string, act: Act, settings: QueueSettings): Promise<TicketRow[]> {
    const changed: TicketRow[] = [];
    for (const t of active) {
      if (t.status === 'called') {
        throw conflict(
          `Antrian ${t.display_number} masih dipanggil di loket ini. Mulai layani atau tandai tidak hadir terlebih dahulu.`,
          `Ticket ${t.display_number} is still called at this counter. Start serving it or mark it absent first.`,
          { reason: 'COUNTER_BUSY', ticketNumber: t.display_number },
        );
      }
      changed.push((await step(trx, t, { type: 'finish' }, counterId, act, settings)).row);
    }
    return changed;
  }

  private waitingQuery(trx: Db, serviceIds: readonly string[], day: string, counterId: string) {
    return trx<TicketRow>('tickets')
      .where({ service_day: day, status: 'waiting' })
      .whereIn('service_id', [...serviceIds])
      .where((w) => w.whereNull('target_counter_id').orWhere('target_counter_id', counterId));
  }

  /**
   * Claims the next ticket for a counter under the mall's priority rule and answers with the
   * full counter state (waiting list included); `claimNext` is the lean form.
   */
  async callNext(counterId: string, askedServices: readonly string[] | undefined, act: Act): Promise<ServerCounterState> {
    const c = await this.claim(counterId, askedServices, act);
    return this.counterState(counterId, c.serviceIds, act, c.row ? [...c.out, c.row] : c.out, c.settings);
  }

  /**
   * The claim itself, answering with what the counter needs right away: the ticket it now
   * holds (null when nobody waits), the tickets the call changed (the visitor it finished) and
   * its priority streaks. No waiting list: the counter refreshes that after the call.
   *
   * Statements in the transaction: the counter's state row (upsert + lock), its active
   * tickets, the end of an open pause, its session, the head of the priority and of the
   * normal line (one query), the conditional update of the claimed ticket, its history entry,
   * the new streaks, and the change log (counter + row) — plus a finish when a visitor was
   * being served.
   */
  async claimNext(counterId: string, askedServices: readonly string[] | undefined, act: Act): Promise<ServerCounterClaim> {
    const c = await this.claim(counterId, askedServices, act);
    return {
      counterId,
      serviceIds: c.serviceIds,
      current: c.row ? toServerTicket(c.row) : null,
      // The claim ended any pause (clearCounter).
      paused: null,
      changed: c.out.map(toServerTicket),
      priorityState: { priorityStreak: c.state.priorityStreak, normalStreak: c.state.normalStreak ?? 0 },
    };
  }

  private async claim(
    counterId: string,
    askedServices: readonly string[] | undefined,
    act: Act,
  ): Promise<{ serviceIds: string[]; settings: QueueSettings; out: TicketRow[]; row: TicketRow | null; state: PriorityState }> {
    const settings = await this.hotSettings();
    const counter = await this.counter(counterId);
    assertAgencyAccess(act.officer, counter.agency_id, 'write');
    const serviceIds = await this.serviceIdsOf(counter, askedServices);
    const request: ClaimRequest = { counterId, serviceIds, act, settings, day: serviceDayOf(act.now, settings.utcOffsetMinutes) };
    // The routes' store groups concurrent claims (request-batch.ts); a store inside a transaction claims alone.
    const done = this.batcher
      ? await this.batcher.submit(counterId, request)
      : await this.tx(async (trx) => {
          const [o] = await this.claimBatch(trx, [request]);
          if (!o) throw new Error('claim: no outcome');
          if (!o.ok) throw o.error;
          return o.value;
        });
    return { serviceIds, settings, ...done };
  }

  /**
   * Claims the next ticket for each request, in order, in the caller's transaction. Reads are
   * one statement each for the whole batch: the counters' streak rows (locked on PostgreSQL; a
   * counter without one starts from zero and gets it with the streaks' upsert), the tickets they hold, their open sessions, and the heads of the
   * priority and normal lines over all their services (on PostgreSQL FOR UPDATE SKIP LOCKED,
   * so another server instance claims past them). Each request then takes the oldest eligible
   * ticket not taken earlier in the batch under the priority rule; a counter still holding a
   * called ticket fails alone (COUNTER_BUSY) and writes nothing. Writes: one conditional update
   * per ticket, one insert of all history rows, one upsert of the streaks, one update ending
   * open pauses; the change log follows at commit (queueTransaction).
   *
   * `events` (SQLite's mixed groups, see writeBatch): ticket events of the same group, read with
   * the claims' reads, run through the state machine first and applied to what the claims read
   * (a started ticket is held as serving, a cancelled head is gone), then written with the
   * claims' writes — one read and one write for the whole group. None of them may make a ticket
   * waiting (reactivate): the heads read would miss it.
   */
  private async claimBatch(trx: Knex.Transaction, reqs: readonly ClaimRequest[]): Promise<ItemOutcome<ClaimDone>[]> {
    return (await this.claimGroup(trx, reqs, [])).claims;
  }

  private async claimGroup(
    trx: Knex.Transaction,
    reqs: readonly ClaimRequest[],
    events: readonly EventRequest[],
  ): Promise<{ claims: ItemOutcome<ClaimDone>[]; events: ItemOutcome<EventDone>[] }> {
    const counterIds = reqs.map((r) => r.counterId);
    const first = reqs[0];
    if (!first) return { claims: [], events: [] };
    if (this.pg && events.length > 0) throw new Error('claimGroup: events are grouped with claims on SQLite only');
    const at = reqs.reduce((m, r) => (r.act.now > m ? r.act.now : m), first.act.now);
    const days = [...new Set(reqs.map((r) => r.day))];
    const services = [...new Set(reqs.flatMap((r) => r.serviceIds))];
    // Deep enough for every counter of the batch to find its ticket among them, with a little
    // room for tickets another counter of the group is not eligible for; a counter that finds
    // none in a full list looks further alone, so the depth is only a cost trade-off. Alone, a
    // counter's first head is its ticket (the read is filtered by its own services): one row
    // per line. Each row read costs (node-sqlite3 builds ~25 columns per row: 17 rows of the
    // priority line took 0.53 ms, 5 rows 0.12 ms).
    const depth = reqs.length === 1 ? 1 : reqs.length + 4;
    const heads = (priority: boolean, exclude: readonly string[] = [], forCounter?: ClaimRequest) => {
      const q = trx<TicketRow>('tickets')
        .whereIn('service_day', forCounter ? [forCounter.day] : days)
        .where({ status: 'waiting' })
        .whereIn('service_id', forCounter ? forCounter.serviceIds : services)
        .where((w) => w.whereNull('target_counter_id').orWhereIn('target_counter_id', forCounter ? [forCounter.counterId] : counterIds));
      if (priority) q.whereNot({ category: 'normal' });
      else q.where({ category: 'normal' });
      if (exclude.length > 0) q.whereNotIn('id', [...exclude]);
      q.orderBy([{ column: 'arrived_at' }, { column: 'id' }]).limit(forCounter ? 1 : depth);
      if (this.pg) q.forUpdate().skipLocked();
      return q;
    };
    // The streak row with, in the same statement, whether a pause is open and the open session.
    const openOf = (column: string, table: 'counter_sessions' | 'counter_pauses', closed: string, counterColumn: string) =>
      trx(table).select(column).whereRaw('?? = ??', [`${table}.counter_id`, counterColumn]).whereNull(closed).limit(1);
    const open = (column: string, table: 'counter_sessions' | 'counter_pauses', closed: string) => openOf(column, table, closed, 'queue_counter_state.counter_id');
    const states = trx('queue_counter_state')
      .select(
        'queue_counter_state.*',
        open('id', 'counter_pauses', 'ended_at').as('pause_id'),
        open('id', 'counter_sessions', 'closed_at').as('session_id'),
        open('officer_id', 'counter_sessions', 'closed_at').as('session_officer_id'),
        open('service_ids_json', 'counter_sessions', 'closed_at').as('session_service_ids_json'),
      )
      .whereIn('queue_counter_state.counter_id', counterIds)
      .orderBy('queue_counter_state.counter_id');
    const held = trx<TicketRow>('tickets').whereIn('counter_id', counterIds).whereIn('status', [...ACTIVE]).orderBy('id');
    if (this.pg) {
      states.forUpdate('queue_counter_state');
      held.forUpdate();
    }
    type StateRead = CounterStateRow & { pause_id: string | null; session_id: string | null; session_officer_id: string | null; session_service_ids_json: string | null };
    const [stateRows, readHeld, readPriority, readNormal, eventRows] = this.pg
      ? await together(
          trx,
          () => states as PromiseLike<StateRead[]>,
          // PostgreSQL: the held tickets and both heads in one round trip (locking reads are
          // allowed in WITH queries, not in a UNION).
          async () => {
            const [h, p, n] = [held, heads(true), heads(false)].map((q) => q.toSQL());
            if (!h || !p || !n) throw new Error('claim: no SQL');
            const rows = await hotRows<TicketRow & { part: string }>(
              trx,
              trx.raw(`with h as (${h.sql}), p as (${p.sql}), n as (${n.sql}) select 'h' as part, h.* from h union all select 'p', p.* from p union all select 'n', n.* from n`, [
                ...h.bindings,
                ...p.bindings,
                ...n.bindings,
              ]),
            );
            const part = (name: string): TicketRow[] => rows.filter((r) => r.part === name).map(({ part: _part, ...r }) => r as TicketRow);
            return [part('h'), part('p'), part('n')] as const;
          },
          async () => [] as TicketRow[],
        ).then(([st, [h, p, n], ev]) => [st, h, p, n, ev] as const)
      : await together(
          trx,
          () => hotRows<StateRead>(trx, states),
          () => hotRows<TicketRow>(trx, held),
          // SQLite: both heads in one statement (PostgreSQL allows no FOR UPDATE with UNION).
          () => hotRows<TicketRow>(trx, trx.select('*').from(heads(true).as('p')).unionAll([trx.select('*').from(heads(false).as('n'))])),
          () => (events.length > 0 ? hotRows<TicketRow>(trx, this.eventTickets(trx, events)) : Promise.resolve([] as TicketRow[])),
        ).then(([st, h, both, ev]) => [st, h, both.filter((t) => t.category !== 'normal'), both.filter((t) => t.category === 'normal'), ev] as const);
    // The group's ticket events first; the claims then see the tickets as those events leave them.
    const planned = this.planEvents(new Map(eventRows.map((r) => [r.id, r])), events);
    const stepped = new Map(planned.updates.map((u) => [u.after.id, u.after]));
    const applied = (rows: readonly TicketRow[]) => rows.map((r) => stepped.get(r.id) ?? r);
    const heldRows = applied(readHeld).filter((t) => (ACTIVE as readonly string[]).includes(t.status) && t.counter_id !== null && counterIds.includes(t.counter_id));
    const priorityHeads = applied(readPriority).filter((t) => t.status === 'waiting');
    const normalHeads = applied(readNormal).filter((t) => t.status === 'waiting');
    // Counters without a streak row yet (their first call ever): their open pause and session, read apart.
    const known = new Set(stateRows.map((r) => r.counter_id));
    const missing = counterIds.filter((c) => !known.has(c));
    const fresh: StateRead[] =
      missing.length === 0
        ? []
        : (
            (await trx('counters')
              .select(
                'counters.id as counter_id',
                openOf('id', 'counter_pauses', 'ended_at', 'counters.id').as('pause_id'),
                openOf('id', 'counter_sessions', 'closed_at', 'counters.id').as('session_id'),
                openOf('officer_id', 'counter_sessions', 'closed_at', 'counters.id').as('session_officer_id'),
                openOf('service_ids_json', 'counter_sessions', 'closed_at', 'counters.id').as('session_service_ids_json'),
              )
              .whereIn('counters.id', missing)
              .orderBy('counters.id')) as StateRead[]
          ).map((r) => ({ ...r, priority_streak: 0, normal_streak: 0, updated_at: at }));
    const stateOf = new Map(stateRows.map((r) => [r.counter_id, { priorityStreak: Number(r.priority_streak), normalStreak: Number(r.normal_streak) }]));
    const readOf = new Map([...stateRows, ...fresh].map((r) => [r.counter_id, r]));
    const sessionOf = new Map(
      [...stateRows, ...fresh].filter((r) => r.session_id !== null).map((r) => [r.counter_id, { id: r.session_id ?? '', officer_id: r.session_officer_id ?? '', service_ids_json: r.session_service_ids_json ?? '' }]),
    );
    const taken = new Set<string>();
    const updates: TicketStep[] = [...planned.updates];
    const history: TicketHistoryEntry[] = [...planned.history];
    const streaks: CounterStateRow[] = [];
    const paused: string[] = [];
    const activity: [counterId: string, at: string][] = [];
    const sessionSteps: SessionStep[] = [];
    const outcomes: ItemOutcome<ClaimDone>[] = [];
    const plan = (row: TicketRow, event: TicketEvent, req: ClaimRequest): TicketRow => {
      const result = applyTicketEvent(toDomainTicket(row), event, {
        now: req.act.now,
        officerId: req.act.officer.id,
        counterId: req.counterId,
        settings: { minRecallsBeforeNoShow: req.settings.minRecallsBeforeNoShow },
      });
      if (!result.ok) throw stateError(result.error);
      history.push(result.history);
      const after = { ...row, ...domainPatch(result.ticket), version: Number(row.version) + 1, updated_at: req.act.now } as TicketRow;
      updates.push({ before: row, after });
      return after;
    };
    const eligible = (req: ClaimRequest, list: readonly TicketRow[]) =>
      list.find((t) => !taken.has(t.id) && t.service_day === req.day && req.serviceIds.includes(t.service_id) && (t.target_counter_id === null || t.target_counter_id === req.counterId));
    for (const req of reqs) {
      const marks = { updates: updates.length, history: history.length };
      try {
        const mine = heldRows.filter((t) => t.counter_id === req.counterId);
        const busy = mine.find((t) => t.status === 'called');
        if (busy) {
          throw conflict(
            `Antrian ${busy.display_number} masih dipanggil di loket ini. Mulai layani atau tandai tidak hadir terlebih dahulu.`,
            `Ticket ${busy.display_number} is still called at this counter. Start serving it or mark it absent first.`,
            { reason: 'COUNTER_BUSY', ticketNumber: busy.display_number },
          );
        }
        const out = mine.map((t) => plan(t, { type: 'finish' }, req));
        const state = stateOf.get(req.counterId) ?? { ...INITIAL_PRIORITY_STATE };
        const candidates: TicketRow[] = [];
        for (const [priority, list] of [[true, priorityHeads], [false, normalHeads]] as const) {
          let c = eligible(req, list);
          // A head an event of this group took out of the line does not count towards a full list.
        if (!c && (list === priorityHeads ? readPriority : readNormal).length >= depth) {
          c = applied((await hotRows<TicketRow>(trx, heads(priority, [...taken, ...stepped.keys()], req))).slice(0, 1))[0];
        }
          if (c) candidates.push(c);
        }
        const pick = pickNext(
          candidates.map((t) => ({ id: t.id, category: t.category, arrivedAt: t.arrived_at, row: t })),
          state,
          req.settings.priorityRule,
          req.act.now,
        );
        const nextState = pick ? pick.nextState : state;
        let row: TicketRow | null = null;
        if (pick) {
          taken.add(pick.ticket.id);
          row = plan(pick.ticket.row, { type: 'call' }, req);
        }
        streaks.push({ counter_id: req.counterId, priority_streak: nextState.priorityStreak, normal_streak: nextState.normalStreak ?? 0, updated_at: req.act.now });
        const read = readOf.get(req.counterId);
        if (read?.pause_id) paused.push(req.counterId);
        const session = this.sessionSteps(sessionOf.get(req.counterId), req);
        // A session opened or closed here goes to the supervisors' change log.
        if (session.open) activity.push([req.counterId, req.act.now]);
        sessionSteps.push(session);
        outcomes.push({ ok: true, value: { out, row, state: nextState } });
      } catch (e) {
        // This counter's planned steps are dropped; the others go on.
        updates.length = marks.updates;
        history.length = marks.history;
        outcomes.push({ ok: false, error: e });
      }
    }
    // A ticket an event started and a claim then finished: one write of both steps.
    const steps = collapseSteps(updates);
    const writes: (() => PromiseLike<unknown>)[] = [() => writeTicketSteps(trx, steps, true)];
    if (history.length > 0) writes.push(() => insertEvents(trx, history, first.act.source));
    if (streaks.length > 0) writes.push(() => hotWrite(trx, trx('queue_counter_state').insert(streaks).onConflict('counter_id').merge(['priority_streak', 'normal_streak', 'updated_at'])));
    if (paused.length > 0) writes.push(() => hotWrite(trx, trx('counter_pauses').whereIn('counter_id', paused).whereNull('ended_at').update({ ended_at: at })));
    // SQLite: the tickets enter the change log with the other writes (one writer: seq order is
    // commit order whenever in the transaction it is taken); PostgreSQL: at commit, last.
    if (this.pg) {
      await together(trx, ...writes, () => this.writeSessions(trx, sessionSteps));
      for (const { after } of steps) await recordQueueChange(trx, after);
    } else {
      await together(trx, ...writes, () => this.writeSessions(trx, sessionSteps), () => flushQueueChanges(trx, steps.map((u) => u.after)));
    }
    // Pauses ended and sessions opened by these calls, for the supervisors' productivity figures.
    for (const counterId of paused) activity.push([counterId, at]);
    await logCounterActivities(trx, activity);
    return { claims: outcomes, events: planned.outcomes };
  }

  /**
   * What records an officer working at a counter with these services (usually nothing): an
   * update of the open session's services, or the open session closed and a new one opened.
   */
  private sessionSteps(open: { id: string; officer_id: string; service_ids_json: string } | undefined, req: ClaimRequest): SessionStep {
    const json = JSON.stringify(req.serviceIds);
    if (open && open.officer_id === req.act.officer.id) return open.service_ids_json === json ? {} : { services: { id: open.id, json } };
    return {
      ...(open ? { close: { id: open.id, at: req.act.now } } : {}),
      open: { id: randomUUID(), counter_id: req.counterId, officer_id: req.act.officer.id, service_ids_json: json, opened_at: req.act.now, closed_at: null },
    };
  }

  /** A group's session steps: the updates, then the new sessions in one insert (the first calls of a day come together). */
  private async writeSessions(trx: Knex.Transaction, steps: readonly SessionStep[]): Promise<void> {
    const updates: (() => PromiseLike<unknown>)[] = [];
    for (const st of steps) {
      if (st.services) {
        const { id, json } = st.services;
        updates.push(() => trx('counter_sessions').where({ id }).update({ service_ids_json: json }));
      }
      if (st.close) {
        const { id, at } = st.close;
        updates.push(() => trx('counter_sessions').where({ id }).update({ closed_at: at }));
      }
    }
    if (updates.length > 0) await together(trx, ...updates);
    const opened = steps.flatMap((st) => (st.open ? [st.open] : []));
    if (opened.length > 0) await hotWrite(trx, trx('counter_sessions').insert(opened));
  }

  /** Calls one chosen ticket: a ticket parked for this counter, or any waiting one when the mall allows calling out of order. */
  async callTicket(counterId: string, ticketId: string, askedServices: readonly string[] | undefined, act: Act): Promise<ServerCounterState> {
    const settings = await this.settings();
    const counter = await this.counter(counterId);
    assertAgencyAccess(act.officer, counter.agency_id, 'write');
    const serviceIds = await this.serviceIdsOf(counter, askedServices);
    const changed = await this.tx(async (trx) => {
      await this.lockCounterState(trx, counterId, act.now);
      const row = await findTicket(trx, ticketId, true);
      if (!row) throw notFound('Antrian tidak ditemukan.', 'Ticket not found.');
      if (row.agency_id !== counter.agency_id) throw new LoketError('FORBIDDEN', 'Antrian ini milik instansi lain.', 'This ticket belongs to another agency.');
      const ownParked = row.status === 'parked' && (row.target_counter_id === counterId || row.counter_id === counterId);
      if (!ownParked && act.source === 'online' && !settings.allowCallOutOfOrder) {
        throw new LoketError(
          'FORBIDDEN',
          'Pemanggilan antrian di luar urutan tidak diizinkan oleh pengaturan MPP. Gunakan Panggil Berikutnya.',
          "Calling a ticket out of order is not allowed by the mall's settings. Use Call next.",
          { reason: 'OUT_OF_ORDER_DISABLED' },
        );
      }
      if (row.target_counter_id && row.target_counter_id !== counterId && act.source === 'online') {
        throw conflict(`Antrian ${row.display_number} ditujukan ke loket lain.`, `Ticket ${row.display_number} is routed to another counter.`);
      }
      const out = act.source === 'online' ? await this.clearCounter(trx, counterId, act, settings) : [];
      await this.touchSession(trx, counterId, serviceIds, act);
      const { row: called } = await step(trx, row, { type: 'call' }, counterId, act, settings);
      return [...out, called];
    });
    return this.counterState(counterId, serviceIds, act, changed, settings);
  }

  /** Any other event on an existing ticket; `counterId` null for the front desk (cancel). */
  async applyEvent(
    ticketId: string,
    counterId: string | null,
    event: TicketEvent,
    askedServices: readonly string[] | undefined,
    act: Act,
    view: CounterView = 'full',
  ): Promise<{ ticket: ServerTicket; newTicket: ServerTicket | null; state: ServerCounterState | null }> {
    if (event.type === 'call') {
      throw new LoketError('VALIDATION', 'Gunakan Panggil Berikutnya untuk memanggil antrian.', 'Use Call next to call a ticket.');
    }
    const settings = await this.hotSettings();
    const counter = counterId ? await this.counter(counterId) : null;
    if (counter) assertAgencyAccess(act.officer, counter.agency_id, 'write');
    // Steps that create no ticket are grouped like claims (request-batch.ts); a transfer goes alone.
    const request: EventRequest = { ticketId, counterId, event, act, settings };
    const res =
      this.eventBatcher && event.type !== 'transfer'
        ? await this.eventBatcher.submit(ticketId, request)
        : await this.tx(async (trx) => {
            const row = await findTicket(trx, ticketId, true);
            if (!row) throw notFound('Antrian tidak ditemukan.', 'Ticket not found.');
            this.assertMayStep(row, event, act);
            if (event.type === 'transfer' && event.targetServiceId !== row.service_id) {
              const target = await trx<ServiceRow>('services').where({ id: event.targetServiceId }).first();
              if (!target) throw notFound('Layanan tujuan tidak ditemukan.', 'Target service not found.');
            }
            return step(trx, row, event, counterId, act, settings);
          });
    const state = counter && view === 'full' ? await this.counterState(counter.id, await this.serviceIdsOf(counter, askedServices), act, res.newRow ? [res.row, res.newRow] : [res.row]) : null;
    return { ticket: toServerTicket(res.row), newTicket: res.newRow ? toServerTicket(res.newRow) : null, state };
  }

  private assertMayStep(row: TicketRow, event: TicketEvent, act: Act): void {
    if (act.officer.role === 'frontdesk') {
      if (event.type !== 'cancel') throw new LoketError('FORBIDDEN', 'Resepsionis hanya dapat membatalkan antrian.', 'The front desk can only cancel tickets.');
    } else {
      assertAgencyAccess(act.officer, row.agency_id, 'write');
    }
  }

  /**
   * Ticket events (not transfers) of many requests in the caller's transaction: one read of
   * their tickets (locked on PostgreSQL), the shared state machine per request (a refused step
   * fails alone), one conditional update per ticket and one insert of the history rows.
   */
  private async eventBatch(trx: Knex.Transaction, reqs: readonly EventRequest[]): Promise<ItemOutcome<EventDone>[]> {
    const byId = new Map((await hotRows<TicketRow>(trx, this.eventTickets(trx, reqs))).map((r) => [r.id, r]));
    const planned = this.planEvents(byId, reqs);
    const writes: (() => PromiseLike<unknown>)[] = [() => writeTicketSteps(trx, planned.updates, true)];
    const first = reqs[0];
    if (planned.history.length > 0 && first) writes.push(() => insertEvents(trx, planned.history, first.act.source));
    if (this.pg) {
      await together(trx, ...writes);
      for (const { after } of planned.updates) await recordQueueChange(trx, after);
    } else {
      // See claimGroup: on SQLite the change log goes along with the writes.
      await together(trx, ...writes, () => flushQueueChanges(trx, planned.updates.map((u) => u.after)));
    }
    return planned.outcomes;
  }

  /** The tickets of a group of ticket events (locked on PostgreSQL). */
  private eventTickets(trx: Knex.Transaction, reqs: readonly EventRequest[]): Knex.QueryBuilder {
    const q = trx<TicketRow>('tickets').whereIn('id', reqs.map((r) => r.ticketId)).orderBy('id');
    if (this.pg) q.forUpdate();
    return q;
  }

  /** The shared state machine on each event of a group (a refused step fails alone): the steps and history to write. */
  private planEvents(byId: ReadonlyMap<string, TicketRow>, reqs: readonly EventRequest[]): { outcomes: ItemOutcome<EventDone>[]; updates: TicketStep[]; history: TicketHistoryEntry[] } {
    const updates: TicketStep[] = [];
    const history: TicketHistoryEntry[] = [];
    const outcomes = reqs.map((req): ItemOutcome<EventDone> => {
      try {
        const row = byId.get(req.ticketId);
        if (!row) throw notFound('Antrian tidak ditemukan.', 'Ticket not found.');
        this.assertMayStep(row, req.event, req.act);
        const result = applyTicketEvent(toDomainTicket(row), req.event, {
          now: req.act.now,
          officerId: req.act.officer.id,
          counterId: req.counterId ?? '',
          settings: { minRecallsBeforeNoShow: req.settings.minRecallsBeforeNoShow },
        });
        if (!result.ok) throw stateError(result.error);
        const note = 'note' in req.event && req.event.note !== undefined ? { note: req.event.note } : {};
        const after = { ...row, ...domainPatch(result.ticket), ...note, version: Number(row.version) + 1, updated_at: req.act.now } as TicketRow;
        updates.push({ before: row, after });
        history.push(result.history);
        return { ok: true, value: { row: after, newRow: null } };
      } catch (e) {
        return { ok: false, error: e };
      }
    });
    return { outcomes, updates, history };
  }

  async note(ticketId: string, text: string, act: Act): Promise<ServerTicket> {
    return this.tx(async (trx) => {
      const row = await findTicket(trx, ticketId, true);
      if (!row) throw notFound('Antrian tidak ditemukan.', 'Ticket not found.');
      assertAgencyAccess(act.officer, row.agency_id, 'write');
      const n = await trx<TicketRow>('tickets').where({ id: row.id, version: row.version }).update({ note: text || null, version: row.version + 1, updated_at: act.now });
      if (n !== 1) throw conflict('Antrian baru saja diubah. Coba lagi.', 'The ticket was just changed. Try again.');
      const updated = { ...row, note: text || null, version: row.version + 1, updated_at: act.now };
      await recordQueueChange(trx, updated);
      return toServerTicket(updated);
    });
  }

  /** Serves someone without a ticket; recorded with channel 'walkin'. */
  async walkIn(
    counterId: string,
    input: { id: string; serviceId: string; note: string | null; prefix?: string; number?: number; station?: string | null },
    askedServices: readonly string[] | undefined,
    act: Act,
  ): Promise<ServerCounterState> {
    const settings = await this.settings();
    const counter = await this.counter(counterId);
    assertAgencyAccess(act.officer, counter.agency_id, 'write');
    const serviceIds = await this.serviceIdsOf(counter, askedServices);
    const changed = await this.tx(async (trx) => {
      if (await findTicket(trx, input.id)) return [];
      const service = await trx<ServiceRow>('services').where({ id: input.serviceId }).first();
      if (!service || service.agency_id !== counter.agency_id) {
        throw new LoketError('VALIDATION', 'Layanan tidak ditemukan di instansi loket ini.', "The service is not one of this counter's agency.");
      }
      await this.lockCounterState(trx, counterId, act.now);
      const out = act.source === 'online' ? await this.clearCounter(trx, counterId, act, settings) : [];
      await this.touchSession(trx, counterId, serviceIds, act);
      const day = serviceDayOf(act.now, settings.utcOffsetMinutes);
      const prefix = input.prefix ?? WALK_IN_PREFIX;
      const number = input.number ?? (await this.nextNumber(trx, WALK_IN_PREFIX, day));
      const row = await insertTicket(
        trx,
        {
          id: input.id,
          prefix,
          number,
          display_number: formatTicketNumber(prefix, number),
          service_day: day,
          agency_id: service.agency_id,
          service_id: service.id,
          category: 'normal',
          channel: 'walkin',
          status: 'serving',
          arrived_at: act.now,
          called_at: act.now,
          serving_started_at: act.now,
          finished_at: null,
          counter_id: counterId,
          officer_id: act.officer.id,
          target_counter_id: null,
          recalls: 0,
          origin_ticket_id: null,
          station: input.station ?? null,
          booking_id: null,
          note: input.note,
          version: 1,
          created_at: act.now,
          updated_at: act.now,
        },
        'walkin',
        act,
      );
      return [...out, row];
    });
    return this.counterState(counterId, serviceIds, act, changed, settings);
  }

  /** Records that an officer works at a counter today (first action opens the session). */
  private async touchSession(trx: Db, counterId: string, serviceIds: readonly string[], act: Act): Promise<void> {
    const open = await trx('counter_sessions').where({ counter_id: counterId }).whereNull('closed_at').first<{ id: string; officer_id: string; service_ids_json: string } | undefined>();
    const json = JSON.stringify(serviceIds);
    if (open && open.officer_id === act.officer.id) {
      if (open.service_ids_json !== json) await trx('counter_sessions').where({ id: open.id }).update({ service_ids_json: json });
      return;
    }
    if (open) await trx('counter_sessions').where({ id: open.id }).update({ closed_at: act.now });
    await trx('counter_sessions').insert({ id: randomUUID(), counter_id: counterId, officer_id: act.officer.id, service_ids_json: json, opened_at: act.now, closed_at: null });
    await logCounterActivity(trx, counterId, act.now); // supervisors' productivity figures
  }

  private async endPause(trx: Db, counterId: string, now: string): Promise<void> {
    const ended = await trx('counter_pauses').where({ counter_id: counterId }).whereNull('ended_at').update({ ended_at: now });
    if (ended > 0) await logCounterActivity(trx, counterId, now);
  }

  async pause(counterId: string, reason: CounterPauseRow['reason'], note: string | null, askedServices: readonly string[] | undefined, act: Act): Promise<ServerCounterState> {
    const counter = await this.counter(counterId);
    assertAgencyAccess(act.officer, counter.agency_id, 'write');
    const serviceIds = await this.serviceIdsOf(counter, askedServices);
    await this.tx(async (trx) => {
      await this.touchSession(trx, counterId, serviceIds, act);
      await this.endPause(trx, counterId, act.now);
      const session = await trx('counter_sessions').where({ counter_id: counterId }).whereNull('closed_at').first<{ id: string } | undefined>('id');
      await trx<CounterPauseRow>('counter_pauses').insert({ id: randomUUID(), counter_id: counterId, session_id: session?.id ?? null, officer_id: act.officer.id, reason, note, started_at: act.now, ended_at: null });
      await logCounterActivity(trx, counterId, act.now);
    });
    return this.counterState(counterId, serviceIds, act, []);
  }

  async resume(counterId: string, askedServices: readonly string[] | undefined, act: Act): Promise<ServerCounterState> {
    const counter = await this.counter(counterId);
    assertAgencyAccess(act.officer, counter.agency_id, 'write');
    const serviceIds = await this.serviceIdsOf(counter, askedServices);
    await this.tx((trx) => this.endPause(trx, counterId, act.now));
    return this.counterState(counterId, serviceIds, act, []);
  }

  async state(counterId: string, askedServices: readonly string[] | undefined, act: Act): Promise<ServerCounterState> {
    const counter = await this.counter(counterId);
    assertAgencyAccess(act.officer, counter.agency_id, 'read');
    return this.counterState(counterId, await this.serviceIdsOf(counter, askedServices), act, []);
  }

  private async counterState(counterId: string, serviceIds: string[], act: Act, changed: TicketRow[], known?: QueueSettings): Promise<ServerCounterState> {
    const settings = known ?? (await this.settings());
    const day = serviceDayOf(act.now, settings.utcOffsetMinutes);
    const db = this.db;
    // `together`: this.db is a transaction when a synced intent runs this (a pg client takes one query at a time).
    const [current, waiting, parked, noShows, pause, st] = await together(
      db,
      () => db<TicketRow>('tickets').where({ counter_id: counterId }).whereIn('status', [...ACTIVE]).orderBy('updated_at', 'desc').first(),
      () => this.waitingQuery(db, serviceIds, day, counterId).orderBy([{ column: 'arrived_at' }, { column: 'id' }]).limit(WAITING_LIST_LIMIT),
      () => db<TicketRow>('tickets').where({ status: 'parked', service_day: day }).where((w) => w.where('target_counter_id', counterId).orWhere('counter_id', counterId)),
      () => db<TicketRow>('tickets').where({ status: 'no_show', service_day: day }).whereIn('service_id', serviceIds).orderBy('updated_at', 'desc').limit(50),
      () => db<CounterPauseRow>('counter_pauses').where({ counter_id: counterId }).whereNull('ended_at').orderBy('started_at', 'desc').first(),
      () => db<CounterStateRow>('queue_counter_state').where({ counter_id: counterId }).first(),
    );
    const currentId = current?.id;
    return {
      counterId,
      serviceIds,
      current: current ? toServerTicket(current) : null,
      waiting: [...parked, ...waiting].map(toServerTicket),
      noShows: noShows.map(toServerTicket),
      paused: pause ? { reason: pause.reason, since: pause.started_at, note: pause.note } : null,
      changed: changed.filter((c) => c.id !== currentId).map(toServerTicket),
      priorityState: { priorityStreak: Number(st?.priority_streak ?? 0), normalStreak: Number(st?.normal_streak ?? 0) },
    };
  }
}
