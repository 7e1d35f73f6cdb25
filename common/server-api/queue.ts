/**
 * Wire types of the central server's queue API (v1), shared by server/src/queue and
 * main/queue. The ticket rules themselves live in common/domain/queue.
 */
import { z } from 'zod';
import { PriorityRuleSchema, TicketCategorySchema } from '../domain/queue/priority';
import { TicketEventSchema, TicketStateSchema } from '../domain/queue/ticket-state';
import { id } from '../ipc/limits';
import type { TicketCategory } from '../domain/queue/priority';
import type { TicketState } from '../domain/queue/ticket-state';

export const TICKET_CHANNELS = ['frontdesk', 'kiosk', 'online', 'walkin', 'transfer'] as const;
export const TicketChannelSchema = z.enum(TICKET_CHANNELS);
export type TicketChannel = z.infer<typeof TicketChannelSchema>;

export const PAUSE_REASONS = ['istirahat', 'sholat', 'gangguan_sistem', 'lainnya'] as const;
export const QueuePauseReasonSchema = z.enum(PAUSE_REASONS);

const instant = z.string().min(10).max(40);

/** A ticket as the server stores it (no personal data: a ticket never names the visitor). */
export const ServerTicketSchema = z.object({
  id: z.string(),
  prefix: z.string(),
  number: z.number().int(),
  displayNumber: z.string(),
  serviceDay: z.string(),
  agencyId: z.string(),
  serviceId: z.string(),
  category: TicketCategorySchema,
  channel: TicketChannelSchema,
  status: TicketStateSchema,
  arrivedAt: z.string(),
  calledAt: z.string().nullable(),
  servingStartedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  counterId: z.string().nullable(),
  officerId: z.string().nullable(),
  targetCounterId: z.string().nullable(),
  recalls: z.number().int(),
  originTicketId: z.string().nullable(),
  station: z.string().nullable(),
  bookingId: z.string().nullable(),
  note: z.string().nullable(),
  version: z.number().int(),
});
export type ServerTicket = z.infer<typeof ServerTicketSchema>;

export const QueueServiceConfigSchema = z.object({
  serviceId: z.string(),
  agencyId: z.string(),
  prefix: z.string(),
  dailyQuota: z.number().int().nullable(),
  /** 'HH:MM' in the mall's zone; issuing stops after `openUntil`. */
  openFrom: z.string().nullable(),
  openUntil: z.string().nullable(),
});
export type QueueServiceConfig = z.infer<typeof QueueServiceConfigSchema>;

export const QueueConfigSchema = z.object({
  utcOffsetMinutes: z.number().int(),
  allowCallOutOfOrder: z.boolean(),
  minRecallsBeforeNoShow: z.number().int(),
  priorityRule: PriorityRuleSchema,
  services: z.array(QueueServiceConfigSchema),
});
export type QueueConfig = z.infer<typeof QueueConfigSchema>;

export const PauseSchema = z.object({ reason: QueuePauseReasonSchema, since: z.string(), note: z.string().nullable() });

/**
 * The lean answer of a claim (`view: 'lean'`): what the counter needs at once — the ticket it
 * holds, what the action changed, its streaks. The waiting list is fetched after (GET state).
 */
export const ServerCounterClaimSchema = z.object({
  counterId: z.string(),
  serviceIds: z.array(z.string()),
  current: ServerTicketSchema.nullable(),
  paused: PauseSchema.nullable(),
  /** Tickets this action changed besides `current` (finished, transferred, the new ticket). */
  changed: z.array(ServerTicketSchema),
  /** The counter's priority streaks after the action (mirrored for offline calls). */
  priorityState: z.object({ priorityStreak: z.number().int(), normalStreak: z.number().int() }),
});
export type ServerCounterClaim = z.infer<typeof ServerCounterClaimSchema>;

/** What a counter sees (`view: 'full'`, the default): the claim's fields plus the lists. */
export const ServerCounterStateSchema = ServerCounterClaimSchema.extend({
  /** Waiting (and this counter's parked) tickets in calling order; capped at WAITING_LIST_LIMIT. */
  waiting: z.array(ServerTicketSchema),
  noShows: z.array(ServerTicketSchema),
});
export type ServerCounterState = z.infer<typeof ServerCounterStateSchema>;

/** 'full' (default): answers carry the waiting and no-show lists; 'lean': only what changed. */
export const CounterViewSchema = z.enum(['full', 'lean']);
export type CounterView = z.infer<typeof CounterViewSchema>;
export const WAITING_LIST_LIMIT = 50;

export const IssueTicketRequestSchema = z
  .object({
    /** Client-generated so a retried request issues one ticket. */
    id: id.optional(),
    serviceId: id,
    category: TicketCategorySchema,
    channel: z.enum(['frontdesk', 'kiosk']).optional(),
  })
  .strict();
export const IssuedTicketResponseSchema = z.object({ ticket: ServerTicketSchema, ahead: z.number().int() });
export type IssuedTicketResponse = z.infer<typeof IssuedTicketResponseSchema>;

export const CheckInRequestSchema = z.object({ code: z.string().trim().min(1).max(32) }).strict();

/** POST /api/v1/queue/bookings: an online booking (see server/src/queue/bookings.ts for the rules). */
export const CreateBookingRequestSchema = z
  .object({
    /** Client-generated so a retried request creates one booking. */
    id,
    serviceId: id,
    /** The slot, an ISO-8601 instant with its offset (e.g. 2026-03-03T09:00:00+07:00). */
    slotAt: z.string().datetime({ offset: true }),
    category: TicketCategorySchema.optional(),
  })
  .strict();
export const BookingViewSchema = z.object({
  id: z.string(),
  code: z.string(),
  agencyId: z.string(),
  serviceId: z.string(),
  category: TicketCategorySchema,
  slotAt: z.string(),
  serviceDay: z.string(),
  status: z.enum(['booked', 'checked_in', 'cancelled']),
  ticketId: z.string().nullable(),
  createdAt: z.string(),
});
export type BookingView = z.infer<typeof BookingViewSchema>;
export const BookingResponseSchema = z.object({ booking: BookingViewSchema });

export const CounterRequestSchema = z.object({ serviceIds: z.array(id).max(500).optional(), view: CounterViewSchema.optional() }).strict();
export const CallTicketRequestSchema = z.object({ ticketId: id, serviceIds: z.array(id).max(500).optional() }).strict();

/** An event for an existing ticket (a call has its own routes and is refused here). */
export const TicketEventRequestSchema = z
  .object({ counterId: id.nullable(), event: TicketEventSchema, serviceIds: z.array(id).max(500).optional(), view: CounterViewSchema.optional() })
  .strict();
export const TicketEventResponseSchema = z.object({
  ticket: ServerTicketSchema,
  newTicket: ServerTicketSchema.nullable(),
  /** The counter's state (view 'full' with a counter); null for the front desk and for view 'lean'. */
  state: ServerCounterStateSchema.nullable(),
});
export type TicketEventResponse = z.infer<typeof TicketEventResponseSchema>;

const counterServices = z.array(id).max(500).optional();
export const WalkInRequestSchema = z.object({ id, serviceId: id, note: z.string().max(1000).optional(), serviceIds: counterServices }).strict();
export const NoteRequestSchema = z.object({ text: z.string().max(1000) }).strict();
export const PauseRequestSchema = z.object({ reason: QueuePauseReasonSchema, note: z.string().max(200).optional(), serviceIds: counterServices }).strict();
export const ResumeRequestSchema = z.object({ serviceIds: counterServices }).strict();

export const ServiceWaitingSchema = z.object({
  serviceId: z.string(),
  agencyId: z.string(),
  prefix: z.string(),
  waiting: z.number().int(),
  priorityWaiting: z.number().int(),
  oldestArrivedAt: z.string().nullable(),
});
export const OverviewResponseSchema = z.object({ serviceDay: z.string(), services: z.array(ServiceWaitingSchema), at: z.string() });
export type OverviewResponse = z.infer<typeof OverviewResponseSchema>;

export const BoardResponseSchema = z.object({
  mallName: z.string(),
  serving: z.array(z.object({ counterId: z.string(), counterName: z.string(), counterNumber: z.number().int(), ticketNumber: z.string(), status: TicketStateSchema })),
  lastCalls: z.array(z.object({ ticketNumber: z.string(), counterName: z.string(), counterNumber: z.number().int(), at: z.string() })),
  waiting: z.array(z.object({ serviceId: z.string(), agencyName: z.string(), serviceName: z.string(), waiting: z.number().int() })),
});
export type BoardResponse = z.infer<typeof BoardResponseSchema>;

/** GET /api/v1/public/queue-status: for citizens, read-only; numbers and counts only. */
export const PublicQueueStatusSchema = z.object({
  mallName: z.string(),
  serviceDay: z.string(),
  at: z.string(),
  services: z.array(
    z.object({
      agencyName: z.string(),
      serviceName: z.string(),
      prefix: z.string(),
      waiting: z.number().int(),
      lastCalled: z.string().nullable(),
    }),
  ),
  lastCalls: z.array(z.object({ ticketNumber: z.string(), counterName: z.string(), at: z.string() })),
});
export type PublicQueueStatus = z.infer<typeof PublicQueueStatusSchema>;

/**
 * Offline intents (outbox kinds) the queue writes; the server re-validates each with the
 * shared state machine. Payloads carry the time the officer acted (`at`).
 */
export const QueueIntentSchemas = {
  'ticket.issue': z
    .object({
      ticketId: id,
      serviceId: id,
      category: TicketCategorySchema,
      prefix: z.string().regex(/^[A-Z]{2,3}$/),
      number: z.number().int().min(1),
      station: z.string().regex(/^[A-Z]$/),
      at: instant,
    })
    .strict(),
  'ticket.walkIn': z.object({ ticketId: id, serviceId: id, counterId: id, station: z.string().regex(/^[A-Z]$/), number: z.number().int().min(1), prefix: z.string().regex(/^[A-Z]{2,3}$/), note: z.string().max(1000).nullable(), at: instant }).strict(),
  'ticket.call': z.object({ ticketId: id, counterId: id, at: instant }).strict(),
  'ticket.event': z.object({ ticketId: id, counterId: id.nullable(), event: TicketEventSchema, at: instant }).strict(),
  'ticket.note': z.object({ ticketId: id, text: z.string().max(1000), at: instant }).strict(),
  'counter.pause': z.object({ counterId: id, reason: QueuePauseReasonSchema, note: z.string().max(200).nullable(), at: instant }).strict(),
  'counter.resume': z.object({ counterId: id, at: instant }).strict(),
} as const;
export type QueueIntentKind = keyof typeof QueueIntentSchemas;
export const QUEUE_INTENT_KINDS = Object.keys(QueueIntentSchemas) as QueueIntentKind[];
export const isQueueIntentKind = (k: string): k is QueueIntentKind => Object.prototype.hasOwnProperty.call(QueueIntentSchemas, k);

/** The ticket table's columns as both databases store them (server and the counter's mirror). */
export interface TicketColumns {
  id: string;
  prefix: string;
  number: number;
  display_number: string;
  service_day: string;
  agency_id: string;
  service_id: string;
  category: TicketCategory;
  channel: TicketChannel;
  status: TicketState;
  arrived_at: string;
  called_at: string | null;
  serving_started_at: string | null;
  finished_at: string | null;
  counter_id: string | null;
  officer_id: string | null;
  target_counter_id: string | null;
  recalls: number;
  origin_ticket_id: string | null;
  station: string | null;
  booking_id: string | null;
  note: string | null;
  version: number;
}
