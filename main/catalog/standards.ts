/**
 * The counter's copy of the service standards and the holiday calendar (server-authoritative).
 * Refreshed after sign-in and on "Sync now"; every version ever downloaded is kept, so an
 * application shows the standard it was filed under even after the catalog changed.
 */
import type { Db } from '../db/open';
import { LoketError } from '../../common/ipc/result';
import {
  ServiceStandardInputSchema,
  ServiceStandardSchema,
  StandardsResponseSchema,
  type ServiceStandard,
  type ServiceStandardInput,
} from '../../common/catalog/standard';
import { HolidayCalendarSchema, type HolidayCalendar } from '../../common/domain/calendar/working-days';
import { HOLIDAYS_ID_2025_2026 } from '../../common/domain/calendar/holidays-id';
import type { ServerClient } from '../server-link/server-client';

const CALENDAR_KEY = 'holidayCalendar';

interface Row {
  service_id: string;
  version: number;
  data: string;
}

const toStandard = (r: Row): ServiceStandard => ServiceStandardSchema.parse(JSON.parse(r.data));

export class StandardsCache {
  private calendarCache: HolidayCalendar | null = null;

  constructor(
    private readonly db: Db,
    private readonly server: ServerClient,
  ) {}

  async refresh(token: string): Promise<void> {
    const res = await this.server.request(StandardsResponseSchema, 'GET', '/api/v1/catalog/standards', undefined, token);
    await this.store(res.standards);
    const cal = HolidayCalendarSchema.safeParse(res.calendar?.data);
    if (cal.success) {
      await this.db('settings').insert({ key: CALENDAR_KEY, value: JSON.stringify(cal.data) }).onConflict('key').merge();
      this.calendarCache = cal.data;
    }
  }

  private async store(standards: readonly ServiceStandard[]): Promise<void> {
    if (!standards.length) return;
    await this.db.transaction(async (trx) => {
      for (const s of standards) {
        await trx('service_standards').insert({ service_id: s.serviceId, version: s.version, data: JSON.stringify(s) }).onConflict(['service_id', 'version']).merge();
      }
    });
  }

  /** The latest version of each service's standard. */
  async latest(): Promise<ServiceStandard[]> {
    const rows = (await this.db('service_standards as s')
      .whereRaw('s.version = (select max(version) from service_standards x where x.service_id = s.service_id)')
      .select('s.*')
      .orderBy('s.service_id')) as Row[];
    return rows.map(toStandard);
  }

  /** One version (default: the latest); null when this counter never downloaded it. */
  async get(serviceId: string, version?: number): Promise<ServiceStandard | null> {
    const q = this.db('service_standards').where({ service_id: serviceId });
    const row = (await (version === undefined ? q.orderBy('version', 'desc') : q.andWhere({ version })).first()) as Row | undefined;
    return row ? toStandard(row) : null;
  }

  /** A specific version, fetched from the server when this counter does not have it yet. */
  async getOrFetch(serviceId: string, version: number, token: string | null): Promise<ServiceStandard | null> {
    const local = await this.get(serviceId, version);
    if (local || !token) return local;
    try {
      const s = await this.server.request(ServiceStandardSchema, 'GET', `/api/v1/catalog/standards/${encodeURIComponent(serviceId)}/versions/${version}`, undefined, token);
      await this.store([s]);
      return s;
    } catch {
      return null;
    }
  }

  /** Supervisors/admins: a new version on the server (server validates roles, the Dukcapil fee rule and the base version). */
  async save(token: string | null, serviceId: string, baseVersion: number, standard: ServiceStandardInput): Promise<ServiceStandard> {
    if (!token) throw new LoketError('OFFLINE', 'Perubahan standar layanan hanya dapat disimpan saat terhubung ke server.', 'Service standard changes can only be saved while connected to the server.');
    const body = { baseVersion, standard: ServiceStandardInputSchema.parse(standard) };
    const saved = await this.server.request(ServiceStandardSchema, 'POST', `/api/v1/catalog/standards/${encodeURIComponent(serviceId)}/versions`, body, token);
    await this.store([saved]);
    return saved;
  }

  async calendar(): Promise<HolidayCalendar> {
    if (this.calendarCache) return this.calendarCache;
    const row = (await this.db('settings').where({ key: CALENDAR_KEY }).first('value')) as { value: string } | undefined;
    let cal = HOLIDAYS_ID_2025_2026;
    if (row) {
      try {
        const parsed = HolidayCalendarSchema.safeParse(JSON.parse(row.value));
        if (parsed.success) cal = parsed.data;
      } catch {
        cal = HOLIDAYS_ID_2025_2026;
      }
    }
    this.calendarCache = cal;
    return cal;
  }
}
