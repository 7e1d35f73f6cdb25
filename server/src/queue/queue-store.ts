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
import { applyTicketEvent, type Ticket, type TicketEvent } from '../../../common/domain/queue/ticket-state';
import { LoketError } from '../../../common/ipc/result';
import {
  WAITING_LIST_LIMIT,
  type ServerCounterState,
  type ServerTicket,
  type TicketChannel,
} from '../../../common/server-api/queue';
import type { AuthOfficer } from '../auth/officers';
import { assertAgencyAccess } from '../auth/guard';
import { isPostgres } from '../db/connect';
import type { CounterRow, ServiceRow } from '../db/rows';
import { localClock, loadQueueSettings, loadServiceConfig, type QueueSettings } from './config';
import { queueTransaction, recordQueueChange } from './change-log';
import { logCounterActivity } from './counter-activity';
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

/** The services a counter draws from: the asked subset of its agency's services, else all of them. */
async function counterServiceIds(db: Db, counter: CounterRow, asked: readonly string[] | undefined): Promise<string[]> {
  const all = (await db<ServiceRow>('services').where({ agency_id: counter.agency_id }).select('id').orderBy('id')).map((r) => r.id);
  if (!asked || asked.length === 0) return all;
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

async function insertEvent(db: Db, h: EventInsert, source: Act['source']): Promise<void> {
  await db('ticket_events').insert({
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
  });
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
  const updated = await writeStep(db, row, result.ticket, act.now, note !== undefined && event.type !== 'transfer' ? { note } : {});
  await insertEvent(db, result.history, act.source);
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

export class QueueStore {
  constructor(private readonly db: Knex) {}

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
      if (cfg.dailyQuota !== null) {
        const issued = await trx('tickets').where({ service_id: cfg.serviceId, service_day: day }).whereNot({ channel: 'transfer' }).count({ n: '*' }).first();
        if (Number((issued as { n?: number | string } | undefined)?.n ?? 0) >= cfg.dailyQuota) {
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

  private async lockCounterState(trx: Knex.Transaction, counterId: string, now: string): Promise<PriorityState> {
    await trx('queue_counter_state').insert({ counter_id: counterId, priority_streak: 0, normal_streak: 0, updated_at: now }).onConflict('counter_id').ignore();
    const q = trx<CounterStateRow>('queue_counter_state').where({ counter_id: counterId });
    if (this.pg) q.forUpdate();
    const row = await q.first();
    return row ? { priorityStreak: Number(row.priority_streak), normalStreak: Number(row.normal_streak) } : { ...INITIAL_PRIORITY_STATE };
  }

  /** Makes room for a new call: a visitor being served is finished, a called one blocks. */
  private async clearCounter(trx: Knex.Transaction, counterId: string, act: Act, settings: QueueSettings): Promise<TicketRow[]> {
    const q = trx<TicketRow>('tickets').where({ counter_id: counterId }).whereIn('status', [...ACTIVE]);
    if (this.pg) q.forUpdate();
    const active = await q;
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
    await this.endPause(trx, counterId, act.now);
    return changed;
  }

  private waitingQuery(trx: Db, serviceIds: readonly string[], day: string, counterId: string) {
    return trx<TicketRow>('tickets')
      .where({ service_day: day, status: 'waiting' })
      .whereIn('service_id', [...serviceIds])
      .where((w) => w.whereNull('target_counter_id').orWhere('target_counter_id', counterId));
  }

  /**
   * Claims the next ticket for a counter under the mall's priority rule. Returns the counter
   * state; `current` is null when nobody waits.
   */
  async callNext(counterId: string, askedServices: readonly string[] | undefined, act: Act): Promise<ServerCounterState> {
    const settings = await this.settings();
    const counter = await requireCounter(this.db, counterId);
    assertAgencyAccess(act.officer, counter.agency_id, 'write');
    const serviceIds = await counterServiceIds(this.db, counter, askedServices);
    const day = serviceDayOf(act.now, settings.utcOffsetMinutes);
    const changed = await this.tx(async (trx) => {
      const state = await this.lockCounterState(trx, counterId, act.now);
      const out = await this.clearCounter(trx, counterId, act, settings);
      await this.touchSession(trx, counterId, serviceIds, act);
      const peek = async (priority: boolean): Promise<TicketRow | undefined> => {
        const q = this.waitingQuery(trx, serviceIds, day, counterId);
        if (priority) q.whereNot({ category: 'normal' });
        else q.where({ category: 'normal' });
        return q.orderBy([{ column: 'arrived_at' }, { column: 'id' }]).first();
      };
      const [p, n] = await Promise.all([peek(true), peek(false)]);
      const candidates = [p, n].filter((t): t is TicketRow => !!t).map((t) => ({ id: t.id, category: t.category, arrivedAt: t.arrived_at, row: t }));
      const pick = pickNext(candidates, state, settings.priorityRule, act.now);
      if (!pick) return out;
      const claimClass = async (priority: boolean): Promise<TicketRow | undefined> => {
        const q = this.waitingQuery(trx, serviceIds, day, counterId);
        if (priority) q.whereNot({ category: 'normal' });
        else q.where({ category: 'normal' });
        q.orderBy([{ column: 'arrived_at' }, { column: 'id' }]);
        if (this.pg) q.forUpdate().skipLocked();
        return q.first();
      };
      const wantPriority = isPriority(pick.ticket.category);
      // SQLite: this transaction is the only writer, so the ticket just read is the one to claim.
      let claimed = this.pg ? await claimClass(wantPriority) : pick.ticket.row;
      let nextState = pick.nextState;
      if (!claimed) {
        // Every ticket of that class is being claimed by other counters right now.
        claimed = await claimClass(!wantPriority);
        if (!claimed) return out;
        nextState = pickNext([{ id: claimed.id, category: claimed.category, arrivedAt: claimed.arrived_at }], state, settings.priorityRule, act.now)?.nextState ?? state;
      }
      const { row } = await step(trx, claimed, { type: 'call' }, counterId, act, settings);
      await trx('queue_counter_state')
        .where({ counter_id: counterId })
        .update({ priority_streak: nextState.priorityStreak, normal_streak: nextState.normalStreak ?? 0, updated_at: act.now });
      return [...out, row];
    });
    return this.counterState(counterId, serviceIds, act, changed, settings);
  }

  /** Calls one chosen ticket: a ticket parked for this counter, or any waiting one when the mall allows calling out of order. */
  async callTicket(counterId: string, ticketId: string, askedServices: readonly string[] | undefined, act: Act): Promise<ServerCounterState> {
    const settings = await this.settings();
    const counter = await requireCounter(this.db, counterId);
    assertAgencyAccess(act.officer, counter.agency_id, 'write');
    const serviceIds = await counterServiceIds(this.db, counter, askedServices);
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
  async applyEvent(ticketId: string, counterId: string | null, event: TicketEvent, askedServices: readonly string[] | undefined, act: Act): Promise<{ ticket: ServerTicket; newTicket: ServerTicket | null; state: ServerCounterState | null }> {
    if (event.type === 'call') {
      throw new LoketError('VALIDATION', 'Gunakan Panggil Berikutnya untuk memanggil antrian.', 'Use Call next to call a ticket.');
    }
    const settings = await this.settings();
    const counter = counterId ? await requireCounter(this.db, counterId) : null;
    if (counter) assertAgencyAccess(act.officer, counter.agency_id, 'write');
    const res = await this.tx(async (trx) => {
      const row = await findTicket(trx, ticketId, true);
      if (!row) throw notFound('Antrian tidak ditemukan.', 'Ticket not found.');
      if (act.officer.role === 'frontdesk') {
        if (event.type !== 'cancel') throw new LoketError('FORBIDDEN', 'Resepsionis hanya dapat membatalkan antrian.', 'The front desk can only cancel tickets.');
      } else {
        assertAgencyAccess(act.officer, row.agency_id, 'write');
      }
      if (event.type === 'transfer' && event.targetServiceId !== row.service_id) {
        const target = await trx<ServiceRow>('services').where({ id: event.targetServiceId }).first();
        if (!target) throw notFound('Layanan tujuan tidak ditemukan.', 'Target service not found.');
      }
      return step(trx, row, event, counterId, act, settings);
    });
    const state = counter ? await this.counterState(counter.id, await counterServiceIds(this.db, counter, askedServices), act, res.newRow ? [res.row, res.newRow] : [res.row]) : null;
    return { ticket: toServerTicket(res.row), newTicket: res.newRow ? toServerTicket(res.newRow) : null, state };
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
    const counter = await requireCounter(this.db, counterId);
    assertAgencyAccess(act.officer, counter.agency_id, 'write');
    const serviceIds = await counterServiceIds(this.db, counter, askedServices);
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
    const counter = await requireCounter(this.db, counterId);
    assertAgencyAccess(act.officer, counter.agency_id, 'write');
    const serviceIds = await counterServiceIds(this.db, counter, askedServices);
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
    const counter = await requireCounter(this.db, counterId);
    assertAgencyAccess(act.officer, counter.agency_id, 'write');
    const serviceIds = await counterServiceIds(this.db, counter, askedServices);
    await this.tx((trx) => this.endPause(trx, counterId, act.now));
    return this.counterState(counterId, serviceIds, act, []);
  }

  async state(counterId: string, askedServices: readonly string[] | undefined, act: Act): Promise<ServerCounterState> {
    const counter = await requireCounter(this.db, counterId);
    assertAgencyAccess(act.officer, counter.agency_id, 'read');
    return this.counterState(counterId, await counterServiceIds(this.db, counter, askedServices), act, []);
  }

  private async counterState(counterId: string, serviceIds: string[], act: Act, changed: TicketRow[], known?: QueueSettings): Promise<ServerCounterState> {
    const settings = known ?? (await this.settings());
    const day = serviceDayOf(act.now, settings.utcOffsetMinutes);
    const db = this.db;
    const [current, waiting, parked, noShows, pause, st] = await Promise.all([
      db<TicketRow>('tickets').where({ counter_id: counterId }).whereIn('status', [...ACTIVE]).orderBy('updated_at', 'desc').first(),
      this.waitingQuery(db, serviceIds, day, counterId).orderBy([{ column: 'arrived_at' }, { column: 'id' }]).limit(WAITING_LIST_LIMIT),
      db<TicketRow>('tickets').where({ status: 'parked', service_day: day }).where((w) => w.where('target_counter_id', counterId).orWhere('counter_id', counterId)),
      db<TicketRow>('tickets').where({ status: 'no_show', service_day: day }).whereIn('service_id', serviceIds).orderBy('updated_at', 'desc').limit(50),
      db<CounterPauseRow>('counter_pauses').where({ counter_id: counterId }).whereNull('ended_at').orderBy('started_at', 'desc').first(),
      db<CounterStateRow>('queue_counter_state').where({ counter_id: counterId }).first(),
    ]);
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
