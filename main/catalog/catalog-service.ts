/** The mall catalog cached locally; the server is authoritative and replaces it whole. */
import type { Db } from '../db/open';
import { CatalogSchema, type Catalog } from '../../common/ipc/models';
import type { ServerClient } from '../server-link/server-client';
import { StandardsCache } from './standards';

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
      if (catalog.agencies.length) await trx('agencies').insert(catalog.agencies.map((a) => ({ id: a.id, code: a.code, name: a.name })));
      for (const s of catalog.services) await trx('services').insert({ id: s.id, agency_id: s.agencyId, code: s.code, name: s.name });
      for (const c of catalog.counters) await trx('counters').insert({ id: c.id, agency_id: c.agencyId, number: c.number, name: c.name });
      await trx('settings').insert({ key: 'mallName', value: catalog.mallName }).onConflict('key').merge();
    });
    // Standards are kept version by version (never deleted), so they are refreshed apart from the rest.
    await this.standards.refresh(token);
  }

  async get(): Promise<Catalog> {
    const [agencies, services, counters, mall] = await Promise.all([
      this.db('agencies').select('id', 'code', 'name').orderBy('name'),
      this.db('services').select('id', 'agency_id as agencyId', 'code', 'name').orderBy(['agency_id', 'name']),
      this.db('counters').select('id', 'agency_id as agencyId', 'number', 'name').orderBy('number'),
      this.db('settings').where({ key: 'mallName' }).first('value'),
    ]);
    return CatalogSchema.parse({ mallName: (mall as { value?: string } | undefined)?.value ?? 'Mal Pelayanan Publik', agencies, services, counters });
  }

  async counter(id: string): Promise<{ id: string; agencyId: string; name: string } | undefined> {
    return this.db('counters').where({ id }).first('id', 'agency_id as agencyId', 'name');
  }
}
