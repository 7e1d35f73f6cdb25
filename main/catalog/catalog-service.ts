/** The mall catalog cached locally; the server is authoritative and replaces it whole. */
import type { Db } from '../db/open';
import { CatalogSchema, type Catalog } from '../../common/ipc/models';
import type { ServerClient } from '../server-link/server-client';
import { StandardsCache } from './standards';
import { serviceDaysFromWeekdays, serviceWeekdaysCode, type ServiceDays } from '../../common/domain/calendar/working-days';

export class CatalogService {
  /** Service standards and the holiday calendar, refreshed with the catalog. */
  readonly standards: StandardsCache;

  constructor(
    private readonly db: Db,
    private readonly server: ServerClient,
  ) {
    this.standards = new StandardsCache(db, server);
  }

  async refresh(token: string): Promise<void> {
    const catalog = await this.server.request(CatalogSchema, 'GET', '/api/v1/catalog', undefined, token);
    await this.db.transaction(async (trx) => {
      await trx('counters').delete();
      await trx('services').delete();
      await trx('agencies').delete();
      if (catalog.agencies.length) await trx('agencies').insert(catalog.agencies.map((a) => ({ id: a.id, code: a.code, name: a.name, service_days: serviceWeekdaysCode(serviceDaysFromWeekdays(a.serviceWeekdays)) })));
      for (const s of catalog.services) await trx('services').insert({ id: s.id, agency_id: s.agencyId, code: s.code, name: s.name });
      for (const c of catalog.counters) await trx('counters').insert({ id: c.id, agency_id: c.agencyId, number: c.number, name: c.name });
      await trx('settings').insert({ key: 'mallName', value: catalog.mallName }).onConflict('key').merge();
    });
    // Standards are kept version by version (never deleted), so they are refreshed apart from the rest.
    await this.standards.refresh(token);
  }

  async get(): Promise<Catalog> {
    const [agencies, services, counters, mall] = await Promise.all([
      this.db('agencies').select('id', 'code', 'name', 'service_days').orderBy('name'),
      this.db('services').select('id', 'agency_id as agencyId', 'code', 'name').orderBy(['agency_id', 'name']),
      this.db('counters').select('id', 'agency_id as agencyId', 'number', 'name').orderBy('number'),
      this.db('settings').where({ key: 'mallName' }).first('value'),
    ]);
    const withDays = (agencies as { id: string; code: string; name: string; service_days: string | null }[]).map(({ service_days, ...a }) => ({
      ...a,
      serviceWeekdays: serviceDaysFromWeekdays(service_days).weekdays,
    }));
    return CatalogSchema.parse({ mallName: (mall as { value?: string } | undefined)?.value ?? 'Mal Pelayanan Publik', agencies: withDays, services, counters });
  }

  /** The service days of an agency as cached with the catalog (Monday–Friday when unknown). */
  async serviceDays(agencyId: string): Promise<ServiceDays> {
    const row = (await this.db('agencies').where({ id: agencyId }).first('service_days')) as { service_days: string | null } | undefined;
    return serviceDaysFromWeekdays(row?.service_days);
  }

  /** Every cached agency's service days by agency id. */
  async serviceDaysByAgency(): Promise<Map<string, ServiceDays>> {
    const rows = (await this.db('agencies').select('id', 'service_days')) as { id: string; service_days: string | null }[];
    return new Map(rows.map((r) => [r.id, serviceDaysFromWeekdays(r.service_days)]));
  }

  async serviceIdsOf(agencyId: string): Promise<string[]> {
    return (await this.db('services').where({ agency_id: agencyId }).orderBy('id').pluck('id')) as string[];
  }

  async counter(id: string): Promise<{ id: string; agencyId: string; name: string } | undefined> {
    return this.db('counters').where({ id }).first('id', 'agency_id as agencyId', 'name');
  }
}
