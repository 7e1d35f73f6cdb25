/**
 * The server's minimal application (permohonan) entity for sync: row mapping and the
 * intent handlers that re-validate what a counter pushed against the current state.
 * Conflict policy: creates never conflict (client-generated ids); a status change follows
 * the allowed workflow (common/domain/applications/status.ts) from the status the server
 * has *now*, so of two counters changing the same application offline the first to arrive
 * wins if valid and the second is re-validated against the new state.
 */
import { quickApplicationCreate } from '../../../common/sync/push-quick-checks';
import type { Knex } from 'knex';
import { assertTransition, STATUS_LABELS } from '../../../common/domain/applications/status';
import {
  APPLICATION_ENTITY,
  ApplicationCreateIntentSchema,
  ApplicationSetStatusIntentSchema,
  NO_REGISTRATION,
  type ApplicationRecord,
} from '../../../common/sync/applications';
import { APPLICATION_COLUMNS, applicationFromRow, applicationRowValues, type ApplicationRow } from '../../../common/sync/application-row';
import { canAccessAgency } from '../auth/guard';
import { loadServiceContexts, withTransition, type ServiceContext } from './workflow';
import type { EntityDef, IntentHandler } from '../sync/intents';

export { APPLICATION_COLUMNS, type ApplicationRow };
export const toApplicationRecord = applicationFromRow;
export const toApplicationRow = applicationRowValues;

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
  // Most pushed entries are creates: the hand-written check spares the schema's copy of each.
  quick: quickApplicationCreate,
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
