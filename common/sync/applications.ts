/**
 * The application (permohonan) as it travels in sync: the record the server logs in its
 * change log, and the intents a counter pushes. Minimal on purpose: enough for the
 * two-counter workflow and the sync guarantees; richer fields come with the
 * applications feature and a new protocol field, never a silent change of meaning.
 */
import { z } from 'zod';
import { ApplicationStatusSchema, MAX_REASON_LENGTH } from '../domain/applications/status';
import { ChecklistItemSchema, HistoryEntrySchema, ReceivedDocumentSchema } from '../applications/application';

export const APPLICATION_ENTITY = 'application';

/** Client-generated ids: UUIDs in practice; any url-safe token of 8–64 characters is accepted. */
export const entityId = z.string().min(8).max(64).regex(/^[A-Za-z0-9_-]+$/);
const refId = z.string().min(1).max(64).regex(/^[A-Za-z0-9_.:-]+$/);
const isoTime = z.string().min(10).max(40);
const nik = z.string().regex(/^\d{16}$/);

export const ApplicationRecordSchema = z
  .object({
    id: entityId,
    agencyId: refId,
    serviceId: refId,
    applicantName: z.string().min(1).max(200),
    applicantNik: nik.nullable(),
    notes: z.string().max(1000).nullable(),
    status: ApplicationStatusSchema,
    statusReason: z.string().max(MAX_REASON_LENGTH).nullable(),
    /** Server version: 1 on create, +1 per applied change. 0 on a counter = not yet on the server. */
    version: z.number().int().nonnegative(),
    createdAt: isoTime,
    createdBy: refId,
    updatedAt: isoTime,
    updatedBy: refId,
    // Registration (application.register); null on the minimal records of application.create.
    registrationNumber: z.string().max(40).nullable(),
    ticketId: refId.nullable(),
    ticketNumber: z.string().max(20).nullable(),
    counterId: refId.nullable(),
    applicantPhone: z.string().max(20).nullable(),
    applicantSex: z.enum(['F', 'M']).nullable(),
    applicantBirthDate: z.string().max(10).nullable(),
    /** The version of the service standard the application was filed under, with what it set. */
    serviceVersion: z.number().int().positive().nullable(),
    slaWorkingDays: z.number().int().nonnegative().nullable(),
    fee: z.number().int().nonnegative().nullable(),
    checklist: z.array(ChecklistItemSchema).max(40).nullable(),
    documents: z.array(ReceivedDocumentSchema).max(100).nullable(),
    history: z.array(HistoryEntrySchema).max(200).nullable(),
    /** "Berkas lengkap": the SLA clock starts here (UU 30/2014 Pasal 53). */
    completeAt: isoTime.nullable(),
    completeBy: refId.nullable(),
    dueAt: isoTime.nullable(),
    dueDate: z.string().max(10).nullable(),
  })
  .strict();
export type ApplicationRecord = z.infer<typeof ApplicationRecordSchema>;

/** The registration fields of a minimal record (application.create). */
export const NO_REGISTRATION = {
  registrationNumber: null,
  ticketId: null,
  ticketNumber: null,
  counterId: null,
  applicantPhone: null,
  applicantSex: null,
  applicantBirthDate: null,
  serviceVersion: null,
  slaWorkingDays: null,
  fee: null,
  checklist: null,
  documents: null,
  history: null,
  completeAt: null,
  completeBy: null,
  dueAt: null,
  dueDate: null,
} as const satisfies Partial<ApplicationRecord>;

/**
 * A full registration at the counter (applications feature): the applicant, the checklist made
 * from the standard's version, the documents received (files uploaded by SHA-256 before the
 * intent), complete ("berkas lengkap" → diverifikasi, the SLA starts) or not (berkas_belum_lengkap
 * with what is missing). The server re-validates all of it.
 */
export const ApplicationRegisterIntentSchema = z
  .object({
    id: entityId,
    agencyId: refId,
    serviceId: refId,
    serviceVersion: z.number().int().positive(),
    registrationNumber: z.string().min(8).max(40),
    ticketId: refId.nullable(),
    ticketNumber: z.string().max(20).nullable(),
    counterId: refId.nullable(),
    applicantName: z.string().trim().min(1).max(200),
    applicantNik: nik.nullable(),
    applicantPhone: z.string().max(20).nullable(),
    applicantSex: z.enum(['F', 'M']).nullable(),
    applicantBirthDate: z.string().max(10).nullable(),
    checklist: z.array(ChecklistItemSchema).max(40),
    documents: z.array(ReceivedDocumentSchema).max(100),
    complete: z.boolean(),
    missing: z.string().max(MAX_REASON_LENGTH).nullable(),
    notes: z.string().max(1000).nullable(),
    at: isoTime,
  })
  .strict();
export type ApplicationRegisterIntent = z.infer<typeof ApplicationRegisterIntentSchema>;

/**
 * Corrections to an application's applicant contact data, notes or checklist. Optimistic:
 * `baseVersion` is the server version the officer edited; if the application changed since (another
 * officer), the edit is refused instead of overwriting theirs.
 */
export const ApplicationUpdateIntentSchema = z
  .object({
    id: entityId,
    baseVersion: z.number().int().nonnegative(),
    applicantName: z.string().trim().min(1).max(200).optional(),
    applicantPhone: z.string().max(20).nullable().optional(),
    notes: z.string().max(1000).nullable().optional(),
    at: isoTime,
  })
  .strict();
export type ApplicationUpdateIntent = z.infer<typeof ApplicationUpdateIntentSchema>;

export const ApplicationCreateIntentSchema = z
  .object({
    id: entityId,
    agencyId: refId,
    serviceId: refId,
    applicantName: z.string().trim().min(1).max(200),
    applicantNik: nik.nullable(),
    notes: z.string().max(1000).nullable(),
    at: isoTime,
  })
  .strict();
export type ApplicationCreateIntent = z.infer<typeof ApplicationCreateIntentSchema>;

export const ApplicationSetStatusIntentSchema = z
  .object({
    id: entityId,
    /** The status the officer saw when deciding; used for the message when the server's differs. */
    from: ApplicationStatusSchema,
    to: ApplicationStatusSchema,
    reason: z.string().max(MAX_REASON_LENGTH).nullable(),
    at: isoTime,
  })
  .strict();
export type ApplicationSetStatusIntent = z.infer<typeof ApplicationSetStatusIntentSchema>;

export const APPLICATION_INTENTS = {
  'application.create': ApplicationCreateIntentSchema,
  'application.setStatus': ApplicationSetStatusIntentSchema,
  'application.register': ApplicationRegisterIntentSchema,
  'application.update': ApplicationUpdateIntentSchema,
} as const;
export type ApplicationIntentKind = keyof typeof APPLICATION_INTENTS;

/** IPC: what the counter shows — the working copy, and whether the server has confirmed it yet. */
export const ApplicationViewSchema = ApplicationRecordSchema.extend({ pending: z.boolean() });
export type ApplicationView = z.infer<typeof ApplicationViewSchema>;

export const CreateApplicationInputSchema = z
  .object({
    /** Defaults to the officer's agency; supervisors and admins name it. */
    agencyId: refId.optional(),
    serviceId: refId,
    applicantName: z.string().trim().min(1).max(200),
    applicantNik: nik.nullable().optional(),
    notes: z.string().max(1000).nullable().optional(),
  })
  .strict();
export type CreateApplicationInput = z.infer<typeof CreateApplicationInputSchema>;

export const SetApplicationStatusInputSchema = z
  .object({ id: entityId, to: ApplicationStatusSchema, reason: z.string().max(MAX_REASON_LENGTH).nullable().optional() })
  .strict();

export const ListApplicationsInputSchema = z
  .object({ agencyId: refId.optional(), status: ApplicationStatusSchema.optional(), limit: z.number().int().min(1).max(1000).optional() })
  .strict();

const ReasonSchema = z.object({ code: z.string(), message: z.string(), messageEn: z.string() });

/** IPC sync.pending: this installation's changes not yet on the server, and the rejected ones with why. */
export const OutboxViewSchema = z.object({
  entries: z.array(
    z.object({
      id: z.string(),
      kind: z.string(),
      entityId: z.string().nullable(),
      createdAt: z.string(),
      state: z.enum(['pending', 'rejected']),
      attempts: z.number().int().nonnegative(),
      reason: ReasonSchema.nullable(),
    }),
  ),
});
export type OutboxView = z.infer<typeof OutboxViewSchema>;
