/**
 * Service standard (standar pelayanan) of one service, as adopted by decree (UU 25/2009 Pasal 21,
 * PermenPANRB 15/2014; ../shared/domain/README.md §2). The six public components: requirements
 * (persyaratan), procedure, completion time, fee with its legal basis, product, complaint channel;
 * plus the decree (SK number and date). Server-authoritative and versioned: an edit creates a new
 * version; an application keeps the version it was filed under.
 */
import { z } from 'zod';
import { validateFee } from '../domain/applications/fee';
import { DEFAULT_SLA_WORKING_DAYS } from '../domain/calendar/working-days';
import { isIsoDate } from '../domain/calendar/local-date';
import { issue, type Issue } from '../domain/issue';

const text = (max: number) => z.string().trim().max(max);
const req = (max: number) => z.string().trim().min(1).max(max);

/** Stable code of a requirement within its service, e.g. 'F101', 'KK-LAMA'. */
export const RequirementCodeSchema = z.string().regex(/^[A-Z0-9][A-Z0-9_-]{0,31}$/);

export const RequirementSchema = z
  .object({
    code: RequirementCodeSchema,
    name: req(200),
    mandatory: z.boolean(),
    /** What the applicant shows: the original (asli), a copy (fotokopi / salinan), or either. */
    form: z.enum(['asli', 'fotokopi', 'asli_dan_fotokopi', 'elektronik']),
    notes: text(500).nullable(),
  })
  .strict();
export type Requirement = z.infer<typeof RequirementSchema>;

export const CompletionTimeSchema = z
  .object({
    value: z.number().int().min(0).max(365),
    unit: z.enum(['working_days', 'hours', 'minutes']),
  })
  .strict();
export type CompletionTime = z.infer<typeof CompletionTimeSchema>;

export const FeeSchema = z
  .object({
    /** Whole rupiah; 0 = free. Several amounts (e.g. 48- and 24-page passports) go in `variants`. */
    amount: z.number().int().min(0).max(1_000_000_000),
    variants: z.array(z.object({ label: req(120), amount: z.number().int().min(0).max(1_000_000_000) }).strict()).max(10),
    legalBasis: text(300).nullable(),
    /** E.g. "dihitung per bangunan sesuai Perda": a charge set case by case, not a service fee. */
    note: text(300).nullable(),
  })
  .strict();
export type Fee = z.infer<typeof FeeSchema>;

/** What a supervisor/admin submits; version, service and audit fields are set by the server. */
export const ServiceStandardInputSchema = z
  .object({
    requirements: z.array(RequirementSchema).max(40),
    procedure: z.array(req(400)).max(30),
    /** null: the standard sets no time → 5 working days (UU 30/2014 Pasal 53). */
    completionTime: CompletionTimeSchema.nullable(),
    fee: FeeSchema,
    product: req(300),
    complaintChannel: req(500),
    skNumber: text(120).nullable(),
    skDate: z.string().refine(isIsoDate, 'YYYY-MM-DD').nullable(),
  })
  .strict()
  .superRefine((v, ctx) => {
    const codes = new Set<string>();
    v.requirements.forEach((r, i) => {
      if (codes.has(r.code)) ctx.addIssue({ code: 'custom', path: ['requirements', i, 'code'], message: `duplicate requirement code ${r.code}` });
      codes.add(r.code);
    });
  });
export type ServiceStandardInput = z.infer<typeof ServiceStandardInputSchema>;

export const ServiceStandardSchema = z.object({
  serviceId: z.string(),
  version: z.number().int().positive(),
  requirements: z.array(RequirementSchema),
  procedure: z.array(z.string()),
  completionTime: CompletionTimeSchema.nullable(),
  fee: FeeSchema,
  product: z.string(),
  complaintChannel: z.string(),
  skNumber: z.string().nullable(),
  skDate: z.string().nullable(),
  createdAt: z.string(),
  createdBy: z.string(),
});
export type ServiceStandard = z.infer<typeof ServiceStandardSchema>;

/**
 * Fee checks of a standard for an agency: every amount whole rupiah ≥ 0, and Dukcapil (population
 * documents) always free (UU 24/2013 Pasal 79A, common/domain/applications/fee.ts).
 */
export function checkStandardFee(agencyCode: string, fee: Fee): Issue[] {
  const amounts = [fee.amount, ...fee.variants.map((v) => v.amount)];
  const errors: Issue[] = [];
  for (const amount of amounts) {
    const r = validateFee({ agencyCode, fee: amount });
    if (!r.ok) for (const e of r.errors) if (!errors.some((x) => x.code === e.code)) errors.push(e);
  }
  if (amounts.some((a) => a > 0) && !fee.legalBasis) {
    errors.push(
      issue(
        'FEE_LEGAL_BASIS_REQUIRED',
        'Biaya yang dipungut wajib mencantumkan dasar hukumnya (misalnya PP tentang PNBP).',
        'A fee that is charged must state its legal basis (e.g. the government regulation on non-tax revenue).',
      ),
    );
  }
  return errors;
}

/** Working days the SLA counts, or null for instant services (hours/minutes: same working day). */
export function slaWorkingDays(t: CompletionTime | null): number {
  if (t === null) return DEFAULT_SLA_WORKING_DAYS;
  return t.unit === 'working_days' ? t.value : 0;
}

/** Human text of a completion time, e.g. "3 hari kerja" / "3 working days". */
export function completionText(t: CompletionTime | null, locale: 'id' | 'en'): string {
  if (t === null) return locale === 'id' ? `${DEFAULT_SLA_WORKING_DAYS} hari kerja (tidak diatur standar; UU 30/2014 Pasal 53)` : `${DEFAULT_SLA_WORKING_DAYS} working days (not set by the standard; Law 30/2014 Art. 53)`;
  const unit = { working_days: ['hari kerja', 'working day'], hours: ['jam', 'hour'], minutes: ['menit', 'minute'] }[t.unit];
  return `${t.value} ${locale === 'id' ? unit[0] : `${unit[1]}${t.value === 1 ? '' : 's'}`}`;
}

/** GET /api/v1/catalog/standards: the latest version of every service's standard, and the holiday calendar. */
export const StandardsResponseSchema = z.object({
  standards: z.array(ServiceStandardSchema),
  calendar: z.object({ version: z.string(), data: z.unknown() }).nullable(),
});
export type StandardsResponse = z.infer<typeof StandardsResponseSchema>;

/** POST /api/v1/catalog/standards/:serviceId/versions: a new version; `baseVersion` guards against overwriting someone's edit. */
export const PutStandardRequestSchema = z.object({ baseVersion: z.number().int().min(0), standard: ServiceStandardInputSchema }).strict();
