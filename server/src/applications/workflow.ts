/**
 * The applications feature on the server: the registration and correction intents, and what every
 * status change does to the history and the SLA. Re-validates everything a counter sends:
 * agency scope, the service and the standard version it claims, the checklist against that
 * version's requirements ("complete" only when every mandatory one is valid), the registration
 * number's form and agency, the missing-documents text of an incomplete file. The server computes
 * the fee, SLA and due date itself from the standard and the holiday calendar it distributes.
 */
import type { Knex } from 'knex';
import { applicationDue, checklistIssues, type HistoryEntry, type SlaContext } from '../../../common/applications/application';
import type { ServiceStandard } from '../../../common/catalog/standard';
import { slaWorkingDays } from '../../../common/catalog/standard';
import { parseRegistrationNumber } from '../../../common/domain/applications/registration-number';
import { parseNik } from '../../../common/domain/identity/nik';
import { serviceDaysFromWeekdays } from '../../../common/domain/calendar/working-days';
import {
  APPLICATION_ENTITY,
  ApplicationRegisterIntentSchema,
  ApplicationUpdateIntentSchema,
  type ApplicationRecord,
} from '../../../common/sync/applications';
import { canAccessAgency } from '../auth/guard';
import { allStandardVersions, latestCalendar } from '../catalog/standards-repo';
import { utcOffsetForTimezone } from '../queue/config';
import { getSetting } from '../settings/settings-repo';
import { together } from '../db/together';
import type { IntentContext, IntentHandler } from '../sync/intents';

export interface ServiceContext {
  agencyId: string;
  agencyCode: string;
  standards: ReadonlyMap<number, ServiceStandard>;
  sla: SlaContext;
}

export async function loadServiceContexts(db: Knex): Promise<Map<string, ServiceContext>> {
  // `together`: db may be a push's transaction, and a pg client takes one query at a time.
  const [rows, standards, calendar, tz, endTime] = await together(
    db,
    () =>
      db('services as s').join('agencies as a', 'a.id', 's.agency_id').select('s.id', 's.agency_id', 'a.code', 'a.service_days') as Promise<
        { id: string; agency_id: string; code: string; service_days: string | null }[]
      >,
    () => allStandardVersions(db),
    () => latestCalendar(db),
    () => getSetting(db, 'timezone'),
    () => getSetting(db, 'service_end_time'),
  );
  const sla: SlaContext = { calendar, utcOffsetMinutes: utcOffsetForTimezone(tz), ...(endTime && /^\d{2}:\d{2}$/.test(endTime) ? { serviceEndTime: endTime } : {}) };
  const byService = new Map<string, Map<number, ServiceStandard>>();
  for (const s of standards) {
    const m = byService.get(s.serviceId) ?? new Map<number, ServiceStandard>();
    m.set(s.version, s);
    byService.set(s.serviceId, m);
  }
  // Each unit's own service days (agencies.service_days, e.g. Samsat Monday–Saturday) count toward its due dates.
  return new Map(
    rows.map((r) => [r.id, { agencyId: r.agency_id, agencyCode: r.code, standards: byService.get(r.id) ?? new Map(), sla: { ...sla, schedule: serviceDaysFromWeekdays(r.service_days) } }]),
  );
}

const isContext = (v: unknown): v is ServiceContext => typeof v === 'object' && v !== null && 'standards' in v && 'sla' in v;
const contextOf = (ctx: IntentContext, serviceId: string): ServiceContext | null => {
  const v = ctx.services.get(serviceId);
  return isContext(v) ? v : null;
};

const reject = (code: string, message: string, messageEn: string) => ({ ok: false as const, code, message, messageEn });

/** The officer's time of the action, never later than the server's clock (a wrong counter clock cannot move a deadline). */
const actionTime = (at: string, now: string): string => (Date.parse(at) > Date.parse(now) || Number.isNaN(Date.parse(at)) ? now : at);

function withDue(record: ApplicationRecord, svc: ServiceContext | null): ApplicationRecord {
  if (!svc || !record.completeAt || record.history === null) return { ...record, dueAt: record.dueAt, dueDate: record.dueDate };
  const due = applicationDue({ completeAt: record.completeAt, slaWorkingDays: record.slaWorkingDays, history: record.history, status: record.status }, svc.sla);
  if (!due) return record;
  return { ...record, dueAt: due.paused ? null : due.dueAt.toISOString(), dueDate: due.paused ? null : due.dueDate };
}

/** History, "berkas lengkap" time and due date after a status change of a registered application. */
export function withTransition(ctx: IntentContext, current: ApplicationRecord, next: ApplicationRecord, at: string, note: string | null): ApplicationRecord {
  if (current.history === null) return next;
  const when = actionTime(at, ctx.now);
  const entry: HistoryEntry = { at: when, from: current.status, to: next.status, by: ctx.officer.id, byName: ctx.officer.name, note };
  const out: ApplicationRecord = { ...next, history: [...current.history, entry] };
  if (next.status === 'diverifikasi' && !current.completeAt) {
    out.completeAt = when;
    out.completeBy = ctx.officer.id;
  }
  return withDue(out, contextOf(ctx, current.serviceId));
}

export const applicationRegister: IntentHandler<typeof ApplicationRegisterIntentSchema> = {
  kind: 'application.register',
  schema: ApplicationRegisterIntentSchema,
  target: (p) => ({ entity: APPLICATION_ENTITY, id: p.id }),
  apply(ctx, p) {
    if (ctx.officer.role === 'frontdesk' || !canAccessAgency(ctx.officer, p.agencyId, 'write')) {
      return reject('FORBIDDEN', 'Permohonan ini untuk instansi lain; Anda tidak berwenang mendaftarkannya.', 'This application belongs to another agency; you may not register it.');
    }
    const svc = contextOf(ctx, p.serviceId);
    if (!svc) return reject('UNKNOWN_SERVICE', 'Layanan tidak ditemukan di server.', 'The service does not exist on the server.');
    if (svc.agencyId !== p.agencyId) return reject('SERVICE_AGENCY_MISMATCH', 'Layanan ini bukan milik instansi permohonan.', 'The service does not belong to the application’s agency.');
    const standard = svc.standards.get(p.serviceVersion);
    if (!standard) {
      return reject('UNKNOWN_STANDARD_VERSION', `Versi ${p.serviceVersion} standar layanan ini tidak ada di server.`, `Version ${p.serviceVersion} of this service standard does not exist on the server.`);
    }
    if (ctx.get(APPLICATION_ENTITY, p.id)) return reject('ALREADY_EXISTS', 'Permohonan ini sudah ada di server.', 'This application already exists on the server.');
    const regno = parseRegistrationNumber(p.registrationNumber);
    if (!regno.ok) return reject('REGNO_INVALID', regno.errors[0]?.message ?? 'Nomor registrasi tidak valid.', regno.errors[0]?.messageEn ?? 'Invalid registration number.');
    if (regno.agencyCode !== svc.agencyCode.replace(/[^A-Z0-9]/g, '').slice(0, 12)) {
      return reject('REGNO_AGENCY', 'Kode instansi pada nomor registrasi tidak sesuai.', 'The agency code in the registration number does not match.');
    }
    if (p.applicantNik !== null && !parseNik(p.applicantNik, { today: new Date(ctx.now) }).ok) {
      return reject('NIK_INVALID', 'NIK pemohon tidak valid.', 'The applicant’s NIK is invalid.');
    }
    // The checklist must be exactly the requirements of the claimed version.
    const codes = standard.requirements.map((r) => r.code).sort().join('|');
    if (p.checklist.map((c) => c.code).sort().join('|') !== codes) {
      return reject('CHECKLIST_MISMATCH', 'Daftar periksa tidak sesuai dengan persyaratan standar layanan versi ini.', 'The checklist does not match the requirements of this standard version.');
    }
    const byCode = new Map(standard.requirements.map((r) => [r.code, r]));
    const checklist = p.checklist.map((c) => ({ ...c, name: byCode.get(c.code)?.name ?? c.name, mandatory: byCode.get(c.code)?.mandatory ?? c.mandatory }));
    const issues = checklistIssues(checklist);
    if (p.complete && issues.length > 0) return reject('CHECKLIST_INCOMPLETE', issues[0]?.message ?? '', issues[0]?.messageEn ?? '');
    if (!p.complete && !p.missing?.trim()) {
      return reject('MISSING_REQUIRED', 'Berkas belum lengkap: sebutkan apa yang kurang.', 'Incomplete file: state what is missing.');
    }
    const at = actionTime(p.at, ctx.now);
    const status = p.complete ? 'diverifikasi' : 'berkas_belum_lengkap';
    const by = ctx.officer.id;
    const record: ApplicationRecord = {
      id: p.id,
      agencyId: p.agencyId,
      serviceId: p.serviceId,
      applicantName: p.applicantName,
      applicantNik: p.applicantNik,
      notes: p.notes,
      status,
      statusReason: p.complete ? null : (p.missing?.trim() ?? null),
      version: 1,
      createdAt: at,
      createdBy: by,
      updatedAt: ctx.now,
      updatedBy: by,
      registrationNumber: regno.value,
      ticketId: p.ticketId,
      ticketNumber: p.ticketNumber,
      counterId: p.counterId,
      applicantPhone: p.applicantPhone,
      applicantSex: p.applicantSex,
      applicantBirthDate: p.applicantBirthDate,
      serviceVersion: standard.version,
      slaWorkingDays: slaWorkingDays(standard.completionTime),
      fee: standard.fee.amount,
      checklist,
      documents: p.documents,
      history: [
        { at, from: null, to: 'diterima', by, byName: ctx.officer.name, note: null },
        { at, from: 'diterima', to: status, by, byName: ctx.officer.name, note: p.complete ? null : (p.missing?.trim() ?? null) },
      ],
      completeAt: p.complete ? at : null,
      completeBy: p.complete ? by : null,
      dueAt: null,
      dueDate: null,
    };
    return { ok: true, put: withDue(record, svc) };
  },
};

export const applicationUpdate: IntentHandler<typeof ApplicationUpdateIntentSchema> = {
  kind: 'application.update',
  schema: ApplicationUpdateIntentSchema,
  target: (p) => ({ entity: APPLICATION_ENTITY, id: p.id }),
  apply(ctx, p) {
    const current = ctx.get(APPLICATION_ENTITY, p.id) as ApplicationRecord | null;
    if (!current || !canAccessAgency(ctx.officer, current.agencyId, 'read')) return reject('NOT_FOUND', 'Permohonan tidak ditemukan di server.', 'The application does not exist on the server.');
    if (!canAccessAgency(ctx.officer, current.agencyId, 'write')) {
      return reject('FORBIDDEN', 'Permohonan ini milik instansi lain; Anda tidak berwenang mengubahnya.', 'This application belongs to another agency; you may not change it.');
    }
    if (current.version !== p.baseVersion) {
      return reject(
        'STALE_COPY',
        `Permohonan ini sudah diubah petugas lain (versi ${current.version}, Anda mengubah versi ${p.baseVersion}). Perubahan Anda tidak disimpan: buka ulang permohonan lalu ulangi.`,
        `Another officer changed this application (version ${current.version}; you edited version ${p.baseVersion}). Your change was not saved: reopen the application and redo it.`,
      );
    }
    const next: ApplicationRecord = {
      ...current,
      ...(p.applicantName !== undefined ? { applicantName: p.applicantName } : {}),
      ...(p.applicantPhone !== undefined ? { applicantPhone: p.applicantPhone } : {}),
      ...(p.notes !== undefined ? { notes: p.notes } : {}),
      version: current.version + 1,
      updatedAt: ctx.now,
      updatedBy: ctx.officer.id,
    };
    return { ok: true, put: next };
  },
};
