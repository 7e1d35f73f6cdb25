/**
 * The application (permohonan) beyond the minimal sync record: the requirement checklist, the
 * documents received, the status history, the SLA (from "berkas lengkap", paused while the file is
 * back with the applicant) and the IPC shapes of the applications screens.
 */
import { z } from 'zod';
import { ApplicationStatusSchema, MAX_REASON_LENGTH, type ApplicationStatus } from '../domain/applications/status';
import { dueDate, type DueDateResult, type HolidayCalendar, type PausedInterval, type ServiceDays, MON_FRI } from '../domain/calendar/working-days';
import { RequirementCodeSchema, type Requirement } from '../catalog/standard';
import { DocumentMimeSchema } from '../documents/document';

export const CheckStateSchema = z.enum(['missing', 'present', 'valid', 'invalid']);
export type CheckState = z.infer<typeof CheckStateSchema>;

/** Reasons an officer picks for an invalid document (or types another). */
export const INVALID_REASONS = [
  { code: 'TIDAK_TERBACA', id: 'Tidak terbaca / buram', en: 'Illegible / blurred' },
  { code: 'KEDALUWARSA', id: 'Sudah tidak berlaku', en: 'Expired' },
  { code: 'DATA_BERBEDA', id: 'Data tidak sesuai dengan dokumen lain', en: 'Data differ from other documents' },
  { code: 'BUKAN_ASLI', id: 'Bukan dokumen asli', en: 'Not the original' },
  { code: 'TANPA_TTD', id: 'Belum ditandatangani / distempel', en: 'Not signed / stamped' },
  { code: 'TIDAK_LENGKAP', id: 'Halaman tidak lengkap', en: 'Pages missing' },
] as const;

export const ChecklistItemSchema = z
  .object({
    code: RequirementCodeSchema,
    name: z.string().min(1).max(200),
    mandatory: z.boolean(),
    state: CheckStateSchema,
    /** Why it is invalid (required then), from INVALID_REASONS or typed. */
    reason: z.string().trim().max(200).nullable(),
  })
  .strict();
export type ChecklistItem = z.infer<typeof ChecklistItemSchema>;

export const ReceivedDocumentSchema = z
  .object({
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    mime: DocumentMimeSchema,
    size: z.number().int().positive(),
    fileName: z.string().min(1).max(200),
    requirementCode: RequirementCodeSchema.nullable(),
  })
  .strict();
export type ReceivedDocument = z.infer<typeof ReceivedDocumentSchema>;

export const HistoryEntrySchema = z
  .object({
    at: z.string().max(40),
    from: ApplicationStatusSchema.nullable(),
    to: ApplicationStatusSchema,
    by: z.string().max(64),
    byName: z.string().max(200),
    note: z.string().max(MAX_REASON_LENGTH).nullable(),
  })
  .strict();
export type HistoryEntry = z.infer<typeof HistoryEntrySchema>;

/** Bilingual checklist problems; empty when the file may be registered as complete. */
export function checklistIssues(items: readonly ChecklistItem[]): { code: string; message: string; messageEn: string }[] {
  const out: { code: string; message: string; messageEn: string }[] = [];
  for (const i of items) {
    if (i.state === 'invalid' && !i.reason) {
      out.push({ code: 'REASON_REQUIRED', message: `Isi alasan mengapa "${i.name}" tidak sah.`, messageEn: `Give the reason why "${i.name}" is invalid.` });
    }
    if (i.mandatory && i.state !== 'valid') {
      out.push({
        code: 'MANDATORY_NOT_VALID',
        message: `Persyaratan wajib "${i.name}" belum dinyatakan sah.`,
        messageEn: `Mandatory requirement "${i.name}" is not marked valid.`,
      });
    }
  }
  return out;
}

/** The "what is missing" text printed for the applicant of an incomplete file. */
export function missingText(items: readonly ChecklistItem[], locale: 'id' | 'en' = 'id'): string {
  const lines = items
    .filter((i) => i.mandatory && i.state !== 'valid')
    .map((i) => {
      const why = i.state === 'invalid' ? (locale === 'id' ? `tidak sah: ${i.reason ?? '-'}` : `invalid: ${i.reason ?? '-'}`) : locale === 'id' ? 'belum ada' : 'not provided';
      return `${i.name} (${why})`;
    });
  return lines.join('; ');
}

/** A fresh checklist for a service standard's requirements. */
export const checklistFor = (requirements: readonly Requirement[]): ChecklistItem[] =>
  requirements.map((r) => ({ code: r.code, name: r.name, mandatory: r.mandatory, state: 'missing', reason: null }));

/** Intervals during which the file was back with the applicant after it was first complete. */
export function pausedIntervals(history: readonly HistoryEntry[], completeAt: string): PausedInterval[] {
  const out: PausedInterval[] = [];
  let open: Date | null = null;
  for (const h of history) {
    if (h.at < completeAt) continue;
    if (h.to === 'berkas_belum_lengkap' && open === null) open = new Date(h.at);
    else if (h.to !== 'berkas_belum_lengkap' && open !== null) {
      if (new Date(h.at).getTime() > open.getTime()) out.push({ from: open, to: new Date(h.at) });
      open = null;
    }
  }
  if (open) out.push({ from: open, to: null });
  return out;
}

export interface SlaContext {
  calendar: HolidayCalendar;
  schedule?: ServiceDays;
  utcOffsetMinutes: number;
  /** End of service hours, 'HH:MM' (default 16:00). */
  serviceEndTime?: string;
}

export const DEFAULT_SERVICE_END_TIME = '16:00';

/** Due date of an application: from "berkas lengkap" (first entry into diverifikasi), paused while incomplete. */
export function applicationDue(a: { completeAt: string | null; slaWorkingDays: number | null; history: readonly HistoryEntry[]; status: ApplicationStatus }, ctx: SlaContext): DueDateResult | null {
  if (!a.completeAt) return null;
  return dueDate({
    completeAt: new Date(a.completeAt),
    slaWorkingDays: a.slaWorkingDays,
    pausedIntervals: pausedIntervals(a.history, a.completeAt),
    calendar: ctx.calendar,
    schedule: ctx.schedule ?? MON_FRI,
    serviceEndTime: ctx.serviceEndTime ?? DEFAULT_SERVICE_END_TIME,
    utcOffsetMinutes: ctx.utcOffsetMinutes,
  });
}

// ------------------------------------------------------------------ IPC shapes

const nik = z.string().regex(/^\d{16}$/);
const draftId = z.string().min(8).max(64).regex(/^[A-Za-z0-9_-]+$/);

export const ApplicantInputSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    nik: nik.nullable(),
    /** As typed; normalised to +62… by main (common/domain/identity/phone.ts). */
    phone: z.string().trim().max(30).nullable(),
    sex: z.enum(['F', 'M']).nullable(),
    birthDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable(),
  })
  .strict();
export type ApplicantInput = z.infer<typeof ApplicantInputSchema>;

export const RegisterInputSchema = z
  .object({
    draftId,
    serviceId: z.string().min(1).max(64),
    /** The version of the standard the checklist was made from. */
    serviceVersion: z.number().int().min(1),
    /** The ticket being served (counter screen), when there is one. */
    ticketId: z.string().min(1).max(64).nullable(),
    applicant: ApplicantInputSchema,
    checklist: z.array(ChecklistItemSchema).max(40),
    /** false: record "berkas belum lengkap" with what is missing instead of a complete file. */
    complete: z.boolean(),
    notes: z.string().max(1000).nullable(),
    /** The officer confirmed the NIK warnings (birth date / sex differ from the document). */
    confirmWarnings: z.boolean().optional(),
  })
  .strict();
export type RegisterInput = z.infer<typeof RegisterInputSchema>;

export const DueStateSchema = z.enum(['overdue', 'due_today', 'due_soon', 'on_track', 'paused', 'none']);
export type DueState = z.infer<typeof DueStateSchema>;

export const ApplicationListItemSchema = z.object({
  id: z.string(),
  registrationNumber: z.string().nullable(),
  applicantName: z.string(),
  /** Masked (UU 27/2022 PDP); the full NIK only in the audited detail. */
  nikMasked: z.string().nullable(),
  serviceId: z.string(),
  serviceName: z.string(),
  status: ApplicationStatusSchema,
  createdAt: z.string(),
  dueAt: z.string().nullable(),
  dueState: DueStateSchema,
  pending: z.boolean(),
});
export type ApplicationListItem = z.infer<typeof ApplicationListItemSchema>;

export const SearchInputSchema = z
  .object({
    /** Registration number, NIK, phone or the start of a name; recognised by its shape. */
    query: z.string().trim().max(100).optional(),
    status: ApplicationStatusSchema.optional(),
    serviceId: z.string().max(64).optional(),
    /** Registration date range, local dates YYYY-MM-DD (inclusive). */
    from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
    to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
    due: z.enum(['overdue', 'due_today']).optional(),
    limit: z.number().int().min(1).max(200).optional(),
  })
  .strict();
export type SearchInput = z.infer<typeof SearchInputSchema>;

export const SearchResultSchema = z.object({
  items: z.array(ApplicationListItemSchema),
  /** How the query was read: 'regno' | 'nik' | 'phone' | 'name' | 'none'. */
  matchedBy: z.enum(['regno', 'nik', 'phone', 'name', 'none']),
  /** A registration number with a wrong check character etc. (bilingual). */
  hint: z.object({ message: z.string(), messageEn: z.string() }).nullable(),
});
export type SearchResult = z.infer<typeof SearchResultSchema>;

export const ApplicationDetailSchema = z.object({
  id: z.string(),
  version: z.number().int(),
  pending: z.boolean(),
  registrationNumber: z.string().nullable(),
  agencyId: z.string(),
  serviceId: z.string(),
  serviceName: z.string(),
  serviceVersion: z.number().int().nullable(),
  ticketNumber: z.string().nullable(),
  counterName: z.string().nullable(),
  applicant: z.object({ name: z.string(), nik: z.string().nullable(), phone: z.string().nullable(), sex: z.enum(['F', 'M']).nullable(), birthDate: z.string().nullable() }),
  status: ApplicationStatusSchema,
  statusReason: z.string().nullable(),
  checklist: z.array(ChecklistItemSchema),
  documents: z.array(z.object({ id: z.string().nullable(), sha256: z.string(), mime: z.string(), size: z.number().int(), fileName: z.string(), requirementCode: z.string().nullable(), retentionUntil: z.string().nullable() })),
  history: z.array(HistoryEntrySchema),
  completeAt: z.string().nullable(),
  dueAt: z.string().nullable(),
  dueDate: z.string().nullable(),
  dueState: DueStateSchema,
  slaWorkingDays: z.number().int().nullable(),
  fee: z.number().int().nullable(),
  notes: z.string().nullable(),
  createdAt: z.string(),
  createdBy: z.string(),
  /** Transitions allowed from the current status (common/domain/applications/status.ts). */
  nextStatuses: z.array(ApplicationStatusSchema),
});
export type ApplicationDetail = z.infer<typeof ApplicationDetailSchema>;

export const PrintReceiptOutputSchema = z.object({ ok: z.boolean(), code: z.string().optional(), message: z.string().optional(), messageEn: z.string().optional() });

/** Search key of a name: lower case, accents and repeated spaces removed ("Siti  Rahmawati" → "siti rahmawati"). */
export const nameKey = (name: string): string =>
  name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
