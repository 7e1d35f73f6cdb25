/**
 * Queue channels (front desk, counter, display board, printer). Declared here and
 * spread into common/ipc/contract.ts so each area keeps its channels together.
 */
import { z } from 'zod';
import { TicketCategorySchema } from '../../domain/queue/priority';
import { TicketStateSchema } from '../../domain/queue/ticket-state';
import { id, nonEmpty, shortText } from '../limits';
import type { Access } from '../contract-types';

const empty = z.object({}).strict();

export const PrintOutcomeSchema = z.object({
  ok: z.boolean(),
  code: z.string().optional(),
  message: z.string().optional(),
  messageEn: z.string().optional(),
});
export type PrintOutcome = z.infer<typeof PrintOutcomeSchema>;

export const TicketViewSchema = z.object({
  id,
  number: z.string(),
  agencyId: z.string(),
  serviceId: z.string(),
  serviceName: z.string(),
  category: TicketCategorySchema,
  channel: z.enum(['frontdesk', 'kiosk', 'online', 'walkin', 'transfer']),
  status: TicketStateSchema,
  arrivedAt: z.string(),
  calledAt: z.string().nullable(),
  servingStartedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  counterId: z.string().nullable(),
  counterName: z.string().nullable(),
  recalls: z.number().int(),
  originTicketId: z.string().nullable(),
  note: z.string().nullable(),
  /** False while this change is only on this computer (not yet on the server). */
  synced: z.boolean(),
});
export type TicketView = z.infer<typeof TicketViewSchema>;

export const ServiceQueueSchema = z.object({
  serviceId: z.string(),
  serviceName: z.string(),
  agencyId: z.string(),
  agencyName: z.string(),
  prefix: z.string(),
  waiting: z.number().int(),
  priorityWaiting: z.number().int(),
  oldestArrivedAt: z.string().nullable(),
});
export type ServiceQueue = z.infer<typeof ServiceQueueSchema>;

export const IssuedTicketSchema = z.object({ ticket: TicketViewSchema, ahead: z.number().int(), print: PrintOutcomeSchema });

export const PauseReasonSchema = z.enum(['istirahat', 'sholat', 'gangguan_sistem', 'lainnya']);
export type PauseReason = z.infer<typeof PauseReasonSchema>;

export const CounterStateSchema = z.object({
  counterId: z.string(),
  counterName: z.string(),
  serviceIds: z.array(z.string()),
  current: TicketViewSchema.nullable(),
  paused: z.object({ reason: PauseReasonSchema, since: z.string(), note: z.string().nullable() }).nullable(),
  waiting: z.array(TicketViewSchema),
  noShows: z.array(TicketViewSchema),
  allowCallOutOfOrder: z.boolean(),
  minRecallsBeforeNoShow: z.number().int(),
});
export type CounterState = z.infer<typeof CounterStateSchema>;

export const BoardSchema = z.object({
  mallName: z.string(),
  serving: z.array(z.object({ counterName: z.string(), counterNumber: z.number().int(), ticketNumber: z.string(), status: TicketStateSchema })),
  lastCalls: z.array(z.object({ ticketNumber: z.string(), counterName: z.string(), counterNumber: z.number().int(), at: z.string() })),
  waiting: z.array(z.object({ agencyName: z.string(), serviceName: z.string(), waiting: z.number().int() })),
});
export type Board = z.infer<typeof BoardSchema>;

export const PrinterSettingsInputSchema = z
  .object({
    transport: z.enum(['network', 'device', 'serial', 'virtual']),
    address: shortText(300),
    port: z.number().int().min(1).max(65535).optional(),
    paperWidth: z.union([z.literal(58), z.literal(80)]),
    commandSet: z.enum(['generic', 'escpos', 'starsbcs']),
    encoding: z.enum(['cp437', 'cp850', 'cp858', 'cp1252', 'multilingual']),
    cutting: z.boolean(),
  })
  .strict();

const officer: Access = ['officer'];
const frontdesk: Access = ['frontdesk', 'admin'];
const counterAction = <S extends z.ZodRawShape>(extra: S) => z.object(extra).strict();

export const queueChannels = {
  'queue.overview': { input: empty, output: z.object({ services: z.array(ServiceQueueSchema), at: z.string() }), access: 'session' },
  'queue.issue': {
    input: z.object({ serviceId: nonEmpty(64), category: TicketCategorySchema }).strict(),
    output: IssuedTicketSchema,
    access: frontdesk,
  },
  'queue.checkInBooking': { input: z.object({ code: nonEmpty(32) }).strict(), output: IssuedTicketSchema, access: frontdesk },
  'queue.reprint': { input: z.object({ ticketId: nonEmpty(64) }).strict(), output: z.object({ print: PrintOutcomeSchema }), access: frontdesk },
  'queue.cancel': { input: z.object({ ticketId: nonEmpty(64), reason: nonEmpty(200) }).strict(), output: TicketViewSchema, access: frontdesk },
  'queue.recentIssued': { input: empty, output: z.array(TicketViewSchema), access: frontdesk },
  'counter.state': { input: empty, output: CounterStateSchema, access: officer, passive: true },
  'counter.callNext': { input: empty, output: CounterStateSchema, access: officer },
  'counter.callTicket': { input: counterAction({ ticketId: nonEmpty(64) }), output: CounterStateSchema, access: officer },
  'counter.recall': { input: empty, output: CounterStateSchema, access: officer },
  'counter.start': { input: empty, output: CounterStateSchema, access: officer },
  'counter.noShow': { input: empty, output: CounterStateSchema, access: officer },
  'counter.finish': { input: counterAction({ note: shortText(1000).optional() }), output: CounterStateSchema, access: officer },
  'counter.transfer': {
    input: z
      .object({ serviceId: nonEmpty(64).optional(), counterId: nonEmpty(64).optional(), note: shortText(1000).optional() })
      .strict()
      .refine((v) => !!v.serviceId !== !!v.counterId, { message: 'choose a service or a counter' }),
    output: CounterStateSchema,
    access: officer,
  },
  'counter.park': { input: empty, output: CounterStateSchema, access: officer },
  'counter.reactivate': { input: counterAction({ ticketId: nonEmpty(64) }), output: CounterStateSchema, access: officer },
  'counter.walkIn': { input: counterAction({ serviceId: nonEmpty(64), note: shortText(1000).optional() }), output: CounterStateSchema, access: officer },
  'counter.pause': { input: counterAction({ reason: PauseReasonSchema, note: shortText(200).optional() }), output: CounterStateSchema, access: officer },
  'counter.resume': { input: empty, output: CounterStateSchema, access: officer },
  'counter.note': { input: counterAction({ text: shortText(1000) }), output: CounterStateSchema, access: officer },
  'board.get': { input: empty, output: BoardSchema, access: 'session', passive: true },
  'printer.getSettings': { input: empty, output: PrinterSettingsInputSchema, access: 'session' },
  'printer.saveSettings': { input: PrinterSettingsInputSchema, output: PrinterSettingsInputSchema, access: ['admin'] },
  'printer.preview': { input: empty, output: z.object({ svg: z.string() }), access: 'session' },
  'printer.testPrint': { input: empty, output: PrintOutcomeSchema, access: ['admin', 'frontdesk'] },
} as const;

export const queueEvents = {
  /** Something in the queue changed: refetch (cheap; the payload says what). */
  'queue.changed': z.object({ reason: z.string(), serviceIds: z.array(z.string()) }),
  /** A ticket was called: the display board chimes and announces it. */
  'queue.called': z.object({ ticketNumber: z.string(), counterName: z.string(), counterNumber: z.number().int(), announcement: z.string() }),
} as const;
