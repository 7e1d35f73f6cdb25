/**
 * The server's re-validation of the applications intents (server/src/applications/workflow.ts),
 * pushed over real HTTP, unchanged on SQLite and PostgreSQL: a valid registration is applied with
 * the server's own fee, SLA, due date and history; a checklist that does not match the standard
 * version, a "complete" file with a mandatory requirement not valid, an unknown version, a foreign
 * agency and a duplicate registration number are rejected; a correction on an old copy is refused.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PushResponseSchema, type OutboxEntry, type PushResult } from '../../common/sync/protocol';
import { StandardsResponseSchema, type ServiceStandard } from '../../common/catalog/standard';
import type { ApplicationRegisterIntent } from '../../common/sync/applications';
import { formatRegistrationNumber } from '../../common/domain/applications/registration-number';
import { startServer, type RunningServer } from '../../server/src/main';
import { createTestDatabase, type Backend, type TestDatabase } from '../integration/server-helpers';
import { checklist } from './applications-fixtures';
import { serverApplications, serverLogin } from './sync-fixtures';

export function defineApplicationsServerSuite(backend: Backend): void {
  describe(`applications intents on ${backend}`, () => {
    let tdb: TestDatabase;
    let server: RunningServer;
    let duk = '';
    let imi = '';
    let kk: ServiceStandard;
    const now = () => new Date('2026-03-02T01:30:00.000Z'); // Monday 08:30 WIB

    const push = async (token: string, entries: OutboxEntry[]): Promise<PushResult[]> => {
      const res = await fetch(new URL('/api/v1/sync/push', server.url), {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ protocol: 1, installationId: 'apps-suite', entries }),
      });
      expect(res.status).toBe(200);
      return PushResponseSchema.parse(await res.json()).results;
    };
    const entry = (kind: string, payload: Record<string, unknown>): OutboxEntry => ({ id: randomUUID(), kind, payload, createdAt: '2026-03-02T01:30:00.000Z' });
    const register = (over: Partial<ApplicationRegisterIntent> = {}): ApplicationRegisterIntent => ({
      id: randomUUID(),
      agencyId: 'ag-dukcapil',
      serviceId: 'sv-dukcapil-kk',
      serviceVersion: kk.version,
      registrationNumber: 'DUKCAPIL-260302-L01-0001-' + 'X',
      ticketId: null,
      ticketNumber: 'A-001',
      counterId: 'ct-01',
      applicantName: 'Siti Aminah',
      applicantNik: '3174054507900001',
      applicantPhone: '+6281234567890',
      applicantSex: 'F',
      applicantBirthDate: '1990-07-05',
      checklist: checklist(kk),
      documents: [],
      complete: true,
      missing: null,
      notes: null,
      at: '2026-03-02T01:30:00.000Z',
      ...over,
    });
    let seq = 0;
    const regno = async (): Promise<string> => {
      seq += 1;
      const r = formatRegistrationNumber({ agencyCode: 'DUKCAPIL', date: '2026-03-02', stationCode: 'L01', seq });
      if (!r.ok) throw new Error('regno');
      return r.value;
    };

    beforeAll(async () => {
      tdb = await createTestDatabase(backend);
      server = await startServer({ ...tdb.selection, port: 0, host: '127.0.0.1', demo: true, quiet: true, now });
      const [a = '', b = ''] = await Promise.all(['petugas.dukcapil', 'petugas.imigrasi'].map((u) => serverLogin(server.url, u)));
      [duk, imi] = [a, b];
      const res = await fetch(new URL('/api/v1/catalog/standards', server.url), { headers: { authorization: `Bearer ${duk}` } });
      const found = StandardsResponseSchema.parse(await res.json()).standards.find((s) => s.serviceId === 'sv-dukcapil-kk');
      if (!found) throw new Error('no KK standard');
      kk = found;
    });
    afterAll(async () => {
      await server?.close();
      await tdb?.drop();
    });

    it('applies a valid registration with the server-computed fee, SLA, due date and history', async () => {
      const p = register({ registrationNumber: await regno() });
      const [r] = await push(duk, [entry('application.register', p)]);
      expect(r).toMatchObject({ status: 'applied' });
      const row = (await serverApplications(server.db, 'ag-dukcapil')).find((a) => a.id === p.id);
      expect(row).toMatchObject({ status: 'diverifikasi', fee: 0, slaWorkingDays: 1, serviceVersion: kk.version, dueDate: '2026-03-03', dueAt: '2026-03-03T09:00:00.000Z', completeAt: p.at });
      expect(row?.history?.map((h) => [h.to, h.byName])).toEqual([
        ['diterima', 'Siti Rahmawati'],
        ['diverifikasi', 'Siti Rahmawati'],
      ]);
      expect(row?.checklist?.map((c) => c.code)).toEqual(kk.requirements.map((q) => q.code));
    });

    it('rejects what a counter may not claim', async () => {
      const cases: [Partial<ApplicationRegisterIntent>, string][] = [
        [{ checklist: checklist(kk).slice(1) }, 'CHECKLIST_MISMATCH'],
        [{ checklist: checklist(kk, { NIKAH: 'present' }) }, 'CHECKLIST_INCOMPLETE'],
        [{ complete: false, missing: null, checklist: checklist(kk, { NIKAH: 'missing' }) }, 'MISSING_REQUIRED'],
        [{ serviceVersion: 99 }, 'UNKNOWN_STANDARD_VERSION'],
        [{ registrationNumber: 'DUKCAPIL-260302-L01-0099-0' }, 'REGNO_INVALID'],
        [{ applicantNik: '3174053207900001' }, 'NIK_INVALID'],
        [{ serviceId: 'sv-imigrasi-paspor-baru' }, 'SERVICE_AGENCY_MISMATCH'],
      ];
      for (const [over, code] of cases) {
        const [r] = await push(duk, [entry('application.register', register({ registrationNumber: await regno(), ...over }))]);
        expect(r, code).toMatchObject({ status: 'rejected', code });
        expect(r?.message?.length).toBeGreaterThan(5);
        expect(r?.messageEn?.length).toBeGreaterThan(5);
      }
      const [foreign] = await push(imi, [entry('application.register', register({ registrationNumber: await regno() }))]);
      expect(foreign).toMatchObject({ status: 'rejected', code: 'FORBIDDEN' });
    });

    it('records an incomplete file with its reason and no due date; a duplicate registration number is rejected', async () => {
      const n = await regno();
      const p = register({ registrationNumber: n, complete: false, missing: 'Buku nikah (belum ada)', checklist: checklist(kk, { NIKAH: 'missing' }) });
      const [r] = await push(duk, [entry('application.register', p)]);
      expect(r).toMatchObject({ status: 'applied' });
      const row = (await serverApplications(server.db, 'ag-dukcapil')).find((a) => a.id === p.id);
      expect(row).toMatchObject({ status: 'berkas_belum_lengkap', statusReason: 'Buku nikah (belum ada)', dueAt: null, completeAt: null });
      const [dup] = await push(duk, [entry('application.register', register({ registrationNumber: n }))]);
      expect(dup?.status).toBe('rejected');
    });

    it('follows the workflow with history; the clock starts at berkas lengkap; a correction on an old copy is refused', async () => {
      const p = register({ registrationNumber: await regno(), complete: false, missing: 'KK lama', checklist: checklist(kk, { 'KK-LAMA': 'missing' }) });
      await push(duk, [entry('application.register', p)]);
      const steps: [string, string, string | null][] = [
        ['berkas_belum_lengkap', 'diverifikasi', null],
        ['diverifikasi', 'diproses', null],
        ['diproses', 'selesai', null],
        ['selesai', 'diambil', null],
      ];
      for (const [from, to, reason] of steps) {
        const [r] = await push(duk, [entry('application.setStatus', { id: p.id, from, to, reason, at: '2026-03-02T02:00:00.000Z' })]);
        expect(r, `${from}→${to}`).toMatchObject({ status: 'applied' });
      }
      const row = (await serverApplications(server.db, 'ag-dukcapil')).find((a) => a.id === p.id);
      expect(row?.history?.map((h) => h.to)).toEqual(['diterima', 'berkas_belum_lengkap', 'diverifikasi', 'diproses', 'selesai', 'diambil']);
      // The counter said 09:00 WIB but the server's clock says 08:30: a counter time later than the
      // server's is never accepted (a fast clock cannot move a deadline).
      expect(row).toMatchObject({ status: 'diambil', completeAt: '2026-03-02T01:30:00.000Z', dueDate: '2026-03-03', version: 5 });

      const [ok] = await push(duk, [entry('application.update', { id: p.id, baseVersion: 5, applicantPhone: '+6281111111111', at: '2026-03-02T02:10:00.000Z' })]);
      expect(ok).toMatchObject({ status: 'applied' });
      const [stale] = await push(duk, [entry('application.update', { id: p.id, baseVersion: 5, notes: 'dari salinan lama', at: '2026-03-02T02:11:00.000Z' })]);
      expect(stale).toMatchObject({ status: 'rejected', code: 'STALE_COPY' });
      expect(stale?.messageEn).toContain('Another officer changed this application');
    });
  });
}
