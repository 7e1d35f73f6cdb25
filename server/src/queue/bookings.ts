/**
 * Online bookings: created here by whatever books for citizens (the mall's web portal or a
 * ministry's booking system, signed in as a front-desk, supervisor or admin account; or the
 * front desk on the phone), checked in at the front desk by code (QueueStore.checkInBooking),
 * where the ticket joins the queue in its slot.
 *
 * Rules: the slot is an instant on a future day (or later today), at most
 * BOOKING_MAX_DAYS_AHEAD days ahead, on a working day of the agency (its weekdays and the
 * server's holiday calendar), inside the service's opening hours when it has them; a service
 * with a daily quota takes bookings only while bookings plus tickets of that day stay under it.
 * The code is random (no look-alike characters) and unique; a client-given id makes a retried
 * request return the same booking instead of a second one.
 */
import { randomInt } from 'node:crypto';
import type { Knex } from 'knex';
import { isWorkingDay, serviceDaysFromWeekdays } from '../../../common/domain/calendar/working-days';
import { serviceDayOf } from '../../../common/domain/queue/numbering';
import type { TicketCategory } from '../../../common/domain/queue/priority';
import { LoketError } from '../../../common/ipc/result';
import type { BookingView } from '../../../common/server-api/queue';
import { latestCalendar } from '../catalog/standards-repo';
import { together } from '../db/together';
import { localClock, loadQueueSettings, loadServiceConfig } from './config';
import type { BookingRow } from './rows';

export const BOOKING_MAX_DAYS_AHEAD = 30;
/** Crockford-like alphabet: no 0/O, 1/I/L. */
const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const CODE_LENGTH = 6;

export function newBookingCode(): string {
  let s = 'BK-';
  for (let i = 0; i < CODE_LENGTH; i++) s += CODE_ALPHABET.charAt(randomInt(CODE_ALPHABET.length));
  return s;
}

export const toBookingView = (r: BookingRow): BookingView => ({
  id: r.id,
  code: r.code,
  agencyId: r.agency_id,
  serviceId: r.service_id,
  category: r.category,
  slotAt: r.slot_at,
  serviceDay: r.service_day,
  status: r.status,
  ticketId: r.ticket_id,
  createdAt: r.created_at,
});

const invalid = (id: string, en: string, details?: Record<string, string | number>) => new LoketError('VALIDATION', id, en, details);

export interface NewBooking {
  id: string;
  serviceId: string;
  category: TicketCategory;
  slotAt: string;
}

export async function createBooking(db: Knex, input: NewBooking, now: Date): Promise<{ booking: BookingView; created: boolean }> {
  const slotMs = Date.parse(input.slotAt);
  if (!Number.isFinite(slotMs)) throw invalid('Waktu booking tidak valid.', 'The booking time is not valid.');
  const slotAt = new Date(slotMs).toISOString();
  return db.transaction(async (trx) => {
    const existing = await trx<BookingRow>('bookings').where({ id: input.id }).first();
    if (existing) {
      if (existing.service_id !== input.serviceId || existing.slot_at !== slotAt) {
        throw new LoketError('CONFLICT', 'Nomor data booking sudah dipakai.', 'The booking id is already in use.');
      }
      return { booking: toBookingView(existing), created: false };
    }
    const [settings, cfg, calendar] = await together(
      trx,
      () => loadQueueSettings(trx),
      () => loadServiceConfig(trx, input.serviceId),
      () => latestCalendar(trx),
    );
    if (!cfg) throw new LoketError('NOT_FOUND', 'Layanan tidak ditemukan.', 'Service not found.');
    if (slotMs <= now.getTime()) throw invalid('Waktu booking sudah lewat.', 'The booking time is in the past.');
    if (slotMs > now.getTime() + BOOKING_MAX_DAYS_AHEAD * 86_400_000) {
      throw invalid(`Booking paling lambat ${BOOKING_MAX_DAYS_AHEAD} hari ke depan.`, `Bookings can be made at most ${BOOKING_MAX_DAYS_AHEAD} days ahead.`, { maxDaysAhead: BOOKING_MAX_DAYS_AHEAD });
    }
    const day = serviceDayOf(slotAt, settings.utcOffsetMinutes);
    const agency = (await trx('agencies').where({ id: cfg.agencyId }).first('service_days')) as { service_days: string | null } | undefined;
    if (!isWorkingDay(day, calendar, serviceDaysFromWeekdays(agency?.service_days ?? null))) {
      throw invalid(`Tanggal ${day} bukan hari layanan instansi ini (akhir pekan atau hari libur).`, `${day} is not a service day of this agency (weekend or holiday).`, { serviceDay: day });
    }
    const clock = localClock(slotAt, settings.utcOffsetMinutes);
    if ((cfg.openFrom && clock < cfg.openFrom) || (cfg.openUntil && clock >= cfg.openUntil)) {
      throw invalid(
        `Jam booking di luar jam layanan (${cfg.openFrom ?? '00:00'}–${cfg.openUntil ?? '24:00'}).`,
        `The booking time is outside service hours (${cfg.openFrom ?? '00:00'}–${cfg.openUntil ?? '24:00'}).`,
        { openFrom: cfg.openFrom ?? '00:00', openUntil: cfg.openUntil ?? '24:00' },
      );
    }
    if (cfg.dailyQuota !== null) {
      const [booked, issued] = await together(
        trx,
        () => trx('bookings').where({ service_id: cfg.serviceId, service_day: day }).whereNot({ status: 'cancelled' }).count({ n: '*' }).first(),
        // Tickets of checked-in bookings are counted as bookings already.
        () => trx('tickets').where({ service_id: cfg.serviceId, service_day: day }).whereNot({ channel: 'transfer' }).whereNull('booking_id').count({ n: '*' }).first(),
      );
      const used = Number((booked as { n?: number | string } | undefined)?.n ?? 0) + Number((issued as { n?: number | string } | undefined)?.n ?? 0);
      if (used >= cfg.dailyQuota) {
        throw new LoketError('CONFLICT', `Kuota harian layanan ini pada ${day} sudah penuh.`, `The daily quota of this service on ${day} is full.`, { reason: 'QUOTA_FULL', serviceDay: day });
      }
    }
    for (let attempt = 0; ; attempt++) {
      const row: BookingRow = {
        id: input.id,
        code: newBookingCode(),
        agency_id: cfg.agencyId,
        service_id: cfg.serviceId,
        category: input.category,
        slot_at: slotAt,
        service_day: day,
        status: 'booked',
        ticket_id: null,
        created_at: now.toISOString(),
      };
      // 31^6 ≈ 887 million codes: a clash is rare; pick another code rather than fail.
      const clash = await trx('bookings').where({ code: row.code }).first('id');
      if (clash && attempt < 5) continue;
      await trx<BookingRow>('bookings').insert(row);
      return { booking: toBookingView(row), created: true };
    }
  });
}

export async function findBooking(db: Knex, code: string): Promise<BookingView> {
  const normalized = code.trim().toUpperCase();
  const row = await db<BookingRow>('bookings').where({ code: normalized }).first();
  if (!row) throw new LoketError('NOT_FOUND', `Kode booking ${normalized} tidak ditemukan.`, `Booking code ${normalized} was not found.`);
  return toBookingView(row);
}

/** Cancels a booking that has not checked in (a checked-in one has a ticket: cancel that instead). */
export async function cancelBooking(db: Knex, code: string): Promise<BookingView> {
  const normalized = code.trim().toUpperCase();
  return db.transaction(async (trx) => {
    const row = await trx<BookingRow>('bookings').where({ code: normalized }).first();
    if (!row) throw new LoketError('NOT_FOUND', `Kode booking ${normalized} tidak ditemukan.`, `Booking code ${normalized} was not found.`);
    if (row.status === 'cancelled') return toBookingView(row);
    if (row.status !== 'booked') {
      throw new LoketError('CONFLICT', `Booking ${normalized} sudah check-in; batalkan antriannya.`, `Booking ${normalized} has already checked in; cancel its ticket instead.`);
    }
    const n = await trx<BookingRow>('bookings').where({ id: row.id, status: 'booked' }).update({ status: 'cancelled' });
    if (n !== 1) throw new LoketError('CONFLICT', `Booking ${normalized} baru saja berubah. Coba lagi.`, `Booking ${normalized} just changed. Try again.`);
    return toBookingView({ ...row, status: 'cancelled' });
  });
}
