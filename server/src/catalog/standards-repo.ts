/**
 * Service standards (versioned, server-authoritative) and the holiday calendar the server
 * distributes. A standard is never updated in place: an edit inserts version n+1, so an
 * application filed under version n can always be shown with what applied then.
 */
import type { Knex } from 'knex';
import { LoketError } from '../../../common/ipc/result';
import {
  checkStandardFee,
  ServiceStandardInputSchema,
  type ServiceStandard,
  type ServiceStandardInput,
  type StandardsResponse,
} from '../../../common/catalog/standard';
import { HolidayCalendarSchema, type HolidayCalendar } from '../../../common/domain/calendar/working-days';
import { HOLIDAYS_ID_2025_2026 } from '../../../common/domain/calendar/holidays-id';
import { isPostgres } from '../db/connect';
import { together } from '../db/together';
import { DEMO_STANDARDS } from './demo-standards';

interface StandardRow {
  service_id: string;
  version: number | string;
  data: string;
  created_at: string;
  created_by: string;
}

const toStandard = (r: StandardRow): ServiceStandard => {
  const data = ServiceStandardInputSchema.parse(JSON.parse(r.data));
  return { serviceId: r.service_id, version: Number(r.version), ...data, createdAt: r.created_at, createdBy: r.created_by };
};

/** The latest version of every service's standard (services without one are absent). */
export async function latestStandards(db: Knex | Knex.Transaction): Promise<ServiceStandard[]> {
  const latest = db('service_standards').select('service_id').max({ v: 'version' }).groupBy('service_id').as('m');
  const rows = (await db('service_standards as s')
    .join(latest, function () {
      this.on('s.service_id', '=', 'm.service_id').andOn('s.version', '=', 'm.v');
    })
    .select('s.*')
    .orderBy('s.service_id')) as StandardRow[];
  return rows.map(toStandard);
}

export async function standardVersion(db: Knex | Knex.Transaction, serviceId: string, version?: number): Promise<ServiceStandard | null> {
  const q = db('service_standards').where({ service_id: serviceId });
  const row = (await (version === undefined ? q.orderBy('version', 'desc') : q.andWhere({ version })).first()) as StandardRow | undefined;
  return row ? toStandard(row) : null;
}

/** Every version of every service: the sync-side validation of registrations needs them (small). */
export async function allStandardVersions(db: Knex | Knex.Transaction): Promise<ServiceStandard[]> {
  return ((await db('service_standards').select().orderBy(['service_id', 'version'])) as StandardRow[]).map(toStandard);
}

function feeError(agencyCode: string, standard: ServiceStandardInput): LoketError | null {
  const errors = checkStandardFee(agencyCode, standard.fee);
  const first = errors[0];
  if (!first) return null;
  return new LoketError('VALIDATION', errors.map((e) => e.message).join(' '), errors.map((e) => e.messageEn).join(' '), { field: 'fee', issue: first.code });
}

/**
 * Saves a new version of a service's standard. `baseVersion` is the version the editor started
 * from (0 for the first): if someone saved in between, the edit is refused (409) instead of
 * silently replacing theirs. Dukcapil services cannot carry a fee (UU 24/2013 Pasal 79A).
 */
export async function saveStandard(
  db: Knex,
  input: { serviceId: string; baseVersion: number; standard: ServiceStandardInput; officerId: string; at: string },
): Promise<ServiceStandard> {
  const standard = ServiceStandardInputSchema.parse(input.standard);
  return db.transaction(async (trx) => {
    // Locking the service row (PostgreSQL) serialises two saves of the same service.
    const sq = trx('services as s').join('agencies as a', 'a.id', 's.agency_id').where('s.id', input.serviceId);
    const svc = (await (isPostgres(trx) ? sq.forUpdate('s') : sq).first('s.id', 'a.code as agency_code')) as { id: string; agency_code: string } | undefined;
    if (!svc) throw new LoketError('NOT_FOUND', 'Layanan tidak ditemukan.', 'Service not found.');
    const fee = feeError(svc.agency_code, standard);
    if (fee) throw fee;
    const cur = (await trx('service_standards').where({ service_id: input.serviceId }).max({ v: 'version' }).first()) as { v: number | string | null } | undefined;
    const current = cur?.v === null || cur?.v === undefined ? 0 : Number(cur.v);
    if (current !== input.baseVersion) {
      throw new LoketError(
        'CONFLICT',
        `Standar layanan ini sudah diubah orang lain (versi ${current}, Anda mengedit versi ${input.baseVersion}). Muat ulang lalu ulangi perubahan Anda.`,
        `Someone else changed this service standard (version ${current}; you edited version ${input.baseVersion}). Reload and redo your change.`,
        { currentVersion: current },
      );
    }
    const row: StandardRow = { service_id: input.serviceId, version: current + 1, data: JSON.stringify(standard), created_at: input.at, created_by: input.officerId };
    try {
      await trx('service_standards').insert(row);
    } catch {
      // Unique (service_id, version): a concurrent save on the same base won.
      throw new LoketError('CONFLICT', 'Standar layanan ini baru saja diubah orang lain. Muat ulang.', 'This service standard was just changed by someone else. Reload.');
    }
    return toStandard(row);
  });
}

export async function latestCalendar(db: Knex | Knex.Transaction): Promise<HolidayCalendar> {
  const row = (await db('holiday_calendars').orderBy('seq', 'desc').first('data')) as { data: string } | undefined;
  if (!row) return HOLIDAYS_ID_2025_2026;
  const parsed = HolidayCalendarSchema.safeParse(JSON.parse(row.data));
  return parsed.success ? parsed.data : HOLIDAYS_ID_2025_2026;
}

/** A new calendar version (the SKB changes mid-year); version strings must be new. */
export async function saveCalendar(db: Knex, calendar: HolidayCalendar, officerId: string, at: string): Promise<HolidayCalendar> {
  const parsed = HolidayCalendarSchema.parse(calendar);
  return db.transaction(async (trx) => {
    if (await trx('holiday_calendars').where({ version: parsed.version }).first('version')) {
      throw new LoketError('CONFLICT', `Versi kalender "${parsed.version}" sudah ada; beri versi baru.`, `Calendar version "${parsed.version}" exists; give a new version.`);
    }
    const max = (await trx('holiday_calendars').max({ m: 'seq' }).first()) as { m: number | string | null } | undefined;
    await trx('holiday_calendars').insert({ version: parsed.version, seq: Number(max?.m ?? 0) + 1, data: JSON.stringify(parsed), created_at: at, created_by: officerId });
    return parsed;
  });
}

export async function loadStandardsResponse(db: Knex): Promise<StandardsResponse> {
  const [standards, calendar] = await together(db, () => latestStandards(db), () => latestCalendar(db));
  return { standards, calendar: { version: calendar.version, data: calendar } };
}

/** Version 1 of the demo standards for the demo services that exist and have none yet. Idempotent. */
export async function seedDemoStandards(db: Knex | Knex.Transaction, at: string): Promise<number> {
  const ids = Object.keys(DEMO_STANDARDS);
  const present = new Set(((await db('services').whereIn('id', ids).select('id')) as { id: string }[]).map((r) => r.id));
  const have = new Set(((await db('service_standards').whereIn('service_id', ids).distinct('service_id')) as { service_id: string }[]).map((r) => r.service_id));
  const rows = ids
    .filter((id) => present.has(id) && !have.has(id))
    .map((id) => ({ service_id: id, version: 1, data: JSON.stringify(ServiceStandardInputSchema.parse(DEMO_STANDARDS[id])), created_at: at, created_by: 'seed' }));
  if (rows.length) await db('service_standards').insert(rows);
  return rows.length;
}
