/**
 * The counter's minimal application (permohonan) store for sync. Every change writes the
 * local row AND its outbox intent in one transaction; the row is the officer's working
 * copy (version 0 until the server confirms it). The server re-validates each intent; see
 * server/src/applications/applications.ts for the conflict policy.
 */
import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { assertTransition, canTransition, type ApplicationStatus } from '../../common/domain/applications/status';
import { LoketError } from '../../common/ipc/result';
import type { Officer } from '../../common/ipc/models';
import {
  APPLICATION_ENTITY,
  APPLICATION_INTENTS,
  ApplicationRegisterIntentSchema,
  ApplicationUpdateIntentSchema,
  NO_REGISTRATION,
  ApplicationCreateIntentSchema,
  ApplicationSetStatusIntentSchema,
  type ApplicationCreateIntent,
  type ApplicationRecord,
  type ApplicationView,
  type CreateApplicationInput,
} from '../../common/sync/applications';
import { bulkUpsert, selectByIds, selectIn } from '../sync/bulk';
import type { ClientEntity, PendingIntent } from '../sync/entities';
import { enqueue } from '../sync/outbox';
import { nameKey, type HistoryEntry } from '../../common/applications/application';
import { parseApplicationRecord } from '../../common/sync/application-record-check';
import { APPLICATION_COLUMNS, applicationFromRow, applicationRowValues, type ApplicationRow } from '../../common/sync/application-row';

type Row = ApplicationRow;

const COLUMNS = [...APPLICATION_COLUMNS, 'name_key'] as const;

export const fromRow = applicationFromRow;

const toValues = (a: ApplicationRecord): unknown[] => [...applicationRowValues(a), nameKey(a.applicantName)];

const TABLE = 'applications';

const historyOf = (row: Row): HistoryEntry[] => applicationFromRow(row).history ?? [];

/** Applies an intent to the working copy; invalid transitions are skipped (the server will say why). */
export async function applyLocal(trx: Knex.Transaction, intent: PendingIntent, actor?: string, actorName?: string): Promise<void> {
  if (intent.kind === 'application.create') {
    const p = ApplicationCreateIntentSchema.safeParse(intent.payload);
    if (!p.success) return;
    const exists = await trx(TABLE).where({ id: p.data.id }).first('id');
    if (exists) return;
    const by = actor ?? 'local';
    await bulkUpsert(trx, TABLE, COLUMNS, [
      toValues({
        id: p.data.id,
        agencyId: p.data.agencyId,
        serviceId: p.data.serviceId,
        applicantName: p.data.applicantName,
        applicantNik: p.data.applicantNik,
        notes: p.data.notes,
        status: 'diterima',
        statusReason: null,
        version: 0,
        createdAt: p.data.at,
        createdBy: by,
        updatedAt: p.data.at,
        updatedBy: by,
        ...NO_REGISTRATION,
      }),
    ]);
    return;
  }
  if (intent.kind === 'application.register') {
    const p = ApplicationRegisterIntentSchema.safeParse(intent.payload);
    if (!p.success) return;
    if (await trx(TABLE).where({ id: p.data.id }).first('id')) return;
    const by = actor ?? 'local';
    const d = p.data;
    const status: ApplicationStatus = d.complete ? 'diverifikasi' : 'berkas_belum_lengkap';
    const history: HistoryEntry[] = [
      { at: d.at, from: null, to: 'diterima', by, byName: actorName ?? by, note: null },
      { at: d.at, from: 'diterima', to: status, by, byName: actorName ?? by, note: d.complete ? null : d.missing },
    ];
    await bulkUpsert(trx, TABLE, COLUMNS, [
      toValues({
        id: d.id,
        agencyId: d.agencyId,
        serviceId: d.serviceId,
        applicantName: d.applicantName,
        applicantNik: d.applicantNik,
        notes: d.notes,
        status,
        statusReason: d.complete ? null : d.missing,
        version: 0,
        createdAt: d.at,
        createdBy: by,
        updatedAt: d.at,
        updatedBy: by,
        registrationNumber: d.registrationNumber,
        ticketId: d.ticketId,
        ticketNumber: d.ticketNumber,
        counterId: d.counterId,
        applicantPhone: d.applicantPhone,
        applicantSex: d.applicantSex,
        applicantBirthDate: d.applicantBirthDate,
        serviceVersion: d.serviceVersion,
        slaWorkingDays: null,
        fee: null,
        checklist: d.checklist,
        documents: d.documents,
        history,
        completeAt: d.complete ? d.at : null,
        completeBy: d.complete ? by : null,
        dueAt: null,
        dueDate: null,
      }),
    ]);
    return;
  }
  if (intent.kind === 'application.update') {
    const p = ApplicationUpdateIntentSchema.safeParse(intent.payload);
    if (!p.success) return;
    const update: Partial<Row> & { name_key?: string } = { updated_at: p.data.at };
    if (p.data.applicantName !== undefined) {
      update.applicant_name = p.data.applicantName;
      update.name_key = nameKey(p.data.applicantName);
    }
    if (p.data.applicantPhone !== undefined) update.applicant_phone = p.data.applicantPhone;
    if (p.data.notes !== undefined) update.notes = p.data.notes;
    if (actor) update.updated_by = actor;
    await trx(TABLE).where({ id: p.data.id }).update(update);
    return;
  }
  if (intent.kind === 'application.setStatus') {
    const p = ApplicationSetStatusIntentSchema.safeParse(intent.payload);
    if (!p.success) return;
    const row = (await trx(TABLE).where({ id: p.data.id }).first()) as Row | undefined;
    if (!row || !canTransition(row.status as ApplicationStatus, p.data.to)) return;
    const update: Partial<Row> = { status: p.data.to, status_reason: p.data.reason, updated_at: p.data.at };
    if (actor) update.updated_by = actor;
    if (row.history_json !== null && row.history_json !== undefined) {
      const by = actor ?? 'local';
      const history = [...historyOf(row), { at: p.data.at, from: row.status as ApplicationStatus, to: p.data.to, by, byName: actorName ?? by, note: p.data.reason }];
      update.history_json = JSON.stringify(history);
      if (p.data.to === 'diverifikasi' && !row.complete_at) {
        update.complete_at = p.data.at;
        update.complete_by = by;
      }
    }
    await trx(TABLE).where({ id: p.data.id }).update(update);
  }
}

const entityId = (payload: Record<string, unknown>): string | null => (typeof payload.id === 'string' ? payload.id : null);

export const applicationClientEntity: ClientEntity = {
  name: APPLICATION_ENTITY,
  kinds: Object.keys(APPLICATION_INTENTS),
  parse(data) {
    // The quick check first: an initial pull validates every application of the agency.
    const r = parseApplicationRecord(data);
    return r && r.version > 0 ? r : null;
  },
  async upsert(trx, records) {
    await bulkUpsert(trx, TABLE, COLUMNS, (records as ApplicationRecord[]).map(toValues));
  },
  async remove(trx, ids) {
    await selectIn(ids, async (chunk) => {
      await trx(TABLE).whereIn('id', chunk).delete();
      return [];
    });
  },
  async versions(trx, ids) {
    // One statement per page (ids as one JSON parameter), not one per 900 knex bindings.
    const rows = await selectByIds<{ id: string; version: number }>(trx, TABLE, ['id', 'version'], ids);
    return new Map(rows.map((r) => [r.id, Number(r.version)]));
  },
  async confirmed(trx) {
    return ((await trx(TABLE).where('version', '>', 0).select('id', 'version')) as { id: string; version: number }[]).map((r) => ({ id: r.id, version: Number(r.version) }));
  },
  targetOf(kind, payload) {
    return kind.startsWith('application.') ? entityId(payload) : null;
  },
  applyLocal: (trx, intent) => applyLocal(trx, intent),
  async removeLocalOnly(trx, id) {
    await trx(TABLE).where({ id, version: 0 }).delete();
  },
};


export interface ApplicationsDeps {
  db: Knex;
  now: () => Date;
  /** The signed-in officer (null when nobody is). */
  officer: () => Promise<Officer | null>;
  /** Called after every committed local change (kicks the sync engine). */
  onWrite: () => void;
  /** Inside the writing transaction, after the local change (the applications feature recomputes the due date). */
  afterLocalWrite?: (trx: Knex.Transaction, id: string) => Promise<void>;
}

export class ApplicationsService {
  constructor(private readonly d: ApplicationsDeps) {}

  private async requireOfficer(): Promise<Officer> {
    const o = await this.d.officer();
    if (!o) throw new LoketError('UNAUTHENTICATED', 'Silakan masuk terlebih dahulu.', 'Please sign in first.');
    return o;
  }

  async create(input: CreateApplicationInput): Promise<ApplicationView> {
    const officer = await this.requireOfficer();
    const agencyId = input.agencyId ?? officer.agencyId;
    if (!agencyId) throw new LoketError('VALIDATION', 'Pilih instansi permohonan.', 'Choose the application’s agency.', { field: 'agencyId' });
    if (officer.role === 'officer' && agencyId !== officer.agencyId) {
      throw new LoketError('FORBIDDEN', 'Anda hanya dapat membuat permohonan untuk instansi Anda.', 'You may only create applications for your own agency.');
    }
    if (officer.role === 'frontdesk') throw new LoketError('FORBIDDEN', 'Resepsionis tidak membuat permohonan.', 'The front desk does not create applications.');
    const service = (await this.d.db('services').where({ id: input.serviceId }).first('agency_id')) as { agency_id: string } | undefined;
    if (!service) throw new LoketError('NOT_FOUND', 'Layanan tidak ditemukan.', 'Service not found.', { field: 'serviceId' });
    if (service.agency_id !== agencyId) {
      throw new LoketError('VALIDATION', 'Layanan ini bukan milik instansi tersebut.', 'This service does not belong to that agency.', { field: 'serviceId' });
    }
    const at = this.d.now().toISOString();
    const intent: ApplicationCreateIntent = {
      id: randomUUID(),
      agencyId,
      serviceId: input.serviceId,
      applicantName: input.applicantName.trim(),
      applicantNik: input.applicantNik ?? null,
      notes: input.notes ?? null,
      at,
    };
    await this.d.db.transaction(async (trx) => {
      const entryId = await enqueue(trx, 'application.create', intent, at);
      await applyLocal(trx, { id: entryId, kind: 'application.create', payload: intent }, officer.id);
    });
    this.d.onWrite();
    return this.get(intent.id);
  }

  async setStatus(input: { id: string; to: ApplicationStatus; reason?: string | null }): Promise<ApplicationView> {
    const officer = await this.requireOfficer();
    const at = this.d.now().toISOString();
    await this.d.db.transaction(async (trx) => {
      const row = (await trx(TABLE).where({ id: input.id }).first()) as Row | undefined;
      if (!row) throw new LoketError('NOT_FOUND', 'Permohonan tidak ditemukan.', 'Application not found.');
      if (officer.role !== 'supervisor' && officer.role !== 'admin' && row.agency_id !== officer.agencyId) {
        throw new LoketError('FORBIDDEN', 'Permohonan ini milik instansi lain.', 'This application belongs to another agency.');
      }
      const from = row.status as ApplicationStatus;
      const check = assertTransition(from, input.to, input.reason ? { reason: input.reason } : {});
      if (!check.ok) throw new LoketError('VALIDATION', check.error.message, check.error.messageEn, check.error.details);
      const payload = { id: input.id, from, to: input.to, reason: check.reason, at };
      const entryId = await enqueue(trx, 'application.setStatus', payload, at);
      await applyLocal(trx, { id: entryId, kind: 'application.setStatus', payload }, officer.id, officer.name);
      await this.d.afterLocalWrite?.(trx, input.id);
    });
    this.d.onWrite();
    return this.get(input.id);
  }

  async get(id: string): Promise<ApplicationView> {
    const row = (await this.d.db(TABLE).where({ id }).first()) as Row | undefined;
    if (!row) throw new LoketError('NOT_FOUND', 'Permohonan tidak ditemukan.', 'Application not found.');
    const pending = await this.pendingIds();
    return { ...fromRow(row), pending: pending.has(id) };
  }

  async list(filter: { agencyId?: string; status?: ApplicationStatus; limit?: number } = {}): Promise<ApplicationView[]> {
    const officer = await this.requireOfficer();
    const q = this.d.db(TABLE).select();
    const agency = officer.role === 'officer' ? officer.agencyId : (filter.agencyId ?? null);
    if (agency) q.where({ agency_id: agency });
    if (filter.status) q.where({ status: filter.status });
    const rows = (await q.orderBy([{ column: 'created_at', order: 'desc' }, { column: 'id' }]).limit(filter.limit ?? 200)) as Row[];
    const pending = await this.pendingIds();
    return rows.map((r) => ({ ...fromRow(r), pending: pending.has(r.id) }));
  }

  private async pendingIds(): Promise<Set<string>> {
    const rows = (await this.d.db('outbox').where({ state: 'pending' }).where('kind', 'like', 'application.%').select('payload_json')) as { payload_json: string }[];
    const out = new Set<string>();
    for (const r of rows) {
      const id = entityId(JSON.parse(r.payload_json) as Record<string, unknown>);
      if (id) out.add(id);
    }
    return out;
  }
}

