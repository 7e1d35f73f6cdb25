/**
 * Supervisor channels: the daily throughput dashboard, day sign-off, exports, the SKM
 * (public satisfaction) report, and the anonymous survey kiosk. Spread into
 * common/ipc/contract.ts.
 */
import { z } from 'zod';
import { SkmResponseSchema, SKM_GRADES } from '../../domain/skm/skm';
import { SKM_ELEMENT_IDS } from '../../domain/skm/elements';
import { id, shortText } from '../limits';
import type { Access } from '../contract-types';

const empty = z.object({}).strict();
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const DateRangeSchema = z
  .object({ from: isoDate, to: isoDate })
  .strict()
  .refine((r) => r.from <= r.to, { message: 'from must not be after to' });
export type DateRange = z.infer<typeof DateRangeSchema>;

/** Drill-down: each level narrows the one above (agency → service → counter → officer). */
export const ScopeSchema = z
  .object({ agencyId: id.optional(), serviceId: id.optional(), counterId: id.optional(), officerId: id.optional() })
  .strict();
export type Scope = z.infer<typeof ScopeSchema>;

export const DashboardInputSchema = z.object({ from: isoDate, to: isoDate, scope: ScopeSchema.optional() }).strict();
export type DashboardInput = z.infer<typeof DashboardInputSchema>;

export const SummarySchema = z.object({
  count: z.number().int(),
  median: z.number().nullable(),
  mean: z.number().nullable(),
  p90: z.number().nullable(),
  max: z.number().nullable(),
});

export const FiguresSchema = z.object({
  issued: z.number().int(),
  served: z.number().int(),
  noShows: z.number().int(),
  cancelled: z.number().int(),
  transferred: z.number().int(),
  /** Minutes. */
  waiting: SummarySchema,
  walking: SummarySchema,
  service: SummarySchema,
  total: SummarySchema,
  /** Share (0–1) of measured waits within the service's target waiting time. */
  withinTarget: z.number().nullable(),
});
export type Figures = z.infer<typeof FiguresSchema>;

export const BREAKDOWN_LEVELS = ['agency', 'service', 'counter', 'officer'] as const;
export const BreakdownLevelSchema = z.enum(BREAKDOWN_LEVELS);
export type BreakdownLevel = z.infer<typeof BreakdownLevelSchema>;

export const BreakdownRowSchema = z.object({
  level: BreakdownLevelSchema,
  id: z.string(),
  name: z.string(),
  /** Agency of a service or counter (for the drill-down). */
  agencyId: z.string().nullable(),
  targetMinutes: z.number().nullable(),
  figures: FiguresSchema,
});
export type BreakdownRow = z.infer<typeof BreakdownRowSchema>;

export const PAUSE_REASONS = ['istirahat', 'sholat', 'gangguan_sistem', 'lainnya'] as const;

export const OfficerProductivitySchema = z.object({
  officerId: z.string(),
  name: z.string(),
  served: z.number().int(),
  /** Minutes: counter open (sessions), serving (start→finish), paused, idle = open − serving − paused. */
  openMinutes: z.number(),
  servingMinutes: z.number(),
  pausedMinutes: z.number(),
  idleMinutes: z.number(),
  pauses: z.record(z.string(), z.number()),
});
export type OfficerProductivity = z.infer<typeof OfficerProductivitySchema>;

export const ApplicationItemSchema = z.object({
  id: z.string(),
  agencyId: z.string(),
  agencyName: z.string(),
  serviceId: z.string(),
  serviceName: z.string(),
  status: z.string(),
  receivedAt: z.string(),
  dueAt: z.string().nullable(),
  dueState: z.enum(['overdue', 'due_today', 'due_soon', 'on_track', 'paused']),
});
export type ApplicationItem = z.infer<typeof ApplicationItemSchema>;

export const ApplicationFiguresSchema = z.object({
  received: z.number().int(),
  completed: z.number().int(),
  completedWithinSla: z.number().int(),
  /** Open past their due time at the end of the range (or now, for today). */
  overdue: z.number().int(),
  atRisk: z.array(ApplicationItemSchema),
  overdueList: z.array(ApplicationItemSchema),
});
export type ApplicationFigures = z.infer<typeof ApplicationFiguresSchema>;

export const HourRowSchema = z.object({ hour: z.number().int(), issued: z.number().int(), served: z.number().int() });
export const BucketSchema = z.object({ label: z.string(), fromMinutes: z.number(), toMinutes: z.number().nullable(), count: z.number().int() });

export const ComparisonSchema = z.object({
  label: z.enum(['previous_day', 'same_weekday_last_week', 'previous_period']),
  from: isoDate,
  to: isoDate,
  figures: FiguresSchema,
});

export const CorrectionSchema = z.object({ metric: z.string(), signed: z.number().nullable(), current: z.number().nullable() });
export type Correction = z.infer<typeof CorrectionSchema>;

export const SignOffSchema = z.object({
  day: isoDate,
  signedBy: z.string(),
  signedByName: z.string(),
  signedAt: z.string(),
  note: z.string().nullable(),
  /** The figures as signed (frozen). */
  figures: FiguresSchema,
  /** Differences between the signed figures and today's data (later corrections). */
  corrections: z.array(CorrectionSchema),
});
export type SignOff = z.infer<typeof SignOffSchema>;

export const DashboardSchema = z.object({
  mallName: z.string(),
  from: isoDate,
  to: isoDate,
  scope: ScopeSchema,
  utcOffsetMinutes: z.number().int(),
  generatedAt: z.string(),
  freshness: z.object({ lastSyncAt: z.string().nullable(), ageMinutes: z.number().nullable(), state: z.enum(['fresh', 'stale', 'never']) }),
  totals: FiguresSchema,
  breakdown: z.array(BreakdownRowSchema),
  hours: z.array(HourRowSchema),
  waitingBuckets: z.array(BucketSchema),
  serviceBuckets: z.array(BucketSchema),
  officers: z.array(OfficerProductivitySchema),
  applications: ApplicationFiguresSchema,
  comparisons: z.array(ComparisonSchema),
  /** Sign-off of a one-day range. */
  signOff: SignOffSchema.nullable(),
});
export type Dashboard = z.infer<typeof DashboardSchema>;

const nrr = z.number().nullable();
export const IkmRowSchema = z.object({
  level: z.enum(['mall', 'agency', 'service']),
  id: z.string(),
  name: z.string(),
  agencyId: z.string().nullable(),
  respondents: z.number().int(),
  /** Visitors served in the period (the survey's population). */
  population: z.number().int(),
  minimumSample: z.number().int(),
  elements: z.object(Object.fromEntries(SKM_ELEMENT_IDS.map((e) => [e, nrr])) as Record<(typeof SKM_ELEMENT_IDS)[number], typeof nrr>),
  ikm: z.number().nullable(),
  grade: z.enum(SKM_GRADES.map((g) => g.grade) as ['A', 'B', 'C', 'D']).nullable(),
  missingElements: z.array(z.string()),
});
export type IkmRow = z.infer<typeof IkmRowSchema>;

export const SkmReportSchema = z.object({
  mallName: z.string(),
  from: isoDate,
  to: isoDate,
  rows: z.array(IkmRowSchema),
  suggestions: z.array(z.object({ serviceName: z.string(), day: isoDate, text: z.string() })),
});
export type SkmReport = z.infer<typeof SkmReportSchema>;

export const SurveyFormSchema = z.object({
  mallName: z.string(),
  services: z.array(z.object({ id: z.string(), name: z.string(), agencyId: z.string(), agencyName: z.string() })),
  /** The service this kiosk asks about by default (the counter's first service), if known. */
  defaultServiceId: z.string().nullable(),
});
export type SurveyForm = z.infer<typeof SurveyFormSchema>;

export const SurveySubmitInputSchema = SkmResponseSchema.extend({ serviceId: id });
export type SurveySubmitInput = z.infer<typeof SurveySubmitInputSchema>;

export const ExportInputSchema = z
  .object({ format: z.enum(['csv', 'xlsx', 'pdf']), from: isoDate, to: isoDate, scope: ScopeSchema.optional(), locale: z.enum(['id', 'en']).optional() })
  .strict();
export type ExportInput = z.infer<typeof ExportInputSchema>;

const supervisor: Access = ['supervisor', 'admin'];

export const supervisorChannels = {
  'supervisor.dashboard': { input: DashboardInputSchema, output: DashboardSchema, access: supervisor },
  'supervisor.signOff': {
    input: z.object({ day: isoDate, note: shortText(500).optional() }).strict(),
    output: SignOffSchema,
    access: supervisor,
  },
  'supervisor.export': {
    input: ExportInputSchema,
    output: z.object({ saved: z.boolean(), path: z.string().nullable(), bytes: z.number().int() }),
    access: supervisor,
  },
  'supervisor.skm': { input: z.object({ from: isoDate, to: isoDate }).strict(), output: SkmReportSchema, access: supervisor },
  /** The kiosk form: any signed-in session (also locked), since it shows no personal data. */
  'survey.form': { input: empty, output: SurveyFormSchema, access: 'signedIn' },
  'survey.submit': { input: SurveySubmitInputSchema, output: z.object({ saved: z.literal(true) }), access: 'signedIn' },
} as const;

// --- Sync of survey answers (main/survey ↔ server/src/survey) ------------------------------

export const SKM_ENTITY = 'skm_response';
const answerValue = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]).nullable();

/**
 * One anonymous survey answer as synced: service, its agency and the service DAY only —
 * never a time of day, ticket, counter, officer or applicant.
 */
export const SkmRecordSchema = z.object({
  id,
  agencyId: id,
  serviceId: id,
  day: isoDate,
  answers: z.object(Object.fromEntries(SKM_ELEMENT_IDS.map((e) => [e, answerValue])) as Record<(typeof SKM_ELEMENT_IDS)[number], typeof answerValue>),
  suggestion: z.string().max(1000).nullable(),
  sex: z.string().max(32).nullable(),
  ageGroup: z.string().max(32).nullable(),
  education: z.string().max(32).nullable(),
  occupation: z.string().max(32).nullable(),
  version: z.number().int().nonnegative(),
});
export type SkmRecord = z.infer<typeof SkmRecordSchema>;

/** The 'survey.submit' intent: the record without its server version. */
export const SurveySubmitIntentSchema = SkmRecordSchema.omit({ version: true });
export type SurveySubmitIntent = z.infer<typeof SurveySubmitIntentSchema>;
