/**
 * Service standards on the reference server, run unchanged on SQLite and PostgreSQL:
 * versioning (an edit is a new version, old versions stay readable), optimistic concurrency,
 * role checks, the Dukcapil fee rule (UU 24/2013 Pasal 79A) with a bilingual error, the
 * holiday calendar, and the migration down and up.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServiceStandardSchema, StandardsResponseSchema, type ServiceStandard, type ServiceStandardInput } from '../../common/catalog/standard';
import { ServerErrorSchema } from '../../common/server-api/auth';
import { HolidayCalendarSchema } from '../../common/domain/calendar/working-days';
import { migrateServer, rollbackServer } from '../../server/src/db/migrate';
import { startServer, type RunningServer } from '../../server/src/main';
import { createTestDatabase, type Backend, type TestDatabase } from '../integration/server-helpers';
import { serverLogin } from './sync-fixtures';

async function http(base: string, method: string, path: string, token: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  const res = await fetch(new URL(path, base), {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text ? (JSON.parse(text) as unknown) : null };
}

const inputOf = (s: ServiceStandard): ServiceStandardInput => ({
  requirements: s.requirements,
  procedure: s.procedure,
  completionTime: s.completionTime,
  fee: s.fee,
  product: s.product,
  complaintChannel: s.complaintChannel,
  skNumber: s.skNumber,
  skDate: s.skDate,
});

export function defineCatalogStandardsSuite(backend: Backend): void {
  describe(`service standards on ${backend}`, () => {
    let tdb: TestDatabase;
    let server: RunningServer;
    let officer = '';
    let supervisor = '';
    let admin = '';

    beforeAll(async () => {
      tdb = await createTestDatabase(backend);
      server = await startServer({ ...tdb.selection, port: 0, host: '127.0.0.1', demo: true, quiet: true });
      const [a = '', b = '', c = ''] = await Promise.all(['petugas.dukcapil', 'supervisor', 'admin'].map((u) => serverLogin(server.url, u)));
      [officer, supervisor, admin] = [a, b, c];
    });
    afterAll(async () => {
      await server?.close();
      await tdb?.drop();
    });

    const latest = async (serviceId: string): Promise<ServiceStandard> => {
      const r = await http(server.url, 'GET', '/api/v1/catalog/standards', officer);
      expect(r.status).toBe(200);
      const found = StandardsResponseSchema.parse(r.json).standards.find((s) => s.serviceId === serviceId);
      if (!found) throw new Error(`no standard for ${serviceId}`);
      return found;
    };

    it('serves the seeded standards of every demo service with the holiday calendar', async () => {
      const r = await http(server.url, 'GET', '/api/v1/catalog/standards', officer);
      const body = StandardsResponseSchema.parse(r.json);
      expect(body.standards).toHaveLength(13);
      const kk = body.standards.find((s) => s.serviceId === 'sv-dukcapil-kk');
      expect(kk).toMatchObject({ version: 1, fee: { amount: 0 }, completionTime: { value: 1, unit: 'working_days' } });
      expect(kk?.requirements.map((q) => q.code)).toEqual(['F101', 'KK-LAMA', 'NIKAH', 'SKPWNI', 'SPTJM']);
      expect(kk?.requirements.find((q) => q.code === 'SKPWNI')?.mandatory).toBe(false);
      const paspor = body.standards.find((s) => s.serviceId === 'sv-imigrasi-paspor-baru');
      expect(paspor?.fee.variants.map((v) => v.amount)).toEqual([350_000, 650_000]);
      expect(paspor?.fee.legalBasis).toContain('PP No. 28 Tahun 2019');
      const cal = HolidayCalendarSchema.parse(body.calendar?.data);
      expect(cal.dates['2026-01-01']?.kind).toBe('national');
    });

    it('an edit creates a new version; the old version stays readable; a stale base is refused', async () => {
      const v1 = await latest('sv-dukcapil-kk');
      const edited = { ...inputOf(v1), completionTime: null, procedure: [...v1.procedure, 'Langkah tambahan.'] };
      const saved = await http(server.url, 'POST', '/api/v1/catalog/standards/sv-dukcapil-kk/versions', supervisor, { baseVersion: v1.version, standard: edited });
      expect(saved.status).toBe(200);
      const v2 = ServiceStandardSchema.parse(saved.json);
      expect(v2.version).toBe(v1.version + 1);
      expect(v2.completionTime).toBeNull();
      expect((await latest('sv-dukcapil-kk')).version).toBe(v2.version);
      const old = await http(server.url, 'GET', `/api/v1/catalog/standards/sv-dukcapil-kk/versions/${v1.version}`, officer);
      expect(ServiceStandardSchema.parse(old.json)).toEqual(v1);

      // Someone editing from version 1 after version 2 exists: 409 with both languages.
      const stale = await http(server.url, 'POST', '/api/v1/catalog/standards/sv-dukcapil-kk/versions', admin, { baseVersion: v1.version, standard: inputOf(v1) });
      expect(stale.status).toBe(409);
      const e = ServerErrorSchema.parse(stale.json).error;
      expect(e.message).toContain('sudah diubah orang lain');
      expect(e.messageEn).toContain('Someone else changed');
    });

    it('refuses a fee on a Dukcapil service, in Indonesian and English, and a fee without legal basis', async () => {
      const kk = await latest('sv-dukcapil-kk');
      const r = await http(server.url, 'POST', '/api/v1/catalog/standards/sv-dukcapil-kk/versions', admin, {
        baseVersion: kk.version,
        standard: { ...inputOf(kk), fee: { ...kk.fee, amount: 15_000 } },
      });
      expect(r.status).toBe(400);
      const e = ServerErrorSchema.parse(r.json).error;
      expect(e.details?.issue).toBe('FEE_DUKCAPIL_FREE');
      expect(e.message).toContain('UU No. 24 Tahun 2013 Pasal 79A');
      expect(e.messageEn).toContain('free of charge');
      const variant = await http(server.url, 'POST', '/api/v1/catalog/standards/sv-dukcapil-kk/versions', admin, {
        baseVersion: kk.version,
        standard: { ...inputOf(kk), fee: { ...kk.fee, variants: [{ label: 'Cetak ulang', amount: 5000 }] } },
      });
      expect(variant.status).toBe(400);
      expect((await latest('sv-dukcapil-kk')).version).toBe(kk.version);

      const nib = await latest('sv-dpmptsp-nib');
      const noBasis = await http(server.url, 'POST', '/api/v1/catalog/standards/sv-dpmptsp-nib/versions', admin, {
        baseVersion: nib.version,
        standard: { ...inputOf(nib), fee: { amount: 10_000, variants: [], legalBasis: null, note: null } },
      });
      expect(noBasis.status).toBe(400);
      expect(ServerErrorSchema.parse(noBasis.json).error.details?.issue).toBe('FEE_LEGAL_BASIS_REQUIRED');
      // A paid service with its basis is fine.
      const paspor = await latest('sv-imigrasi-paspor-baru');
      const ok = await http(server.url, 'POST', '/api/v1/catalog/standards/sv-imigrasi-paspor-baru/versions', supervisor, {
        baseVersion: paspor.version,
        standard: { ...inputOf(paspor), fee: { ...paspor.fee, amount: 650_000 } },
      });
      expect(ok.status).toBe(200);
    });

    it('only supervisors and admins edit; unknown services and bad input are refused', async () => {
      const kk = await latest('sv-dukcapil-kk');
      const body = { baseVersion: kk.version, standard: inputOf(kk) };
      expect((await http(server.url, 'POST', '/api/v1/catalog/standards/sv-dukcapil-kk/versions', officer, body)).status).toBe(403);
      expect((await http(server.url, 'POST', '/api/v1/catalog/standards/sv-nope/versions', admin, { baseVersion: 0, standard: inputOf(kk) })).status).toBe(404);
      const dup = { ...inputOf(kk), requirements: [...kk.requirements, kk.requirements[0]] };
      expect((await http(server.url, 'POST', '/api/v1/catalog/standards/sv-dukcapil-kk/versions', admin, { baseVersion: kk.version, standard: dup })).status).toBe(400);
      expect((await http(server.url, 'GET', '/api/v1/catalog/standards/sv-dukcapil-kk/versions/999', officer)).status).toBe(404);
    });

    it('publishes a new holiday calendar version', async () => {
      const r = await http(server.url, 'POST', '/api/v1/catalog/holidays', admin, {
        version: '2026.2',
        source: 'SKB perubahan (uji)',
        years: [2026],
        dates: { '2026-12-24': { name: 'Cuti bersama Natal', kind: 'cuti_bersama' } },
      });
      expect(r.status).toBe(200);
      const body = StandardsResponseSchema.parse((await http(server.url, 'GET', '/api/v1/catalog/standards', officer)).json);
      expect(body.calendar?.version).toBe('2026.2');
      expect((await http(server.url, 'POST', '/api/v1/catalog/holidays', officer, { version: 'x', source: 'x', dates: {} })).status).toBe(403);
    });

    it('migrates 004 down and up', async () => {
      const fresh = await createTestDatabase(backend);
      const db = fresh.open();
      try {
        expect(await migrateServer(db)).toContain('004_service_standards');
        expect(await db.schema.hasTable('service_standards')).toBe(true);
        await rollbackServer(db);
        expect(await db.schema.hasTable('service_standards')).toBe(false);
      } finally {
        await db.destroy();
        await fresh.drop();
      }
    });
  });
}
