/**
 * Queue part of the demo mall: one letter per agency (services of an agency share one number
 * series), a daily quota on new passports as Imigrasi offices have, and a few online bookings
 * for the day the demo is seeded.
 */
import type { Knex } from 'knex';
import { serviceDayOf } from '../../../common/domain/queue/numbering';
import type { TicketCategory } from '../../../common/domain/queue/priority';
import type { ServiceRow } from '../db/rows';
import { dayStartIso, loadQueueSettings } from './config';

export const DEMO_QUEUE_PREFIXES: Readonly<Record<string, string>> = {
  'ag-dukcapil': 'A',
  'ag-imigrasi': 'B',
  'ag-samsat': 'C',
  'ag-bpjs-kesehatan': 'D',
  'ag-dpmptsp': 'E',
};

export const DEMO_QUOTAS: Readonly<Record<string, number>> = { 'sv-imigrasi-paspor-baru': 100 };

/** Booking codes of the demo day: code, service, local slot time, category. */
export const DEMO_BOOKINGS: readonly { code: string; serviceId: string; slot: string; category: TicketCategory }[] = [
  { code: 'BK-7H3K2Q', serviceId: 'sv-dukcapil-kk', slot: '09:00', category: 'normal' },
  { code: 'BK-M4P9XA', serviceId: 'sv-imigrasi-paspor-baru', slot: '10:00', category: 'normal' },
  { code: 'BK-Q2W8EZ', serviceId: 'sv-samsat-pkb-tahunan', slot: '10:30', category: 'lansia' },
  { code: 'BK-T6Y1UR', serviceId: 'sv-dpmptsp-nib', slot: '13:00', category: 'normal' },
];

export async function seedDemoQueue(trx: Knex.Transaction, now: Date): Promise<void> {
  const services = await trx<ServiceRow>('services').select('id', 'agency_id');
  const rows = services
    .filter((s) => DEMO_QUEUE_PREFIXES[s.agency_id])
    .map((s) => ({ service_id: s.id, prefix: DEMO_QUEUE_PREFIXES[s.agency_id] ?? 'A', daily_quota: DEMO_QUOTAS[s.id] ?? null, open_from: null, open_until: null }));
  if (rows.length) await trx('queue_services').insert(rows);
  const settings = await loadQueueSettings(trx);
  const day = serviceDayOf(now.toISOString(), settings.utcOffsetMinutes);
  const start = Date.parse(dayStartIso(day, settings.utcOffsetMinutes));
  const known = new Map(services.map((s) => [s.id, s.agency_id]));
  const bookings = DEMO_BOOKINGS.filter((b) => known.has(b.serviceId)).map((b) => {
    const [h, m] = b.slot.split(':').map(Number);
    return {
      id: `bk-${b.code.toLowerCase()}`,
      code: b.code,
      agency_id: known.get(b.serviceId) ?? '',
      service_id: b.serviceId,
      category: b.category,
      slot_at: new Date(start + ((h ?? 9) * 60 + (m ?? 0)) * 60_000).toISOString(),
      service_day: day,
      status: 'booked',
      ticket_id: null,
      created_at: now.toISOString(),
    };
  });
  if (bookings.length) await trx('bookings').insert(bookings);
}
