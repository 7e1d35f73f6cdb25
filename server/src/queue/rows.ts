/** Row shapes of the queue tables and their mapping to the wire and domain types. */
import type { TicketCategory } from '../../../common/domain/queue/priority';
import type { Ticket } from '../../../common/domain/queue/ticket-state';
import type { ServerTicket, TicketColumns } from '../../../common/server-api/queue';

export interface TicketRow extends TicketColumns {
  created_at: string;
  updated_at: string;
}

export interface QueueServiceRow {
  service_id: string;
  prefix: string;
  daily_quota: number | null;
  open_from: string | null;
  open_until: string | null;
}

export interface BookingRow {
  id: string;
  code: string;
  agency_id: string;
  service_id: string;
  category: TicketCategory;
  slot_at: string;
  service_day: string;
  status: 'booked' | 'checked_in' | 'cancelled';
  ticket_id: string | null;
  created_at: string;
}

export interface CounterPauseRow {
  id: string;
  counter_id: string;
  session_id: string | null;
  officer_id: string;
  reason: 'istirahat' | 'sholat' | 'gangguan_sistem' | 'lainnya';
  note: string | null;
  started_at: string;
  ended_at: string | null;
}

export interface CounterStateRow {
  counter_id: string;
  priority_streak: number;
  normal_streak: number;
  updated_at: string;
}

export const toServerTicket = (r: TicketRow): ServerTicket => ({
  id: r.id,
  prefix: r.prefix,
  number: Number(r.number),
  displayNumber: r.display_number,
  serviceDay: r.service_day,
  agencyId: r.agency_id,
  serviceId: r.service_id,
  category: r.category,
  channel: r.channel,
  status: r.status,
  arrivedAt: r.arrived_at,
  calledAt: r.called_at,
  servingStartedAt: r.serving_started_at,
  finishedAt: r.finished_at,
  counterId: r.counter_id,
  officerId: r.officer_id,
  targetCounterId: r.target_counter_id,
  recalls: Number(r.recalls),
  originTicketId: r.origin_ticket_id,
  station: r.station,
  bookingId: r.booking_id,
  note: r.note,
  version: Number(r.version),
});

export const toDomainTicket = (r: TicketRow): Ticket => ({
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

/** The columns a state-machine step may change. */
export const domainPatch = (t: Ticket): Partial<TicketRow> => ({
  status: t.state,
  counter_id: t.counterId,
  officer_id: t.officerId,
  target_counter_id: t.targetCounterId,
  called_at: t.calledAt,
  serving_started_at: t.servingStartedAt,
  finished_at: t.finishedAt,
  recalls: t.recallCount,
});
