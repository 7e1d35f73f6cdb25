/**
 * The application row as both databases store it (snake_case columns, JSON as text) and its
 * mapping to the synced record. One definition for the counter's SQLite and the server.
 */
import type { ApplicationStatus } from '../domain/applications/status';
import type { ChecklistItem, HistoryEntry, ReceivedDocument } from '../applications/application';
import type { ApplicationRecord } from './applications';

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

export const applicationFromRow = (r: ApplicationRow): ApplicationRecord => ({
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

export const applicationRowValues = (a: ApplicationRecord): unknown[] => [
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
