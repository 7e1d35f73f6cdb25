/**
 * The applications feature at the counter (on top of the sync engineer's minimal store in
 * ./applications.ts): register from the ticket being served with the requirement checklist and the
 * scans, or record "berkas belum lengkap"; registration numbers; due dates; search; the audited
 * full record; status changes checked against the copy the officer saw; receipts.
 *
 * Every write is ONE SQLite transaction: the registration sequence, the row, its outbox intent,
 * the scans' link to the application and their upload queue entries (main/sync).
 */
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import {
  applicationDue,
  checklistIssues,
  missingText,
  nameKey,
  type ApplicationDetail,
  type ApplicationListItem,
  type DueState,
  type ReceivedDocument,
  type RegisterInput,
  type SearchInput,
  type SearchResult,
  type SlaContext,
} from '../../common/applications/application';
import { slaWorkingDays } from '../../common/catalog/standard';
import { ALLOWED, STATUS_LABELS, type ApplicationStatus } from '../../common/domain/applications/status';
import { formatRegistrationNumber, parseRegistrationNumber } from '../../common/domain/applications/registration-number';
import { dueStatus, MON_FRI, serviceDaysFromWeekdays, type ServiceDays } from '../../common/domain/calendar/working-days';
import { addDays, instantAt, localDateOf } from '../../common/domain/calendar/local-date';
import { compareNikWithDocument, maskNik, parseNik } from '../../common/domain/identity/nik';
import { parsePhone } from '../../common/domain/identity/phone';
import type { PrintOutcome } from '../../common/ipc/channels/queue';
import type { Officer, Session } from '../../common/ipc/models';
import { LoketError } from '../../common/ipc/result';
import type { ApplicationRecord, ApplicationRegisterIntent } from '../../common/sync/applications';
import type { CatalogService } from '../catalog/catalog-service';
import type { DocumentRow, DocumentStore } from '../documents/document-store';
import { enqueueFile } from '../sync/files';
import { enqueue } from '../sync/outbox';
import { applyLocal, fromRow, type ApplicationsService } from './applications';

/** An agency's service days from the cached catalog (`agencies.service_days`), read through `db` (a transaction when inside one). */
async function scheduleOf(db: Knex, agencyId: string): Promise<ServiceDays> {
  const row = (await db('agencies').where({ id: agencyId }).first('service_days')) as { service_days: string | null } | undefined;
  return serviceDaysFromWeekdays(row?.service_days);
}

type Row = Parameters<typeof fromRow>[0];

export interface ReceiptJob {
  mallName: string;
  agencyName: string;
  serviceName: string;
  registrationNumber: string;
  applicantName: string;
  documents: string[];
  receivedAt: string;
  promisedDate: string | null;
  utcOffsetMinutes: number;
  trackingUrl: string;
  officerName: string | null;
  counterName: string | null;
  footer: string | null;
}

export interface WorkflowDeps {
  db: Knex;
  now: () => Date;
  session: () => Promise<Session | null>;
  catalog: CatalogService;
  documents: DocumentStore;
  applications: ApplicationsService;
  /** The mall's UTC offset (queue config, from the server). */
  utcOffsetMinutes: () => Promise<number>;
  serverUrl: () => Promise<string | null>;
  printReceipt: (job: ReceiptJob) => Promise<PrintOutcome>;
  onWrite: () => void;
}

const OPEN_FOR_SLA: readonly ApplicationStatus[] = ['diterima', 'diverifikasi', 'diproses', 'berkas_belum_lengkap'];
const MAX_SEQ_ERROR = () =>
  new LoketError('CONFLICT', 'Nomor urut registrasi loket ini untuk hari ini sudah habis (9999).', 'This counter has used all registration numbers for today (9999).');

export class ApplicationWorkflow {
  constructor(private readonly d: WorkflowDeps) {}

  private async officer(): Promise<{ officer: Officer; session: Session }> {
    const session = await this.d.session();
    if (!session) throw new LoketError('UNAUTHENTICATED', 'Silakan masuk terlebih dahulu.', 'Please sign in first.');
    return { officer: session.officer, session };
  }

  /** Officers of the owning agency; supervisors and admins mall-wide (policy); the front desk never. */
  private assertCanOpen(officer: Officer, agencyId: string): void {
    if (officer.role === 'supervisor' || officer.role === 'admin') return;
    if (officer.role === 'officer' && officer.agencyId === agencyId) return;
    throw new LoketError('FORBIDDEN', 'Permohonan ini milik instansi lain; Anda tidak berwenang membukanya.', 'This application belongs to another agency; you may not open it.');
  }

  /**
   * Calendar, zone and — for an agency — its service days from the cached catalog (Monday–Friday
   * when unknown), the same inputs the server uses, so both compute the same due date.
   */
  async slaContext(agencyId?: string, db: Knex = this.d.db): Promise<SlaContext> {
    const [calendar, utcOffsetMinutes, schedule] = await Promise.all([
      this.d.catalog.standards.calendar(),
      this.d.utcOffsetMinutes(),
      agencyId === undefined ? Promise.resolve(MON_FRI) : scheduleOf(db, agencyId),
    ]);
    return { calendar, utcOffsetMinutes, schedule };
  }

  // -------------------------------------------------------------- register

  private async stationCode(session: Session): Promise<string> {
    if (!session.counterId) return session.officer.role === 'officer' ? 'L00' : 'SV';
    const c = (await this.d.db('counters').where({ id: session.counterId }).first('number')) as { number: number } | undefined;
    return c ? `L${String(c.number).padStart(2, '0')}` : 'L00';
  }

  /** Next sequence of AGENCY-YYMMDD-STATION, inside the registration transaction. */
  private async nextSeq(trx: Knex.Transaction, prefix: string): Promise<number> {
    const row = (await trx('application_sequences').where({ prefix }).first('last')) as { last: number } | undefined;
    // Numbers this station issued on another installation (pulled from the server) are skipped too.
    const seen = (await trx('applications').where('registration_number', '>=', `${prefix}-`).andWhere('registration_number', '<', `${prefix}.`).max({ m: 'registration_number' }).first()) as
      | { m: string | null }
      | undefined;
    const fromRows = seen?.m ? Number(seen.m.slice(prefix.length + 1, prefix.length + 5)) || 0 : 0;
    const next = Math.max(Number(row?.last ?? 0), fromRows) + 1;
    if (next > 9999) throw MAX_SEQ_ERROR();
    await trx('application_sequences').insert({ prefix, last: next }).onConflict('prefix').merge();
    return next;
  }

  /** Checks identity fields; returns normalised values. Warnings need the officer's confirmation. */
  private checkApplicant(input: RegisterInput): { phone: string | null; sex: 'F' | 'M' | null; birthDate: string | null } {
    const a = input.applicant;
    let sex = a.sex;
    let birthDate = a.birthDate;
    if (a.nik !== null) {
      const r = parseNik(a.nik, { today: this.d.now() });
      if (!r.ok) {
        throw new LoketError('VALIDATION', r.errors.map((e) => e.message).join(' '), r.errors.map((e) => e.messageEn).join(' '), { field: 'applicant.nik', issue: r.errors[0]?.code ?? 'NIK' });
      }
      const mismatch = compareNikWithDocument(r, { ...(birthDate ? { birthDate } : {}), ...(sex ? { sex } : {}) });
      if (mismatch.length > 0 && !input.confirmWarnings) {
        throw new LoketError('CONFLICT', mismatch.map((w) => w.message).join(' '), mismatch.map((w) => w.messageEn).join(' '), { field: 'applicant.nik', issue: 'CONFIRM_WARNINGS' });
      }
      sex ??= r.sex;
      birthDate ??= r.birthDate;
    }
    let phone: string | null = null;
    if (a.phone) {
      const p = parsePhone(a.phone);
      if (!p.ok) throw new LoketError('VALIDATION', p.errors.map((e) => e.message).join(' '), p.errors.map((e) => e.messageEn).join(' '), { field: 'applicant.phone' });
      phone = p.e164;
    }
    return { phone, sex, birthDate };
  }

  async register(input: RegisterInput): Promise<ApplicationDetail> {
    const { officer, session } = await this.officer();
    if (officer.role === 'frontdesk') throw new LoketError('FORBIDDEN', 'Resepsionis tidak mendaftarkan permohonan.', 'The front desk does not register applications.');
    const service = (await this.d.db('services as s').join('agencies as a', 'a.id', 's.agency_id').where('s.id', input.serviceId).first('s.id', 's.agency_id', 'a.code as agency_code')) as
      | { id: string; agency_id: string; agency_code: string }
      | undefined;
    if (!service) throw new LoketError('NOT_FOUND', 'Layanan tidak ditemukan.', 'Service not found.', { field: 'serviceId' });
    if (officer.role === 'officer' && service.agency_id !== officer.agencyId) {
      throw new LoketError('FORBIDDEN', 'Anda hanya dapat mendaftarkan permohonan layanan instansi Anda.', 'You may only register applications for your own agency’s services.');
    }
    const standard = await this.d.catalog.standards.get(input.serviceId, input.serviceVersion);
    if (!standard) throw new LoketError('NOT_FOUND', 'Standar layanan versi ini belum ada di komputer ini. Sinkronkan.', 'This version of the service standard is not on this computer. Sync.');
    const codes = new Set(standard.requirements.map((r) => r.code));
    if (input.checklist.length !== codes.size || input.checklist.some((c) => !codes.has(c.code))) {
      throw new LoketError('VALIDATION', 'Daftar periksa tidak sesuai dengan persyaratan layanan. Muat ulang halaman.', 'The checklist does not match the service requirements. Reload the page.', { field: 'checklist' });
    }
    const byCode = new Map(standard.requirements.map((r) => [r.code, r]));
    const checklist = input.checklist.map((c) => ({ ...c, name: byCode.get(c.code)?.name ?? c.name, mandatory: byCode.get(c.code)?.mandatory ?? c.mandatory }));
    const issues = checklistIssues(checklist);
    const reasonIssue = issues.find((i) => i.code === 'REASON_REQUIRED');
    if (reasonIssue) throw new LoketError('VALIDATION', reasonIssue.message, reasonIssue.messageEn, { field: 'checklist', issue: reasonIssue.code });
    let missing: string | null = null;
    if (input.complete && issues.length > 0) {
      throw new LoketError(
        'VALIDATION',
        `Permohonan belum dapat didaftarkan: ${issues.map((i) => i.message).join(' ')} Atau catat sebagai "berkas belum lengkap".`,
        `The application cannot be registered yet: ${issues.map((i) => i.messageEn).join(' ')} Or record it as "documents incomplete".`,
        { field: 'checklist', issue: 'CHECKLIST_INCOMPLETE' },
      );
    }
    if (!input.complete) {
      missing = missingText(checklist).slice(0, 500);
      if (!missing) {
        throw new LoketError('VALIDATION', 'Semua persyaratan wajib sudah sah: daftarkan sebagai berkas lengkap.', 'Every mandatory requirement is valid: register it as complete.', { field: 'complete' });
      }
    }
    const applicant = this.checkApplicant(input);
    const ticket = input.ticketId
      ? ((await this.d.db('queue_tickets').where({ id: input.ticketId }).first('id', 'display_number', 'agency_id')) as { id: string; display_number: string; agency_id: string } | undefined)
      : undefined;
    if (input.ticketId && !ticket) throw new LoketError('NOT_FOUND', 'Tiket antrian tidak ditemukan di loket ini.', 'The queue ticket was not found at this counter.', { field: 'ticketId' });

    const now = this.d.now();
    const at = now.toISOString();
    const sla = await this.slaContext(service.agency_id);
    const station = await this.stationCode(session);
    const agencyCode = service.agency_code.replace(/[^A-Z0-9]/gi, '').toUpperCase().slice(0, 12);
    const day = localDateOf(now, sla.utcOffsetMinutes);
    const id = randomUUID();
    const docs = await this.d.documents.list({ draftId: input.draftId });

    await this.d.db.transaction(async (trx) => {
      const seq = await this.nextSeq(trx, `${agencyCode}-${day.slice(2).replace(/-/g, '')}-${station}`);
      const regno = formatRegistrationNumber({ agencyCode, date: day, stationCode: station, seq });
      if (!regno.ok) throw new LoketError('INTERNAL', regno.errors[0]?.message ?? 'Nomor registrasi gagal dibuat.', regno.errors[0]?.messageEn ?? 'Could not make a registration number.');
      const received: ReceivedDocument[] = docs.map((d) => ({ sha256: d.sha256, mime: d.mime, size: d.size, fileName: d.fileName, requirementCode: d.requirementCode }));
      const intent: ApplicationRegisterIntent = {
        id,
        agencyId: service.agency_id,
        serviceId: service.id,
        serviceVersion: standard.version,
        registrationNumber: regno.value,
        ticketId: ticket?.id ?? null,
        ticketNumber: ticket?.display_number ?? null,
        counterId: session.counterId,
        applicantName: input.applicant.name.trim(),
        applicantNik: input.applicant.nik,
        applicantPhone: applicant.phone,
        applicantSex: applicant.sex,
        applicantBirthDate: applicant.birthDate,
        checklist,
        documents: received,
        complete: input.complete,
        missing,
        notes: input.notes,
        at,
      };
      // Scans go up (content-addressed) before the intent that names them.
      const rows = await this.d.documents.attach(trx, input.draftId, id, now);
      for (const r of rows) await enqueueFile(trx, { path: this.d.documents.uploadPath(r), sha256: r.sha256, size: Number(r.size) }, at);
      const entryId = await enqueue(trx, 'application.register', intent, at);
      await applyLocal(trx, { id: entryId, kind: 'application.register', payload: intent }, officer.id, officer.name);
      await trx('applications')
        .where({ id })
        .update({ sla_working_days: slaWorkingDays(standard.completionTime), fee: standard.fee.amount });
      await this.recomputeDue(trx, id, sla);
    });
    this.d.onWrite();
    return this.detail(id, 'register');
  }

  /** Keeps due_at in step with the working copy (the server's value replaces it when confirmed). */
  async recomputeDue(trx: Knex.Transaction, id: string, sla?: SlaContext): Promise<void> {
    const row = (await trx('applications').where({ id }).first()) as Row | undefined;
    if (!row) return;
    const r = fromRow(row);
    if (r.history === null || !r.completeAt) return;
    // The schedule is always the owning agency's, whatever context the caller passed.
    const ctx: SlaContext = { ...(sla ?? (await this.slaContext())), schedule: await scheduleOf(trx, r.agencyId) };
    const due = applicationDue({ completeAt: r.completeAt, slaWorkingDays: r.slaWorkingDays, history: r.history, status: r.status }, ctx);
    if (!due) return;
    await trx('applications')
      .where({ id })
      .update({ due_at: due.paused ? null : due.dueAt.toISOString(), due_date: due.paused ? null : due.dueDate });
  }

  // -------------------------------------------------------------- reading

  private dueState(r: Pick<ApplicationRecord, 'status' | 'dueAt'>, now: Date, sla: SlaContext, schedule?: ServiceDays): DueState {
    if (r.status === 'berkas_belum_lengkap') return 'paused';
    if (!OPEN_FOR_SLA.includes(r.status) || !r.dueAt) return 'none';
    return dueStatus(new Date(r.dueAt), now, schedule ? { ...sla, schedule } : sla);
  }

  private async pendingIds(ids: readonly string[]): Promise<Set<string>> {
    if (!ids.length) return new Set();
    const rows = (await this.d.db('outbox').where({ state: 'pending' }).where('kind', 'like', 'application.%').select('payload_json')) as { payload_json: string }[];
    const want = new Set(ids);
    const out = new Set<string>();
    for (const r of rows) {
      const m = /"id":"([^"]+)"/.exec(r.payload_json);
      if (m?.[1] && want.has(m[1])) out.add(m[1]);
    }
    return out;
  }

  async search(input: SearchInput): Promise<SearchResult> {
    const { officer } = await this.officer();
    if (officer.role === 'frontdesk') throw new LoketError('FORBIDDEN', 'Resepsionis tidak membuka permohonan.', 'The front desk does not open applications.');
    const [sla, schedules] = await Promise.all([this.slaContext(), this.d.catalog.serviceDaysByAgency()]);
    const now = this.d.now();
    const q = this.d.db('applications as a').leftJoin('services as s', 's.id', 'a.service_id');
    if (officer.role === 'officer') q.where('a.agency_id', officer.agencyId ?? '');
    let matchedBy: SearchResult['matchedBy'] = 'none';
    let hint: SearchResult['hint'] = null;
    const text = input.query?.trim() ?? '';
    if (text) {
      const digits = text.replace(/[\s.-]/g, '');
      const regno = parseRegistrationNumber(text);
      if (regno.ok) {
        matchedBy = 'regno';
        q.where('a.registration_number', regno.value);
      } else if (/^[A-Za-z]{2,12}[\s-]+\d{6}/.test(text)) {
        matchedBy = 'regno';
        const e = regno.errors[0];
        hint = e ? { message: e.message, messageEn: e.messageEn } : null;
        q.whereRaw('0 = 1');
      } else if (/^\d{16}$/.test(digits)) {
        matchedBy = 'nik';
        q.where('a.applicant_nik', digits);
      } else if (/^(\+?62|0)\d{7,14}$/.test(digits)) {
        const p = parsePhone(text);
        matchedBy = 'phone';
        q.where('a.applicant_phone', p.ok ? p.e164 : digits);
      } else {
        matchedBy = 'name';
        const k = nameKey(text);
        q.where('a.name_key', '>=', k).andWhere('a.name_key', '<', `${k}\uffff`);
      }
    }
    if (input.status) q.where('a.status', input.status);
    if (input.serviceId) q.where('a.service_id', input.serviceId);
    if (input.from) q.where('a.created_at', '>=', instantAt(input.from, '00:00', sla.utcOffsetMinutes).toISOString());
    if (input.to) q.where('a.created_at', '<', instantAt(addDays(input.to, 1), '00:00', sla.utcOffsetMinutes).toISOString());
    if (input.due) {
      q.whereIn('a.status', ['diverifikasi', 'diproses', 'diterima']);
      if (input.due === 'overdue') q.where('a.due_at', '<', now.toISOString());
      else {
        const endOfDay = instantAt(addDays(localDateOf(now, sla.utcOffsetMinutes), 1), '00:00', sla.utcOffsetMinutes).toISOString();
        q.where('a.due_at', '>=', now.toISOString()).andWhere('a.due_at', '<', endOfDay);
      }
    }
    // Name matches come in name order (the (agency, name_key) index yields it, LIMIT stops early); the rest newest first.
    if (matchedBy === 'name') q.orderBy('a.name_key');
    const rows = (await q
      .orderBy('a.created_at', 'desc')
      .limit(input.limit ?? 50)
      .select('a.id', 'a.agency_id', 'a.registration_number', 'a.applicant_name', 'a.applicant_nik', 'a.service_id', 's.name as service_name', 'a.status', 'a.created_at', 'a.due_at')) as {
      id: string;
      agency_id: string;
      registration_number: string | null;
      applicant_name: string;
      applicant_nik: string | null;
      service_id: string;
      service_name: string | null;
      status: ApplicationStatus;
      created_at: string;
      due_at: string | null;
    }[];
    const pending = await this.pendingIds(rows.map((r) => r.id));
    const items: ApplicationListItem[] = rows.map((r) => ({
      id: r.id,
      registrationNumber: r.registration_number,
      applicantName: r.applicant_name,
      nikMasked: r.applicant_nik ? maskNik(r.applicant_nik) : null,
      serviceId: r.service_id,
      serviceName: r.service_name ?? r.service_id,
      status: r.status,
      createdAt: r.created_at,
      dueAt: r.due_at,
      dueState: this.dueState({ status: r.status, dueAt: r.due_at }, now, sla, schedules.get(r.agency_id)),
      pending: pending.has(r.id),
    }));
    return { items, matchedBy, hint };
  }

  /** The full record (with the NIK): access-checked and audited (UU 27/2022 PDP). */
  async detail(id: string, purpose: 'view' | 'register' | 'status' | 'print' = 'view'): Promise<ApplicationDetail> {
    const { officer } = await this.officer();
    const row = (await this.d.db('applications').where({ id }).first()) as Row | undefined;
    if (!row) throw new LoketError('NOT_FOUND', 'Permohonan tidak ditemukan.', 'Application not found.');
    this.assertCanOpen(officer, row.agency_id);
    await this.d.db('application_access_log').insert({ application_id: id, officer_id: officer.id, officer_name: officer.name, at: this.d.now().toISOString(), purpose });
    const r = fromRow(row);
    const [svc, counter, docs, pending, sla] = await Promise.all([
      this.d.db('services').where({ id: r.serviceId }).first('name') as Promise<{ name: string } | undefined>,
      r.counterId ? (this.d.db('counters').where({ id: r.counterId }).first('name') as Promise<{ name: string } | undefined>) : Promise.resolve(undefined),
      this.d.db('documents').where({ application_id: id }).select() as Promise<DocumentRow[]>,
      this.pendingIds([id]),
      this.slaContext(row.agency_id),
    ]);
    const local = new Map(docs.map((d) => [d.sha256, d]));
    const documents = (r.documents ?? docs.map((d) => ({ sha256: d.sha256, mime: d.mime as ReceivedDocument['mime'], size: Number(d.size), fileName: d.file_name, requirementCode: d.requirement_code }))).map((d) => ({
      id: local.get(d.sha256)?.id ?? null,
      sha256: d.sha256,
      mime: d.mime,
      size: d.size,
      fileName: d.fileName,
      requirementCode: d.requirementCode,
      retentionUntil: local.get(d.sha256)?.retention_until ?? null,
    }));
    return {
      id: r.id,
      version: r.version,
      pending: pending.has(id),
      registrationNumber: r.registrationNumber,
      agencyId: r.agencyId,
      serviceId: r.serviceId,
      serviceName: svc?.name ?? r.serviceId,
      serviceVersion: r.serviceVersion,
      ticketNumber: r.ticketNumber,
      counterName: counter?.name ?? null,
      applicant: { name: r.applicantName, nik: r.applicantNik, phone: r.applicantPhone, sex: r.applicantSex, birthDate: r.applicantBirthDate },
      status: r.status,
      statusReason: r.statusReason,
      checklist: r.checklist ?? [],
      documents,
      history: r.history ?? [],
      completeAt: r.completeAt,
      dueAt: r.dueAt,
      dueDate: r.dueDate,
      dueState: this.dueState(r, this.d.now(), sla),
      slaWorkingDays: r.slaWorkingDays,
      fee: r.fee,
      notes: r.notes,
      createdAt: r.createdAt,
      createdBy: r.createdBy,
      nextStatuses: [...ALLOWED[r.status]],
    };
  }

  async ticket(ticketId: string): Promise<{ id: string; number: string; serviceId: string; agencyId: string } | null> {
    const { officer } = await this.officer();
    const t = (await this.d.db('queue_tickets').where({ id: ticketId }).first('id', 'display_number', 'service_id', 'agency_id')) as
      | { id: string; display_number: string; service_id: string; agency_id: string }
      | undefined;
    if (!t) return null;
    if (officer.role === 'officer' && t.agency_id !== officer.agencyId) return null;
    return { id: t.id, number: t.display_number, serviceId: t.service_id, agencyId: t.agency_id };
  }

  async accessLog(id: string): Promise<{ officerName: string; at: string; purpose: string }[]> {
    const { officer } = await this.officer();
    if (officer.role !== 'supervisor' && officer.role !== 'admin') throw new LoketError('FORBIDDEN', 'Hanya supervisor yang melihat log akses.', 'Only supervisors see the access log.');
    return (await this.d.db('application_access_log').where({ application_id: id }).orderBy('id').select('officer_name as officerName', 'at', 'purpose')) as {
      officerName: string;
      at: string;
      purpose: string;
    }[];
  }

  // -------------------------------------------------------------- changes

  /** A status change on the copy the officer saw: refused when the application changed meanwhile. */
  async transition(input: { id: string; to: ApplicationStatus; reason: string | null; expectedStatus: ApplicationStatus }): Promise<ApplicationDetail> {
    const row = (await this.d.db('applications').where({ id: input.id }).first('status', 'agency_id')) as { status: ApplicationStatus; agency_id: string } | undefined;
    if (!row) throw new LoketError('NOT_FOUND', 'Permohonan tidak ditemukan.', 'Application not found.');
    if (row.status !== input.expectedStatus) {
      const seen = STATUS_LABELS[input.expectedStatus];
      const now = STATUS_LABELS[row.status];
      throw new LoketError(
        'CONFLICT',
        `Status permohonan sudah berubah dari "${seen.id}" menjadi "${now.id}" sejak Anda membukanya. Periksa lalu ulangi.`,
        `The application’s status changed from "${seen.en}" to "${now.en}" since you opened it. Check and try again.`,
        { issue: 'STALE_COPY' },
      );
    }
    await this.d.applications.setStatus({ id: input.id, to: input.to, reason: input.reason });
    return this.detail(input.id, 'status');
  }

  /** Contact data / notes corrections; `baseVersion` is the server version of the copy being edited. */
  async update(input: { id: string; baseVersion: number; applicantName?: string; applicantPhone?: string | null; notes?: string | null }): Promise<ApplicationDetail> {
    const { officer } = await this.officer();
    const row = (await this.d.db('applications').where({ id: input.id }).first('version', 'agency_id')) as { version: number; agency_id: string } | undefined;
    if (!row) throw new LoketError('NOT_FOUND', 'Permohonan tidak ditemukan.', 'Application not found.');
    this.assertCanOpen(officer, row.agency_id);
    if (Number(row.version) !== input.baseVersion) {
      throw new LoketError(
        'CONFLICT',
        'Permohonan ini sudah diubah sejak Anda membukanya. Buka ulang lalu ulangi perubahan Anda.',
        'This application changed since you opened it. Reopen it and redo your change.',
        { issue: 'STALE_COPY' },
      );
    }
    let phone = input.applicantPhone;
    if (phone) {
      const p = parsePhone(phone);
      if (!p.ok) throw new LoketError('VALIDATION', p.errors.map((e) => e.message).join(' '), p.errors.map((e) => e.messageEn).join(' '), { field: 'applicantPhone' });
      phone = p.e164;
    }
    const at = this.d.now().toISOString();
    const payload = {
      id: input.id,
      baseVersion: input.baseVersion,
      ...(input.applicantName !== undefined ? { applicantName: input.applicantName.trim() } : {}),
      ...(phone !== undefined ? { applicantPhone: phone } : {}),
      ...(input.notes !== undefined ? { notes: input.notes } : {}),
      at,
    };
    await this.d.db.transaction(async (trx) => {
      const entryId = await enqueue(trx, 'application.update', payload, at);
      await applyLocal(trx, { id: entryId, kind: 'application.update', payload }, officer.id, officer.name);
    });
    this.d.onWrite();
    return this.detail(input.id, 'view');
  }

  // -------------------------------------------------------------- printing

  /** Tanda terima, or for an incomplete file the list of what is missing, for the applicant. */
  async printReceipt(id: string): Promise<PrintOutcome> {
    const { officer, session } = await this.officer();
    const detail = await this.detail(id, 'print');
    if (!detail.registrationNumber) throw new LoketError('VALIDATION', 'Permohonan ini belum memiliki nomor registrasi.', 'This application has no registration number yet.');
    const [mall, agency, sla] = await Promise.all([
      this.d.db('settings').where({ key: 'mallName' }).first('value') as Promise<{ value: string } | undefined>,
      this.d.db('agencies').where({ id: detail.agencyId }).first('name') as Promise<{ name: string } | undefined>,
      this.slaContext(),
    ]);
    const incomplete = detail.status === 'berkas_belum_lengkap';
    const docs = detail.checklist.filter((c) => c.state === 'valid' || c.state === 'present').map((c) => `v ${c.name}`);
    const missing = detail.checklist.filter((c) => c.mandatory && c.state !== 'valid').map((c) => `KURANG: ${c.name}${c.state === 'invalid' && c.reason ? ` (${c.reason})` : ''}`);
    const base = (await this.d.serverUrl()) ?? 'http://127.0.0.1';
    return this.d.printReceipt({
      mallName: mall?.value ?? 'Mal Pelayanan Publik',
      agencyName: agency?.name ?? '',
      serviceName: detail.serviceName,
      registrationNumber: detail.registrationNumber,
      applicantName: detail.applicant.name,
      documents: incomplete ? [...docs, ...missing] : docs,
      receivedAt: detail.createdAt,
      promisedDate: incomplete ? null : detail.dueDate,
      utcOffsetMinutes: sla.utcOffsetMinutes,
      trackingUrl: new URL(`/permohonan/${encodeURIComponent(detail.registrationNumber)}`, base).toString(),
      officerName: officer.name,
      counterName: session.counterName,
      footer: incomplete
        ? 'BERKAS BELUM LENGKAP. Lengkapi persyaratan di atas lalu kembali ke loket dengan tanda terima ini. Waktu penyelesaian dihitung sejak berkas lengkap.'
        : null,
    });
  }
}
