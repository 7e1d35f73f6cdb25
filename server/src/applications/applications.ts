/**
 * The server's minimal application (permohonan) entity for sync: row mapping and the
 * intent handlers that re-validate what a counter pushed against the current state.
 * Conflict policy: creates never conflict (client-generated ids); a status change follows
 * the allowed workflow (common/domain/applications/status.ts) from the status the server
 * has *now*, so of two counters changing the same application offline the first to arrive
 * wins if valid and the second is re-validated against the new state.
 */
import type { Knex } from 'knex';
import { assertTransition, STATUS_LABELS, type ApplicationStatus } from '../../../common/domain/applications/status';
import {
  APPLICATION_ENTITY,
  ApplicationCreateIntentSchema,
  ApplicationSetStatusIntentSchema,
  NO_REGISTRATION,
  type ApplicationRecord,
} from '../../../common/sync/applications';
import type { ChecklistItem, HistoryEntry, ReceivedDocument } from '../../../common/applications/application';
import { canAccessAgency } from '../auth/guard';
import { loadServiceContexts, withTransition, type ServiceContext } from './workflow';
import type { EntityDef, IntentHandler } from '../sync/intents';

export interface ApplicationRow {
  id: string;
  agency_id: string;
  service_id: string;
  applicant_name: string;
  applicant_nik: string | null;
  notes: string | null;
  status: string;
  status_reason: string | null;
  version: number | string;
  created_at: string;
  created_by: string;
  updated_at: string;
  updated_by: string;
  registration_number: string | null;
  ticket_id: string | null;
  ticket_number: string | null;
  counter_id: string | null;
  applicant_phone: string | null;
  applicant_sex: string | null;
  applicant_birth_date: string | null;
  service_version: number | string | null;
  sla_working_days: number | string | null;
  fee: number | string | null;
  checklist_json: string | null;
  documents_json: string | null;
  history_json: string | null;
  complete_at: string | null;
  complete_by: string | null;
  due_at: string | null;
  due_date: string | null;
}

const json = <T>(text: string | null | undefined): T | null => (text === null || text === undefined ? null : (JSON.parse(text) as T));
const num = (v: number | string | null | undefined): number | null => (v === null || v === undefined ? null : Number(v));

export const APPLICATION_COLUMNS = [
  'id',
  'agency_id',
  'service_id',
  'applicant_name',
  'applicant_nik',
  'notes',
  'status',
  'status_reason',
  'version',
  'created_at',
  'created_by',
  'updated_at',
  'updated_by',
  'registration_number',
  'ticket_id',
  'ticket_number',
  'counter_id',
  'applicant_phone',
  'applicant_sex',
  'applicant_birth_date',
  'service_version',
  'sla_working_days',
  'fee',
  'checklist_json',
  'documents_json',
  'history_json',
  'complete_at',
  'complete_by',
  'due_at',
  'due_date',
] as const;

export const toApplicationRecord = (r: ApplicationRow): ApplicationRecord => ({
  id: r.id,
  agencyId: r.agency_id,
  serviceId: r.service_id,
  applicantName: r.applicant_name,
  applicantNik: r.applicant_nik,
  notes: r.notes,
  status: r.status as ApplicationStatus,
  statusReason: r.status_reason,
  version: Number(r.version),
  createdAt: r.created_at,
  createdBy: r.created_by,
  updatedAt: r.updated_at,
  updatedBy: r.updated_by,
  registrationNumber: r.registration_number ?? null,
  ticketId: r.ticket_id ?? null,
  ticketNumber: r.ticket_number ?? null,
  counterId: r.counter_id ?? null,
  applicantPhone: r.applicant_phone ?? null,
  applicantSex: (r.applicant_sex ?? null) as ApplicationRecord['applicantSex'],
  applicantBirthDate: r.applicant_birth_date ?? null,
  serviceVersion: num(r.service_version),
  slaWorkingDays: num(r.sla_working_days),
  fee: num(r.fee),
  checklist: json<ChecklistItem[]>(r.checklist_json),
  documents: json<ReceivedDocument[]>(r.documents_json),
  history: json<HistoryEntry[]>(r.history_json),
  completeAt: r.complete_at ?? null,
  completeBy: r.complete_by ?? null,
  dueAt: r.due_at ?? null,
  dueDate: r.due_date ?? null,
});

export const toApplicationRow = (a: ApplicationRecord): unknown[] => [
  a.id,
  a.agencyId,
  a.serviceId,
  a.applicantName,
  a.applicantNik,
  a.notes,
  a.status,
  a.statusReason,
  a.version,
  a.createdAt,
  a.createdBy,
  a.updatedAt,
  a.updatedBy,
  a.registrationNumber,
  a.ticketId,
  a.ticketNumber,
  a.counterId,
  a.applicantPhone,
  a.applicantSex,
  a.applicantBirthDate,
  a.serviceVersion,
  a.slaWorkingDays,
  a.fee,
  a.checklist === null ? null : JSON.stringify(a.checklist),
  a.documents === null ? null : JSON.stringify(a.documents),
  a.history === null ? null : JSON.stringify(a.history),
  a.completeAt,
  a.completeBy,
  a.dueAt,
  a.dueDate,
];

export const applicationEntity: EntityDef<ApplicationRecord> = {
  name: APPLICATION_ENTITY,
  table: 'applications',
  columns: APPLICATION_COLUMNS,
  toRow: toApplicationRow,
  fromRow: (r) => toApplicationRecord(r as unknown as ApplicationRow),
  scopeOf: (a) => a.agencyId,
  scopeColumn: 'agency_id',
  versionOf: (a) => a.version,
};

const reject = (code: string, message: string, messageEn: string) => ({ ok: false as const, code, message, messageEn });

export const applicationCreate: IntentHandler<typeof ApplicationCreateIntentSchema> = {
  kind: 'application.create',
  schema: ApplicationCreateIntentSchema,
  target: (p) => ({ entity: APPLICATION_ENTITY, id: p.id }),
  apply(ctx, p) {
    if (!canAccessAgency(ctx.officer, p.agencyId, 'write')) {
      return reject('FORBIDDEN', 'Permohonan ini untuk instansi lain; Anda tidak berwenang membuatnya.', 'This application belongs to another agency; you may not create it.');
    }
    const service = ctx.services.get(p.serviceId);
    if (!service) return reject('UNKNOWN_SERVICE', 'Layanan tidak ditemukan di server.', 'The service does not exist on the server.');
    if (service.agencyId !== p.agencyId) {
      return reject('SERVICE_AGENCY_MISMATCH', 'Layanan ini bukan milik instansi permohonan.', 'The service does not belong to the application’s agency.');
    }
    if (ctx.get(APPLICATION_ENTITY, p.id)) {
      return reject('ALREADY_EXISTS', 'Permohonan dengan nomor ini sudah ada di server.', 'An application with this id already exists on the server.');
    }
    const at = ctx.now;
    const record: ApplicationRecord = {
      id: p.id,
      agencyId: p.agencyId,
      serviceId: p.serviceId,
      applicantName: p.applicantName,
      applicantNik: p.applicantNik,
      notes: p.notes,
      status: 'diterima',
      statusReason: null,
      version: 1,
      // The counter's time of the officer's action, as recorded offline.
      createdAt: p.at,
      createdBy: ctx.officer.id,
      updatedAt: at,
      updatedBy: ctx.officer.id,
      ...NO_REGISTRATION,
    };
    return { ok: true, put: record };
  },
};

export const applicationSetStatus: IntentHandler<typeof ApplicationSetStatusIntentSchema> = {
  kind: 'application.setStatus',
  schema: ApplicationSetStatusIntentSchema,
  target: (p) => ({ entity: APPLICATION_ENTITY, id: p.id }),
  apply(ctx, p) {
    const current = ctx.get(APPLICATION_ENTITY, p.id) as ApplicationRecord | null;
    if (!current || !canAccessAgency(ctx.officer, current.agencyId, 'read')) {
      return reject('NOT_FOUND', 'Permohonan tidak ditemukan di server.', 'The application does not exist on the server.');
    }
    if (!canAccessAgency(ctx.officer, current.agencyId, 'write')) {
      return reject('FORBIDDEN', 'Permohonan ini milik instansi lain; Anda tidak berwenang mengubahnya.', 'This application belongs to another agency; you may not change it.');
    }
    const check = assertTransition(current.status, p.to, p.reason === null ? {} : { reason: p.reason });
    if (!check.ok) {
      if (current.status !== p.from) {
        // Someone else changed it first: say so, in the officer's terms.
        const seen = STATUS_LABELS[p.from];
        const now = STATUS_LABELS[current.status];
        return reject(
          'STATUS_CHANGED_ELSEWHERE',
          `Status permohonan sudah diubah di loket lain dari "${seen.id}" menjadi "${now.id}"; perubahan Anda ke "${STATUS_LABELS[p.to].id}" tidak diizinkan lagi. ${check.error.message}`,
          `The application’s status was changed at another counter from "${seen.en}" to "${now.en}"; your change to "${STATUS_LABELS[p.to].en}" is no longer allowed. ${check.error.messageEn}`,
        );
      }
      return reject(check.error.code, check.error.message, check.error.messageEn);
    }
    const next: ApplicationRecord = {
      ...current,
      status: p.to,
      statusReason: check.reason,
      version: current.version + 1,
      updatedAt: ctx.now,
      updatedBy: ctx.officer.id,
    };
    return { ok: true, put: withTransition(ctx, current, next, p.at, check.reason) };
  },
};

/** Services by id, for validating creates and registrations (small: the mall catalog), with their standards and the SLA context. */
export async function loadServices(db: Knex): Promise<Map<string, ServiceContext>> {
  return loadServiceContexts(db);
}
